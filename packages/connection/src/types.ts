import type { FetchFunction } from "@terapi/helpscout-auth";

/** How a provider authenticates. */
export type AuthMode = "OAUTH2" | "OAUTH2_CC" | "API_KEY";

/**
 * One provider's configuration, as data (one entry per provider key). Help Scout's two APIs are
 * built in ({@link HELPSCOUT_PROVIDERS}); more can be passed to `new Terapi({ providers })`.
 */
export interface ProviderConfig {
  /** `OAUTH2` (authorization code + refresh), `OAUTH2_CC` (client credentials) or `API_KEY`. */
  authMode: AuthMode;
  /** Where the API lives, e.g. `https://api.helpscout.net`. */
  baseUrl: string;
  /** Browser URL of the consent screen (authorization-code flow). */
  authorizationUrl?: string;
  /** Token endpoint (code exchange, client credentials, refresh). */
  tokenUrl?: string;
  /** Body encoding the token endpoint gets: `form` (x-www-form-urlencoded) or `json`. */
  tokenRequestEncoding?: "form" | "json";
  /** Lifetime of an access token when the token answer has no `expires_in`, in seconds. */
  tokenLifetimeSeconds?: number;
}

/** Credentials of an OAuth 2.0 connection (authorization code or client credentials). */
export interface OAuth2Credentials {
  type: "OAUTH2" | "OAUTH2_CC";
  accessToken: string;
  /** Absent for client-credentials tokens (the grant is re-run instead). */
  refreshToken?: string;
  /** When the access token stops working (ISO 8601). */
  expiresAt: string;
}

/** Credentials of an API-key connection (the Docs API). */
export interface ApiKeyCredentials {
  type: "API_KEY";
  apiKey: string;
}

export type Credentials = OAuth2Credentials | ApiKeyCredentials;

/** A stored connection: who (connection id) is connected to what (provider config key). */
export interface Connection {
  providerConfigKey: string;
  connectionId: string;
  credentials: Credentials;
  /** Set when a refresh failed for good (`invalid_grant`): the user must authorise again. */
  needsReauthorization?: boolean;
  /** Free-form data kept with the connection (never secrets). */
  metadata?: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

/** Identifies one connection. */
export interface ConnectionKey {
  providerConfigKey: string;
  connectionId: string;
}

/** What an OAuth `state` remembers between the redirect and the callback. */
export interface OAuthState {
  providerConfigKey: string;
  connectionId: string;
  /** Unix milliseconds after which the state is refused. */
  expiresAt: number;
}

/**
 * Where connections live. Implementations: {@link MemoryConnectionStore} (tests, one process),
 * the PGlite store (embedded default, persists in a data directory) and the Postgres store (many
 * processes and machines). Persistent stores encrypt credentials at rest.
 */
export interface ConnectionStore {
  get(key: ConnectionKey): Promise<Connection | undefined>;
  put(connection: Connection): Promise<void>;
  delete(key: ConnectionKey): Promise<boolean>;
  list(providerConfigKey?: string): Promise<Connection[]>;
  /**
   * Runs `task` while holding the named lock, across every process sharing the store; other
   * holders wait. Used so exactly one process refreshes a token.
   */
  withLock<T>(name: string, task: () => Promise<T>): Promise<T>;
  /** Remembers an OAuth state until it is taken or expires. */
  putState(state: string, value: OAuthState): Promise<void>;
  /** Returns and forgets a state (one use only); `undefined` if unknown. */
  takeState(state: string): Promise<OAuthState | undefined>;
  /** Releases connections and pools. */
  close?(): Promise<void>;
}

/** The OAuth client of one provider config key (your Help Scout app). */
export interface IntegrationConfig {
  /** Which provider this integration uses, e.g. `helpscout-mailbox`. Defaults to the key itself. */
  provider?: string;
  /** App ID. */
  clientId?: string;
  /** App Secret. Never logged. */
  clientSecret?: string;
  /** Redirection URL registered with the app (sent only where the provider wants it). */
  redirectUri?: string;
}

/** Options of `new Terapi()`. */
export interface TerapiOptions {
  store: ConnectionStore;
  /** OAuth clients by provider config key. */
  integrations?: Record<string, IntegrationConfig>;
  /** Extra or overriding providers (merged over {@link HELPSCOUT_PROVIDERS}). */
  providers?: Record<string, ProviderConfig>;
  /** Refresh this long before expiry. Default 15 minutes. */
  refreshMarginMs?: number;
  /** Secret key a terapi-compatible server expects (for `remoteTokenSource`). */
  secretKey?: string;
  /** Transport for token requests. */
  fetch?: FetchFunction;
  /** Clock, for tests. */
  now?: () => number;
}
