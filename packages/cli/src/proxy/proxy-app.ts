import type { FetchFunction, Policy } from "@terapi/helpscout-auth";
import { Hono } from "hono";
import {
  accountThrottles,
  type ProxyApiName,
  type ProxyThrottleOptions,
} from "./account-throttles.js";
import { connectionHandler, type ProxyLogEntry } from "./connection-handler.js";
import { forwardRequest } from "./forward-request.js";
import { type ProxyConnections, proxyAccountOf } from "./proxy-connections.js";
import { proxyError } from "./proxy-error.js";
import { MIN_PROXY_KEY_LENGTH, proxyKeyCheck } from "./proxy-key.js";
import { notConnected, routeClients } from "./route-clients.js";
import type { ProxyRoutes } from "./routes.js";

/** Options of {@link createProxyApp}. */
export interface ProxyAppOptions {
  /** Finds a connection's credentials by the caller's `Connection-Id`. */
  connections: ProxyConnections;
  /**
   * The proxy key callers send as `Authorization: Bearer <key>`, at least 16 characters.
   * Required unless `insecureNoKey`. Never logged or answered.
   */
  key?: string | undefined;
  /** Serve without a key: anyone who can reach the proxy uses its connections. */
  insecureNoKey?: boolean;
  /** More routes by path prefix (e.g. `/actions/`), behind the same key and connection checks. */
  routes?: ProxyRoutes;
  /** Pacing: one budget store for the server, keyed per account. */
  throttle?: ProxyThrottleOptions;
  /** Resends failed attempts; the pipeline's `retryPolicy()` unless given. `false`: off. */
  retry?: Policy | false;
  /** The transport to Help Scout; `globalThis.fetch` unless given. */
  fetch?: FetchFunction;
  /**
   * How long a forwarded request may wait for Help Scout's response headers, rate-budget waits
   * and retries included, before the proxy answers 504. Default 120000 ms. The body then streams
   * for as long as it takes.
   */
  timeoutMs?: number;
  /**
   * Only requests whose `Host` is one of these are served (e.g. `127.0.0.1:8990`), so a web page
   * cannot reach the proxy through DNS rebinding. Default: any host.
   */
  allowedHosts?: readonly string[];
  /** Aborting it aborts every request in flight (shutdown). */
  signal?: AbortSignal;
  /** Told about every request answered behind the key check; never given headers or bodies. */
  log?: (entry: ProxyLogEntry) => void;
  /** Told about unexpected errors (answered 500 `internal_error`), e.g. to print them. */
  onError?: (error: unknown) => void;
}

/** The proxy as a fetch-style app: serve it with `startProxyServer`, or mount it in your server. */
export interface ProxyApp {
  /** Answers one request. */
  fetch(request: Request): Promise<Response>;
}

const APIS: readonly ProxyApiName[] = ["mailbox", "docs"];

/**
 * Creates the Help Scout proxy: `/mailbox/<path>` goes to the Mailbox API and `/docs/<path>` to
 * the Docs API with the credentials of the connection the `Connection-Id` header names, once the
 * caller proved the proxy key (`Authorization: Bearer <key>`). All callers of one account share
 * one rate budget; bodies stream both ways; Help Scout's status, headers and body come back as
 * they are. The proxy's own refusals are JSON `{ error: { code, message } }`: 401 bad key, 400
 * missing `Connection-Id` or a refused path, 404 unknown connection or route, 502 Help Scout
 * unreachable, 504 timeout.
 *
 * @throws TypeError without a key (unless `insecureNoKey`) or with one shorter than 16 characters.
 * @example
 * const app = createProxyApp({ key: process.env.HELPSCOUT_PROXY_KEY, connections });
 * const me = await app.fetch(new Request("http://proxy/mailbox/v2/users/me", { headers }));
 */
