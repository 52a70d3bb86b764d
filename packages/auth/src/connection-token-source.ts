import type { TokenSource } from "./types.js";

/**
 * What the clients need of a connection store: fresh credentials for a connection, and a way to
 * say a token was refused. `Terapi` from `@terapi/connection` has this shape; this package only
 * depends on the shape, never on that class.
 */
export interface ConnectionProvider {
  getConnection(
    providerConfigKey: string,
    connectionId: string,
  ): Promise<{ credentials: { type: string; accessToken?: string; apiKey?: string } }>;
  invalidate?(providerConfigKey: string, connectionId: string, rejectedToken?: string): void;
}

/** A stored connection, as the clients' `connection` option takes it. */
export interface ConnectionRef {
  /** e.g. `new Terapi({ store })` from `@terapi/connection`. */
  terapi: ConnectionProvider;
  /** e.g. `helpscout-mailbox`. */
  providerConfigKey: string;
  /** Whose connection, e.g. your customer's id. */
  connectionId: string;
}

/**
 * A {@link TokenSource} over a stored connection: every `getToken()` asks `getConnection()`,
 * which refreshes as needed; `invalidate()` (after a 401) makes the next one renew the refused
 * token.
 *
 * @returns The access token of an OAuth connection, or the API key of an API-key connection.
 */
export function connectionTokenSource(ref: ConnectionRef): TokenSource {
  const { terapi, providerConfigKey, connectionId } = ref;
  let last: string | undefined;
  return {
    async getToken() {
      const { credentials } = await terapi.getConnection(providerConfigKey, connectionId);
      const token = credentials.type === "API_KEY" ? credentials.apiKey : credentials.accessToken;
      if (!token) {
        throw new TypeError(
          `@terapi/helpscout-auth: connection "${connectionId}" of "${providerConfigKey}" has no ${credentials.type === "API_KEY" ? "API key" : "access token"}.`,
        );
      }
      last = token;
      return token;
    },
    invalidate(rejectedToken) {
      terapi.invalidate?.(providerConfigKey, connectionId, rejectedToken ?? last);
    },
  };
}
