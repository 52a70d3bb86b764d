import { type ClientPipelineOptions, createClientFetch } from "./client-fetch.js";
import { isHelpScoutError } from "./errors.js";
import { type ProxyBody, proxyBody } from "./proxy-body.js";
import { type ProxyConnection, proxyApiOf, proxyAuthOf } from "./proxy-credentials.js";
import { endToEndHeaders } from "./proxy-headers.js";
import { invalidProxyRequest } from "./proxy-request-error.js";
import { type ProxyApi, type ProxyQuery, proxyUrl } from "./proxy-url.js";
import { sharedBudgetStore } from "./shared-budget-store.js";
import { docsThrottle, mailboxThrottle } from "./throttle-presets.js";
import type { FetchFunction } from "./types.js";

/** Options of {@link proxy}: the request, whose credentials, and the pipeline. */
export interface ProxyOptions extends ClientPipelineOptions {
  /** Credentials: a stored connection or direct ones. Never logged or put into an error. */
  connection: ProxyConnection;
  /**
   * Which API. Default: from the connection (`helpscout-docs` / `helpscout-mailbox`, an
   * `apiKey` is Docs, an `accessToken` Mailbox), else from the path (`/v1/` Docs, `/v2/` and
   * `/v3/` Mailbox).
   */
  api?: ProxyApi;
  /** HTTP method; `GET` unless given. One of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS. */
  method?: string;
  /**
   * The API path, e.g. `/v2/conversations/123` (Mailbox) or `/v1/sites` (Docs); no host, query
   * or `..`. Anything else is refused before a call is made.
   */
  path: string;
  /** Query parameters. */
  query?: ProxyQuery;
  /** The body, see {@link ProxyBody}. JSON values get `Content-Type: application/json`. */
  body?: ProxyBody;
  /**
   * Request headers. Hop-by-hop headers, `Host`, `Content-Length`, `Expect` and `Authorization`
   * are not sent: the pipeline sets the connection's own `Authorization`.
   */
  headers?: HeadersInit;
  /** Another host for the API, e.g. the local emulator. Default: Help Scout's. */
  baseUrl?: string;
  /** Aborts the request, including waits for the rate budget and before a retry. */
  signal?: AbortSignal;
  /**
   * `true` (default): a non-2xx answer throws a `HelpScoutError`, as the typed clients do.
   * `false`: Help Scout's final non-2xx answer (after retries and a token refresh) comes back as
   * the `Response`, status, headers and body untouched — what a proxy passes on to its caller.
   * Requests that got no answer still throw.
   */
  throwOnError?: boolean;
}

/**
 * Sends any Help Scout request, untyped, through the same pipeline as the typed clients: the
 * connection's credentials on every attempt (Basic for Docs, Bearer with refresh-and-replay for
 * Mailbox), the account's shared rate budget, retries on 429 (and on 5xx when safe), and typed
 * errors. The path is checked before anything is sent, so credentials only ever go to the API's
 * host.
 *
 * @returns Help Scout's response; its body is streamed, not read.
 * @throws HelpScoutError `invalid_request` (before any call) for a path, method, body or
 *   credentials it refuses; otherwise as the typed clients (`not_found`, `rate_limited`, …),
 *   unless `throwOnError: false`.
 * @example
 * const response = await proxy({
 *   connection: { terapi, providerConfigKey: "helpscout-mailbox", connectionId: "acme" },
 *   method: "PATCH",
 *   path: "/v2/conversations/123",
 *   body: { op: "replace", path: "/status", value: "closed" },
 * });
 */
export async function proxy(options: ProxyOptions): Promise<Response> {
  const api = proxyApiOf(options);
  const url = proxyUrl(api, options.path, options.query, options.baseUrl);
  const method = methodOf(options.method);
  const sent = proxyBody(options.body, method);
  let headers: Headers;
  try {
    // `fetch` sets Host and Content-Length itself and refuses `Expect`.
    headers = endToEndHeaders(options.headers, [
      "authorization",
      "host",
      "content-length",
      "expect",
    ]);
  } catch (cause) {
    throw invalidProxyRequest("headers holds an invalid name or value.", cause);
  }
  if (sent.contentType && !headers.has("content-type")) {
    headers.set("content-type", sent.contentType);
  }
  const { auth, account } = proxyAuthOf(api, options);
  const failed: { last?: Response } = {};
  const fetch = createClientFetch(
    auth,
    {
      ...(options.retry !== undefined ? { retry: options.retry } : {}),
      ...(options.throttle !== undefined ? { throttle: options.throttle } : {}),
      ...(options.policies ? { policies: options.policies } : {}),
      ...(options.throwOnError === false
        ? { fetch: keepingFailures(options.fetch, failed) }
        : options.fetch
          ? { fetch: options.fetch }
          : {}),
    },
    () =>
      api === "docs"
        ? docsThrottle({ account, store: sharedBudgetStore })
        : mailboxThrottle({ account, store: sharedBudgetStore }),
  );
  // Handed to the pipeline as `init`, not as a Request: a streamed body stays a stream.
  const init: RequestInit = {
    method,
    headers,
    ...(sent.body !== undefined ? { body: sent.body } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  try {
    return await fetch(url, init);
  } catch (error) {
    const last = failed.last;
    if (last && isHelpScoutError(error) && error.status === last.status) return last;
    await last?.body?.cancel().catch(() => undefined);
    throw error;
  }
}

/**
 * A transport that keeps a copy of the latest answer of 400 or above, so `throwOnError: false`
 * can hand back the very answer the error policy turned into the error it threw.
 */
function keepingFailures(transport: FetchFunction | undefined, failed: { last?: Response }) {
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const response = await (transport ?? globalThis.fetch)(input, init);
    if (response.status >= 400) {
      await failed.last?.body?.cancel().catch(() => undefined);
      failed.last = response.clone();
    }
    return response;
  };
}

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

function methodOf(method: string | undefined): string {
  const upper = (method ?? "GET").toUpperCase();
  if (!METHODS.has(upper)) {
    throw invalidProxyRequest(
      `method must be one of ${[...METHODS].join(", ")}, got ${JSON.stringify(String(method).slice(0, 20))}.`,
    );
  }
  return upper;
}
