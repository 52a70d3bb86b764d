import { accountKeyOf, type ProxyConnection } from "@terapi/helpscout-auth";
import type { DocsCredentials } from "@terapi/helpscout-docs";
import type { MailboxCredentials } from "@terapi/helpscout-mailbox";

/** How the proxy reaches one API for a connection. */
export interface ProxyApiAccess<C> {
  /** The credentials, as the typed client of the API takes them. Never logged or answered. */
  credentials: C;
  /** Another host, e.g. the emulator's URL; Help Scout's own when absent. */
  baseUrl?: string | undefined;
}

/** What a connection id stands for: the APIs it has credentials for. */
export interface ProxyConnectionAccess {
  mailbox?: ProxyApiAccess<MailboxCredentials> | undefined;
  docs?: ProxyApiAccess<DocsCredentials> | undefined;
}

/**
 * Finds the credentials of the connection a caller names in `Connection-Id`; `undefined` for an
 * unknown one (answered 404).
 *
 * @example
 * const connections: ProxyConnections = async (connectionId) =>
 *   (await store.get({ providerConfigKey: "helpscout-mailbox", connectionId }))
 *     ? { mailbox: { credentials: { connection: { terapi, providerConfigKey: "helpscout-mailbox", connectionId } } } }
 *     : undefined;
 */
export type ProxyConnections = (connectionId: string) => Promise<ProxyConnectionAccess | undefined>;

/** The credentials of an API access as `proxy()` takes them. */
export function proxyConnectionOf(
  credentials: MailboxCredentials | DocsCredentials,
): ProxyConnection {
  return credentials.connection ?? (credentials as ProxyConnection);
}

/**
 * The account a connection's budget is kept under: a stored connection's own key (as the typed
 * clients use), else the API and the connection id.
 */
export function proxyAccountOf(
  api: "mailbox" | "docs",
  connectionId: string,
  credentials: MailboxCredentials | DocsCredentials,
): string {
  return credentials.connection
    ? accountKeyOf(api, { connection: credentials.connection })
    : `${api}:${connectionId}`;
}
