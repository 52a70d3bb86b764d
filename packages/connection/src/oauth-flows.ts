import { randomBytes } from "node:crypto";
import type { FetchFunction } from "@terapi/helpscout-auth";
import { terapiError } from "./terapi-error.js";
import { type IssuedToken, requestToken } from "./token-endpoint.js";
import type { Connection, ConnectionStore, OAuth2Credentials, ProviderConfig } from "./types.js";

/** A user has this long to pass the consent screen before the state is refused. */
const DEFAULT_STATE_TTL_MS = 10 * 60_000;

/** Where to send the user, and the state Help Scout will echo back to the callback. */
export interface AuthorizationRequest {
  /** The consent-screen URL with `client_id` and `state`. */
  url: string;
  /** Random, one use, expires after `ttlMs`. */
  state: string;
}

/** Options of `authorizationUrl()`. */
export interface AuthorizationUrlOptions {
  /** How long the state stays valid. Default 10 minutes. */
  ttlMs?: number;
}

/** The query of the redirect to your callback. */
export interface CallbackParams {
  /** The authorization code (one use, short-lived). Never logged. */
  code: string;
  /** The state from {@link AuthorizationRequest}. */
  state: string;
}

/** What the flows need from `Terapi`. @internal */
export interface OAuthContext {
  /** Where states and connections are kept. */
  store: ConnectionStore;
  /** The provider behind a provider config key; throws `configuration_error` if unknown. */
  provider(providerConfigKey: string): ProviderConfig;
  /** The OAuth client of a provider config key; throws `configuration_error` without a client id. */
  client(providerConfigKey: string): { clientId: string; clientSecret?: string | undefined };
  /** Transport for token requests (not the bearer pipeline). */
  fetch: FetchFunction | undefined;
  /** Clock, Unix milliseconds. */
  now(): number;
}

/**
 * The OAuth 2.0 flows: authorization URL with state, code exchange, client credentials and
 * refresh. `Terapi` exposes the first three; refresh runs inside `getConnection()`.
 *
 * @see https://developer.helpscout.com/mailbox-api/overview/authentication/
 * @internal
 */
export class OAuthFlows {
  readonly #context: OAuthContext;

  /** @param context - Store, provider and client lookups, transport and clock of a `Terapi`. */
  constructor(context: OAuthContext) {
    this.#context = context;
  }

  /** Stores a fresh random state and returns the consent-screen URL carrying it. */
  async authorizationUrl(
    providerConfigKey: string,
    connectionId: string,
    { ttlMs = DEFAULT_STATE_TTL_MS }: AuthorizationUrlOptions = {},
  ): Promise<AuthorizationRequest> {
    const authorizationUrl = this.#context.provider(providerConfigKey).authorizationUrl;
    if (authorizationUrl === undefined) {
      throw terapiError(
        "configuration_error",
        `provider of "${providerConfigKey}" has no authorizationUrl; it does not support the authorization-code flow.`,
      );
    }
    const { clientId } = this.#context.client(providerConfigKey);
    const state = randomBytes(32).toString("base64url");
    const expiresAt = this.#context.now() + ttlMs;
    await this.#context.store.putState(state, { providerConfigKey, connectionId, expiresAt });
    const url = new URL(authorizationUrl);
    url.searchParams.set("client_id", clientId);
    url.searchParams.set("state", state);
    return { url: url.toString(), state };
  }

  /** Takes the state (one use), exchanges the code and stores the connection. */
  async handleCallback(providerConfigKey: string, params: CallbackParams): Promise<Connection> {
    const found = params.state ? await this.#context.store.takeState(params.state) : undefined;
    if (
      found === undefined ||
      found.expiresAt <= this.#context.now() ||
      found.providerConfigKey !== providerConfigKey
    ) {
      throw terapiError(
        "oauth_state_invalid",
        `the callback's state is unknown, used, expired or not for "${providerConfigKey}". Start the flow again from the authorization URL.`,
      );
    }
    if (!params.code) {
      throw terapiError(
        "bad_request",
        "the callback carried no code: the user may have denied access.",
      );
    }
    const token = await this.#grant(providerConfigKey, {
      grant_type: "authorization_code",
      code: params.code,
    });
    return this.#save(providerConfigKey, found.connectionId, "OAUTH2", token);
  }

  /** Runs the client-credentials grant and stores an `OAUTH2_CC` connection. */
  async clientCredentials(providerConfigKey: string, connectionId: string): Promise<Connection> {
    const token = await this.#grant(providerConfigKey, { grant_type: "client_credentials" });
    return this.#save(providerConfigKey, connectionId, "OAUTH2_CC", token);
  }

  /**
   * New credentials for `connection` (not stored): the refresh-token grant, keeping the old
   * refresh token unless a new one was issued, or the client-credentials grant run again.
   */
  async refresh(connection: Connection): Promise<Connection> {
    const { credentials, providerConfigKey, connectionId } = connection;
    if (credentials.type === "API_KEY") return connection;
    if (credentials.type === "OAUTH2_CC") {
      const token = await this.#grant(providerConfigKey, { grant_type: "client_credentials" });
      return this.#renewed(connection, "OAUTH2_CC", token);
    }
    if (credentials.refreshToken === undefined) {
      throw terapiError(
        "needs_reauthorization",
        `connection "${connectionId}" of "${providerConfigKey}" has no refresh token: send the user through the authorization URL again.`,
      );
    }
    const token = await this.#grant(providerConfigKey, {
      grant_type: "refresh_token",
      refresh_token: credentials.refreshToken,
    });
    return this.#renewed(connection, "OAUTH2", {
      refreshToken: credentials.refreshToken,
      ...token,
    });
  }

  async #grant(providerConfigKey: string, params: Record<string, string>): Promise<IssuedToken> {
    const provider = this.#context.provider(providerConfigKey);
    const { clientId, clientSecret } = this.#context.client(providerConfigKey);
    if (provider.tokenUrl === undefined || !clientSecret) {
      throw terapiError(
        "configuration_error",
        `"${providerConfigKey}" needs a provider tokenUrl and integrations["${providerConfigKey}"].clientSecret for OAuth token requests.`,
      );
    }
    return requestToken({
      tokenUrl: provider.tokenUrl,
      encoding: provider.tokenRequestEncoding ?? "form",
      params: { ...params, client_id: clientId, client_secret: clientSecret },
      fetch: this.#context.fetch,
      now: this.#context.now(),
      lifetimeSeconds: provider.tokenLifetimeSeconds,
    });
  }

  async #save(
    providerConfigKey: string,
    connectionId: string,
    type: OAuth2Credentials["type"],
    token: IssuedToken,
  ): Promise<Connection> {
    const existing = await this.#context.store.get({ providerConfigKey, connectionId });
    const now = new Date(this.#context.now()).toISOString();
    const connection: Connection = {
      providerConfigKey,
      connectionId,
      credentials: { type, ...token },
      ...(existing?.metadata ? { metadata: existing.metadata } : {}),
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await this.#context.store.put(connection);
    return connection;
  }

  #renewed(
    connection: Connection,
    type: OAuth2Credentials["type"],
    token: IssuedToken,
  ): Connection {
    return {
      ...connection,
      credentials: { type, ...token },
      updatedAt: new Date(this.#context.now()).toISOString(),
    };
  }
}
