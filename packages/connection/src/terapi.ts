import { isHelpScoutError } from "@terapi/helpscout-auth";
import {
  type AuthorizationRequest,
  type AuthorizationUrlOptions,
  type CallbackParams,
  OAuthFlows,
} from "./oauth-flows.js";
import { HELPSCOUT_PROVIDERS } from "./providers.js";
import { terapiError } from "./terapi-error.js";
import type { Connection, ConnectionStore, ProviderConfig, TerapiOptions } from "./types.js";

/** Refresh this long before expiry, so a token never expires between `getConnection()` and use. */
const DEFAULT_REFRESH_MARGIN_MS = 15 * 60_000;

/**
 * Connections with always-fresh credentials, terapi-style. `getConnection()` refreshes an OAuth
 * token that is within `refreshMarginMs` of expiry, once per connection: callers in this process
 * share one promise, and processes sharing the store take turns on its lock.
 *
 * @example
 * const terapi = new Terapi({ store: new MemoryConnectionStore() });
 * const { credentials } = await terapi.getConnection("helpscout-mailbox", "acme");
 */
export class Terapi {
  readonly #options: TerapiOptions;
  readonly #store: ConnectionStore;
  readonly #marginMs: number;
  readonly #now: () => number;
  readonly #oauth: OAuthFlows;
  /** In-flight renewals by lock name: concurrent callers in this process share one. */
  readonly #renewing = new Map<string, Promise<Connection>>();
  /** Connections whose token was rejected, with that token when known: renewed on next use. */
  readonly #invalidated = new Map<string, string | undefined>();