export function createProxyApp(options: ProxyAppOptions): ProxyApp {
  const checkKey = keyCheckOf(options);
  const secrets = options.key ? [options.key] : [];
  const throttleFor = accountThrottles(options.throttle);
  const hosts = options.allowedHosts && new Set(options.allowedHosts.map((h) => h.toLowerCase()));
  const handle = (serve: Parameters<typeof connectionHandler>[1]) =>
    connectionHandler(
      {
        connections: options.connections,
        timeoutMs: options.timeoutMs ?? 120_000,
        signal: options.signal,
        secrets,
        log: options.log,
        onError: options.onError,
      },
      serve,
    );
  const app = new Hono();

  app.use("*", async (c, next) => {
    if (hosts && !hosts.has(c.req.header("host")?.toLowerCase() ?? "")) {
      const message = "this proxy only answers requests sent to its own address.";
      return proxyError(403, "host_not_allowed", message, secrets);
    }
    if (checkKey && !checkKey(c.req.header("authorization"))) {
      const message = "send the proxy key as `Authorization: Bearer <key>`.";
      return proxyError(401, "unauthorized", message, secrets, {
        "www-authenticate": 'Bearer realm="helpscout-proxy"',
      });
    }
    await next();
  });

  for (const api of APIS) {
    const forward = handle(async ({ request, connectionId, access, signal, startTimeout }) => {
      const reach = access[api];
      if (!reach) throw notConnected(connectionId, api);
      const stopTimeout = startTimeout();
      try {
        return await forwardRequest(request, {
          api,
          access: reach,
          path: new URL(request.url).pathname.slice(api.length + 1),
          throttle: throttleFor(api, proxyAccountOf(api, connectionId, reach.credentials)),
          retry: options.retry,
          fetch: options.fetch,
          signal,
        });
      } finally {
        stopTimeout();
      }
    });
    app.all(`/${api}/*`, (c) => forward(c.req.raw));
  }

  for (const [prefix, route] of Object.entries(options.routes ?? {})) {
    checkPrefix(prefix);
    const serve = handle(({ request, connectionId, access, signal }) => {
      const clients = routeClients(connectionId, access, signal, {
        throttleFor,
        retry: options.retry,
        fetch: options.fetch,
      });
      return route(request, {
        connectionId,
        signal,
        mailbox: async () => clients.mailbox(),
        docs: async () => clients.docs(),
      });
    });
    app.all(`${prefix.endsWith("/") ? prefix : `${prefix}/`}*`, (c) => serve(c.req.raw));
  }

  const served = [
    "/mailbox/…",
    "/docs/…",
    ...Object.keys(options.routes ?? {}).map((p) => `${p}…`),
  ];
  app.notFound(() =>
    proxyError(404, "route_not_found", `the proxy serves ${served.join(", ")}.`, secrets),
  );
  app.onError((error) => {
    options.onError?.(error);
    const message = "the proxy failed unexpectedly; its own output says why.";
    return proxyError(500, "internal_error", message, secrets);
  });
  return { fetch: async (request) => app.fetch(request) };
}

/** A route prefix must be a path of its own, not one of the APIs'. */
function checkPrefix(prefix: string): void {
  if (
    !/^\/[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*\/?$/.test(prefix) ||
    /^\/(mailbox|docs)\b/.test(prefix)
  ) {
    throw new TypeError(
      `@terapi/helpscout-cli: a proxy route prefix is a path such as "/actions/" outside /mailbox/ and /docs/, got ${JSON.stringify(prefix)}.`,
    );
  }
}

function keyCheckOf(
  options: ProxyAppOptions,
): ((header: string | undefined) => boolean) | undefined {
  if (options.key === undefined || options.key === "") {
    if (options.insecureNoKey) return undefined;
    throw new TypeError(
      "@terapi/helpscout-cli: createProxyApp needs a `key` that callers send as `Authorization: Bearer <key>`, or `insecureNoKey: true`.",
    );
  }
  if (options.key.length < MIN_PROXY_KEY_LENGTH) {
    throw new TypeError(
      `@terapi/helpscout-cli: the proxy key must be at least ${MIN_PROXY_KEY_LENGTH} characters (e.g. \`openssl rand -hex 24\`).`,
    );
  }
  return proxyKeyCheck(options.key);
}
