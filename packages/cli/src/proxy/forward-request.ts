import { endToEndHeaders, type FetchFunction, type Policy, proxy } from "@terapi/helpscout-auth";
import type { DocsCredentials } from "@terapi/helpscout-docs";
import type { MailboxCredentials } from "@terapi/helpscout-mailbox";
import type { ProxyApiName } from "./account-throttles.js";
import { type ProxyApiAccess, proxyConnectionOf } from "./proxy-connections.js";

/**
 * Caller headers that are for the proxy itself, never sent to Help Scout. `Accept-Encoding` is
 * left to `fetch`, which then decodes every encoding Help Scout may pick.
 */
const PROXY_ONLY_HEADERS = [
  "authorization",
  "connection-id",
  "cookie",
  "host",
  "content-length",
  "expect",
  "accept-encoding",
];

/** What {@link forwardRequest} needs besides the request. */
export interface ForwardOptions {
  api: ProxyApiName;
  access: ProxyApiAccess<MailboxCredentials | DocsCredentials>;
  /** The path after the API's mount, e.g. `/v2/users/me` of `/mailbox/v2/users/me`. */
  path: string;
  throttle: Policy;
  retry: Policy | false | undefined;
  fetch: FetchFunction | undefined;
  signal: AbortSignal;
}

/**
 * Sends a caller's request on to Help Scout through `proxy()` and hands back Help Scout's answer,
 * streamed both ways: the request body is passed as a stream, the response body is returned
 * unread. The caller's `Authorization`, `Connection-Id`, cookies and hop-by-hop headers stay
 * here; Help Scout's headers (rate limits, `Location`, `Resource-Id`, errors) go back, less
 * hop-by-hop ones and, when `fetch` already decoded the body, its encoding and length.
 */
export async function forwardRequest(request: Request, options: ForwardOptions): Promise<Response> {
  const url = new URL(request.url);
  const upstream = await proxy({
    connection: proxyConnectionOf(options.access.credentials),
    api: options.api,
    method: request.method,
    path: options.path,
    query: url.searchParams,
    headers: endToEndHeaders(request.headers, PROXY_ONLY_HEADERS),
    ...(hasBody(request) && request.body ? { body: request.body } : {}),
    ...(options.access.baseUrl ? { baseUrl: options.access.baseUrl } : {}),
    throttle: options.throttle,
    ...(options.retry !== undefined ? { retry: options.retry } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    signal: options.signal,
    throwOnError: false,
  });
  const decoded = upstream.headers.has("content-encoding");
  return new Response(upstream.body, {
    status: upstream.status,
    statusText: upstream.statusText,
    headers: endToEndHeaders(
      upstream.headers,
      decoded ? ["content-encoding", "content-length"] : [],
    ),
  });
}

/** True when the caller sent a body: a length above 0, or a chunked one. */
function hasBody(request: Request): boolean {
  if (request.method === "GET" || request.method === "HEAD") return false;
  const length = Number(request.headers.get("content-length") ?? "0");
  return request.headers.has("transfer-encoding") || length > 0;
}
