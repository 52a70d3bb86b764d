import type { DocsClient } from "@terapi/helpscout-docs";
import type { MailboxClient } from "@terapi/helpscout-mailbox";

/**
 * What a {@link ProxyRoute} is given besides the request: the caller's connection, typed clients
 * for it and the request's abort signal.
 */
export interface ProxyRouteContext {
  /** The connection id from the `Connection-Id` header (already authenticated by the proxy key). */
  connectionId: string;
  /**
   * A typed Mailbox client for this connection, sharing the proxy's throttle and retry.
   *
   * @throws HelpScoutError `connection_not_found` when the connection has no Mailbox credentials.
   */
  mailbox(): Promise<MailboxClient>;
  /**
   * A typed Docs client for this connection, sharing the proxy's throttle and retry.
   *
   * @throws HelpScoutError `connection_not_found` when the connection has no Docs credentials.
   */
  docs(): Promise<DocsClient>;
  /** Aborted when the caller goes away or the server shuts down. */
  signal: AbortSignal;
}

/**
 * A route mounted on the proxy server under a path prefix (e.g. `/actions/`), behind the same
 * proxy-key check and `Connection-Id` resolution as `/mailbox/*` and `/docs/*`. It answers with
 * any `Response`; a `HelpScoutError` it throws becomes the proxy's JSON error with Help Scout's
 * status, anything else a 500 without details.
 *
 * @example
 * const routes: Record<string, ProxyRoute> = {
 *   "/actions/": async (request, { mailbox }) => {
 *     const { data } = await (await mailbox()).GET("/v2/users/me");
 *     return Response.json({ me: data?.email });
 *   },
 * };
 */
export type ProxyRoute = (request: Request, context: ProxyRouteContext) => Promise<Response>;

/** Routes by path prefix; each prefix starts and ends with `/`, e.g. `{ "/actions/": route }`. */
export type ProxyRoutes = Readonly<Record<string, ProxyRoute>>;