  /** @param options - The store, your OAuth clients (`integrations`) and optional overrides. */
  constructor(options: TerapiOptions) {
    this.#options = options;
    this.#store = options.store;
    this.#marginMs = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
    this.#now = options.now ?? Date.now;
    this.#oauth = new OAuthFlows({
      store: this.#store,
      provider: (key) => this.providerOf(key),
      client: (key) => this.#client(key),
      fetch: options.fetch,
      now: () => this.#now(),
    });
  }

  /**
   * The provider configuration behind a provider config key: `integrations[key].provider ?? key`
   * looked up in {@link HELPSCOUT_PROVIDERS} merged with `options.providers`.
   *
   * @throws HelpScoutError `configuration_error` for an unknown provider.
   */
  providerOf(providerConfigKey: string): ProviderConfig {
    const name = this.#options.integrations?.[providerConfigKey]?.provider ?? providerConfigKey;
    const providers = { ...HELPSCOUT_PROVIDERS, ...this.#options.providers };
    const provider = Object.hasOwn(providers, name) ? providers[name] : undefined;
    if (provider === undefined) {
      throw terapiError(
        "configuration_error",
        `unknown provider "${name}" (provider config key "${providerConfigKey}"). Pass it in new Terapi({ providers }).`,
      );
    }
    return provider;
  }

  /**
   * The connection with fresh credentials: an OAuth token close to expiry (or invalidated) is
   * renewed and stored first, including a rotated refresh token. API keys come back as stored.
   *
   * @throws HelpScoutError `connection_not_found`, or `needs_reauthorization` once a refresh
   *   was refused with `invalid_grant` (later calls fail the same way without a token request).
   */
  async getConnection(providerConfigKey: string, connectionId: string): Promise<Connection> {
    const connection = await this.#load(providerConfigKey, connectionId);
    if (!this.#needsRenewal(connection)) return connection;
    const name = `refresh:${providerConfigKey}:${connectionId}`;
    let pending = this.#renewing.get(name);
    if (pending === undefined) {
      pending = this.#store
        .withLock(name, () => this.#renewLocked(providerConfigKey, connectionId))
        .finally(() => this.#renewing.delete(name));
      this.#renewing.set(name, pending);
    }
    return pending;
  }

  /**
   * Makes the next `getConnection()` renew the token even if it is not yet close to expiry (the
   * API answered 401).
   *
   * @param rejectedToken - The access token that was refused. When given, no renewal happens if
   *   the stored token already differs (another process renewed it meanwhile).
   */
  invalidate(providerConfigKey: string, connectionId: string, rejectedToken?: string): void {
    this.#invalidated.set(`refresh:${providerConfigKey}:${connectionId}`, rejectedToken);
  }

  /** Redirect the user here to start the authorization-code flow; see {@link OAuthFlows}. */
  authorizationUrl(
    providerConfigKey: string,
    connectionId: string,
    options?: AuthorizationUrlOptions,
  ): Promise<AuthorizationRequest> {
    return this.#oauth.authorizationUrl(providerConfigKey, connectionId, options);
  }

  /**
   * Finishes the authorization-code flow: checks the state (one use), exchanges the code and
   * stores the connection.
   *
   * @throws HelpScoutError `oauth_state_invalid` for an unknown, used, expired or foreign state.
   */
  handleCallback(providerConfigKey: string, params: CallbackParams): Promise<Connection> {
    return this.#oauth.handleCallback(providerConfigKey, params);
  }

  /** Runs the client-credentials grant and stores an `OAUTH2_CC` connection, renewed by re-running it. */
  clientCredentials(providerConfigKey: string, connectionId: string): Promise<Connection> {
    return this.#oauth.clientCredentials(providerConfigKey, connectionId);
  }

  /** Stores an API-key connection (the Docs API), replacing any previous one. */
  async createApiKeyConnection(
    providerConfigKey: string,
    connectionId: string,
    apiKey: string,
  ): Promise<Connection> {
    if (this.providerOf(providerConfigKey).authMode !== "API_KEY" || !apiKey?.trim()) {
      throw terapiError(
        "configuration_error",
        `"${providerConfigKey}" does not take API keys, or the key is empty.`,
      );
    }
    const existing = await this.#store.get({ providerConfigKey, connectionId });
    const now = new Date(this.#now()).toISOString();
    const connection: Connection = {
      providerConfigKey,
      connectionId,
      credentials: { type: "API_KEY", apiKey },
      ...(existing?.metadata ? { metadata: existing.metadata } : {}),
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await this.#store.put(connection);
    return connection;
  }

  /** Removes a connection; `false` when there was none. */
  deleteConnection(providerConfigKey: string, connectionId: string): Promise<boolean> {
    return this.#store.delete({ providerConfigKey, connectionId });
  }

  /** Every stored connection, or those of one provider config key, as stored (not refreshed). */
  listConnections(providerConfigKey?: string): Promise<Connection[]> {
    return this.#store.list(providerConfigKey);
  }

  async #renewLocked(providerConfigKey: string, connectionId: string): Promise<Connection> {
    // Another process may have renewed while we waited for the lock: then use its token.
    const current = await this.#load(providerConfigKey, connectionId);
    if (!this.#needsRenewal(current)) return current;
    let renewed: Connection;
    try {
      renewed = await this.#oauth.refresh(current);
    } catch (error) {
      if (isHelpScoutError(error) && error.code === "needs_reauthorization") {
        const updatedAt = new Date(this.#now()).toISOString();
        await this.#store.put({ ...current, needsReauthorization: true, updatedAt });
      }
      throw error;
    }
    // Stored before anyone sees it: a rotated refresh token must not be lost.
    await this.#store.put(renewed);
    this.#invalidated.delete(`refresh:${providerConfigKey}:${connectionId}`);
    return renewed;
  }

  async #load(providerConfigKey: string, connectionId: string): Promise<Connection> {
    const connection = await this.#store.get({ providerConfigKey, connectionId });
    if (connection === undefined) {
      throw terapiError(
        "connection_not_found",
        `no connection "${connectionId}" for "${providerConfigKey}". Create it first (OAuth flow or API key).`,
      );
    }
    if (connection.needsReauthorization) {
      throw terapiError(
        "needs_reauthorization",
        `connection "${connectionId}" of "${providerConfigKey}" was refused by the token endpoint: send the user through the authorization URL again.`,
      );
    }
    return connection;
  }

  #needsRenewal({ credentials, providerConfigKey, connectionId }: Connection): boolean {
    if (credentials.type === "API_KEY") return false;
    const name = `refresh:${providerConfigKey}:${connectionId}`;
    if (this.#invalidated.has(name)) {
      const rejected = this.#invalidated.get(name);
      if (rejected === undefined || rejected === credentials.accessToken) return true;
      this.#invalidated.delete(name); // already replaced by someone else
    }
    // An unreadable expiry (NaN) counts as expired.
    return !(Date.parse(credentials.expiresAt) - this.#now() > this.#marginMs);
  }

  #client(providerConfigKey: string): { clientId: string; clientSecret?: string | undefined } {
    const integration = this.#options.integrations?.[providerConfigKey];
    if (!integration?.clientId) {
      throw terapiError(
        "configuration_error",
        `no OAuth client for "${providerConfigKey}": pass integrations: { "${providerConfigKey}": { clientId, clientSecret } }.`,
      );
    }
    return { clientId: integration.clientId, clientSecret: integration.clientSecret };
  }
}
