import { apiKeyPolicy } from "./api-key-policy.js";
import { bearerTokenPolicy, staticTokenSource } from "./bearer-token-policy.js";
import { type ConnectionRef, connectionTokenSource } from "./connection-token-source.js";
import { invalidProxyRequest } from "./proxy-request-error.js";
import { apiOfPath, type ProxyApi } from "./proxy-url.js";
import { accountKeyOf } from "./shared-budget-store.js";
import type { Policy, TokenSource } from "./types.js";

/**
 * Whose credentials a proxied request carries: a stored connection (`{ terapi, providerConfigKey,
 * connectionId }`), a Docs API key, a Mailbox access token, or a token source.
 */
export type ProxyConnection =
  | ConnectionRef
  | { apiKey: string }
  | { accessToken: string }
  | { tokenSource: TokenSource };

const PROVIDER_APIS: Readonly<Record<string, ProxyApi>> = {
  "helpscout-docs": "docs",
  "helpscout-mailbox": "mailbox",
};

/**
 * The API a proxied request goes to: `api` when given, else the connection's (a provider key
 * `helpscout-docs`/`helpscout-mailbox`, an `apiKey` is Docs, an `accessToken` Mailbox), else the
 * path's prefix.
 *
 * @throws HelpScoutError `invalid_request` when `api` and the connection disagree, or none says.
 */
export function proxyApiOf(options: {
  api?: ProxyApi | undefined;
  connection: ProxyConnection;
  path: unknown;
}): ProxyApi {
  const { api, connection } = options;
  if (api !== undefined && api !== "docs" && api !== "mailbox") {
    throw invalidProxyRequest(`api must be "docs" or "mailbox", got ${JSON.stringify(api)}.`);
  }
  const byCredential =
    typeof connection !== "object" || connection === null
      ? undefined
      : "apiKey" in connection
        ? "docs"
        : "accessToken" in connection
          ? "mailbox"
          : "providerConfigKey" in connection
            ? PROVIDER_APIS[connection.providerConfigKey]
            : undefined;
  if (api && byCredential && api !== byCredential) {
    throw invalidProxyRequest(
      `the connection is for the ${byCredential === "docs" ? "Docs" : "Mailbox"} API, not the ${api === "docs" ? "Docs" : "Mailbox"} API.`,
    );
  }
  const chosen = api ?? byCredential ?? apiOfPath(String(options.path));
  if (chosen === undefined) {
    throw invalidProxyRequest(
      `pass \`api\`, or a path starting with /v1/ (Docs) or /v2/ or /v3/ (Mailbox), got ${JSON.stringify(String(options.path).slice(0, 120))}.`,
    );
  }
  return chosen;
}

/** One account per token source, so every proxy() call with the same source shares a budget. */
const tokenSourceAccounts = new WeakMap<TokenSource, string>();
let tokenSources = 0;

/**
 * The auth policy for `connection` on `api`, and the account its rate budget is kept under:
 * `account` when given, else the connection, a hash of the key or token, or one per token source.
 *
 * @throws HelpScoutError `invalid_request` for a connection without usable credentials.
 */
export function proxyAuthOf(
  api: ProxyApi,
  options: { connection: ProxyConnection; account?: string | undefined },
): { auth: Policy; account: string } {
  const connection = options.connection as Partial<
    ConnectionRef & { apiKey: unknown; accessToken: unknown; tokenSource: TokenSource }
  > | null;
  const authFor = (source: TokenSource | string) =>
    api === "docs"
      ? apiKeyPolicy(source)
      : bearerTokenPolicy(typeof source === "string" ? staticTokenSource(source) : source);
  if (connection?.terapi && connection.providerConfigKey && connection.connectionId) {
    const ref = connection as ConnectionRef;
    return {
      auth: authFor(connectionTokenSource(ref)),
      account: options.account ?? accountKeyOf(api, { connection: ref }),
    };
  }
  const secret = connection?.apiKey ?? connection?.accessToken;
  if (typeof secret === "string" && secret.trim() !== "") {
    return { auth: authFor(secret), account: options.account ?? accountKeyOf(api, { secret }) };
  }
  const source = connection?.tokenSource;
  if (source && typeof source.getToken === "function") {
    let account = tokenSourceAccounts.get(source);
    if (account === undefined) {
      tokenSources += 1;
      account = `${api}:token-source-${tokenSources}`;
      tokenSourceAccounts.set(source, account);
    }
    return { auth: authFor(source), account: options.account ?? account };
  }
  throw invalidProxyRequest(
    "connection must be a stored connection ({ terapi, providerConfigKey, connectionId }), a non-empty `apiKey` or `accessToken`, or a `tokenSource`.",
  );
}
