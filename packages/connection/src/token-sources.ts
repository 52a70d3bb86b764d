import type { FetchFunction, TokenSource } from "@terapi/helpscout-auth";
import { HELPSCOUT_PROVIDERS } from "./providers.js";
import { fetchRemoteCredentials, type TimedToken } from "./remote-credentials.js";
import { requestToken } from "./token-endpoint.js";

/** Renew a client-credentials token this long before it expires. */
const CLIENT_CREDENTIALS_MARGIN_MS = 15 * 60_000;
/** Refetch a remote token this long before its `expires_at`. */
const REMOTE_MARGIN_MS = 60_000;

/** Options of {@link clientCredentialsTokenSource}. */
export interface ClientCredentialsTokenSourceOptions {
  /** App ID. */
  clientId: string;
  /** App Secret. Never logged or put into an error. */
  clientSecret: string;
  /** Token endpoint; Help Scout's by default. */
  tokenUrl?: string;
  /** Transport for the token request (a plain fetch, not the bearer pipeline). */
  fetch?: FetchFunction;
  /** Clock, for tests. */
  now?: () => number;
}

/**
 * A {@link TokenSource} that runs the client-credentials grant and keeps the token in memory,
 * renewing it 15 minutes before expiry; concurrent callers share one token request. Nothing is
 * stored: for an internal integration of your own Help Scout account.
 *
 * @see https://developer.helpscout.com/mailbox-api/overview/authentication/#client-credentials-flow
 */
export function clientCredentialsTokenSource(
  options: ClientCredentialsTokenSourceOptions,
): TokenSource {
  const provider = HELPSCOUT_PROVIDERS["helpscout-mailbox"];
  const now = options.now ?? Date.now;
  return cachedTokenSource(CLIENT_CREDENTIALS_MARGIN_MS, now, async () => {
    const token = await requestToken({
      tokenUrl: options.tokenUrl ?? provider?.tokenUrl ?? "",
      encoding: provider?.tokenRequestEncoding ?? "form",
      params: {
        grant_type: "client_credentials",
        client_id: options.clientId,
        client_secret: options.clientSecret,
      },
      fetch: options.fetch,
      now: now(),
      lifetimeSeconds: provider?.tokenLifetimeSeconds,
    });
    return { token: token.accessToken, expiresAt: Date.parse(token.expiresAt) };
  });
}

/** Options of {@link remoteTokenSource}. */
export interface RemoteTokenSourceOptions {
  /** The terapi- or Nango-compatible server, e.g. `https://api.nango.dev`. */
  baseUrl: string;
  /** The server's secret key, sent as `Authorization: Bearer`. Never logged. */
  secretKey: string;
  /** The server's provider config key, e.g. `helpscout-mailbox`. */
  providerConfigKey: string;
  /** Whose connection, e.g. your customer's id. */
  connectionId: string;
  /** Transport; `globalThis.fetch` unless given. */
  fetch?: FetchFunction;
  /** Clock, for tests. */
  now?: () => number;
}

/**
 * A {@link TokenSource} backed by a terapi/Nango-compatible server that owns the connection:
 * `GET {baseUrl}/connection/{connectionId}?provider_config_key=…`. The token is cached until one
 * minute before its `expires_at`; `invalidate()` makes the next call ask with `force_refresh=true`.
 */
export function remoteTokenSource(options: RemoteTokenSourceOptions): TokenSource {
  return cachedTokenSource(REMOTE_MARGIN_MS, options.now ?? Date.now, (forceRefresh) =>
    fetchRemoteCredentials(options, forceRefresh),
  );
}

/** Caches what `load` returns until `marginMs` before expiry; one `load` at a time. */
function cachedTokenSource(
  marginMs: number,
  now: () => number,
  load: (forced: boolean) => Promise<TimedToken>,
): TokenSource {
  let cached: TimedToken | undefined;
  let pending: { generation: number; promise: Promise<string> } | undefined;
  let forced = false;
  // Bumped by invalidate(): a request started before it answers for a rejected token.
  let generation = 0;
  const fresh = (entry: TimedToken) =>
    entry.expiresAt === undefined || entry.expiresAt - now() > marginMs;
  return {
    getToken() {
      if (cached !== undefined && fresh(cached)) return Promise.resolve(cached.token);
      if (pending?.generation !== generation) {
        const started = generation;
        const promise: Promise<string> = load(forced)
          .then((entry) => {
            if (started === generation) [cached, forced] = [entry, false];
            return entry.token;
          })
          .finally(() => {
            if (pending?.promise === promise) pending = undefined;
          });
        pending = { generation: started, promise };
      }
      return pending.promise;
    },
    invalidate() {
      [cached, forced] = [undefined, true];
      generation += 1;
    },
  };
}
