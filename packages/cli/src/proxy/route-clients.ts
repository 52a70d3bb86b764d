import { type FetchFunction, HelpScoutError, type Policy } from "@terapi/helpscout-auth";
import { createDocsClient, type DocsClient } from "@terapi/helpscout-docs";
import { createMailboxClient, type MailboxClient } from "@terapi/helpscout-mailbox";
import type { ProxyApiName } from "./account-throttles.js";
import { type ProxyConnectionAccess, proxyAccountOf } from "./proxy-connections.js";

/** What the typed clients of a route share with the proxy's own forwarding. */
export interface RouteClientOptions {
  throttleFor(api: ProxyApiName, account: string): Policy;
  retry: Policy | false | undefined;
  fetch: FetchFunction | undefined;
}

const API_NAMES = { mailbox: "Mailbox", docs: "Docs" } as const;

/**
 * The typed clients a route gets for a connection: the connection's credentials and host, the
 * proxy's throttle of that account, its retry and transport, and aborted with the request.
 */
export function routeClients(
  connectionId: string,
  access: ProxyConnectionAccess,
  signal: AbortSignal,
  options: RouteClientOptions,
): { mailbox(): MailboxClient; docs(): DocsClient } {
  const shared = (
    api: ProxyApiName,
    reach: { credentials: Parameters<typeof proxyAccountOf>[2]; baseUrl?: string | undefined },
  ) => ({
    ...(reach.baseUrl ? { baseUrl: reach.baseUrl } : {}),
    throttle: options.throttleFor(api, proxyAccountOf(api, connectionId, reach.credentials)),
    ...(options.retry !== undefined ? { retry: options.retry } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    policies: [abortingWith(signal)],
  });
  return {
    mailbox() {
      const reach = access.mailbox;
      if (!reach) throw notConnected(connectionId, "mailbox");
      return createMailboxClient({ ...reach.credentials, ...shared("mailbox", reach) });
    },
    docs() {
      const reach = access.docs;
      if (!reach) throw notConnected(connectionId, "docs");
      return createDocsClient({ ...reach.credentials, ...shared("docs", reach) });
    },
  };
}

/**
 * The error for a connection without credentials for an API (answered 404).
 */
export function notConnected(connectionId: string, api: ProxyApiName): HelpScoutError {
  return new HelpScoutError({
    code: "connection_not_found",
    message: `connection "${connectionId.slice(0, 200)}" has no ${API_NAMES[api]} API credentials.`,
  });
}

/** A policy that also aborts the request when `signal` does (the caller left, or shutdown). */
function abortingWith(signal: AbortSignal): Policy {
  return (request, next) =>
    next({
      ...request,
      signal: request.signal ? AbortSignal.any([request.signal, signal]) : signal,
    });
}
