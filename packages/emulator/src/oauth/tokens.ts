import { randomBytes } from "node:crypto";
import type { Account, EmulatorContext } from "../types.js";

/** How long an authorization code from the consent step stays valid (emulated time). */
export const CODE_LIFETIME_MS = 10 * 60_000;

/** Where the consent step redirects when neither the request nor the admin API names a URI. */
export const DEFAULT_REDIRECT_URI = "http://127.0.0.1/callback";

/** The token endpoint's answer (`OAuthTokenResponse` of the Mailbox spec). */
export interface TokenResponse {
  token_type: "bearer";
  access_token: string;
  expires_in: number;
  refresh_token?: string;
}

/** Who a token, refresh token or code acts for. */
export interface Grant {
  accountId: string;
  clientId: string;
  userId: number;
}

const redirectUris = new WeakMap<EmulatorContext, Map<string, string>>();

/** An opaque random secret (hex), as Help Scout's tokens look. */
export function randomToken(): string {
  return randomBytes(20).toString("hex");
}

/** The app registered as `clientId` with this secret, and its account; undefined otherwise. */
export function findClient(
  emulator: EmulatorContext,
  clientId: string,
  clientSecret?: string,
): Account | undefined {
  for (const account of emulator.accounts.values()) {
    const secret = account.oauthClients.get(clientId);
    if (secret !== undefined && (clientSecret === undefined || secret === clientSecret)) {
      return account;
    }
  }
  return undefined;
}

/** Issues an access token (and, unless `withRefresh` is false, a refresh token) for a grant. */
export function issueTokens(
  emulator: EmulatorContext,
  grant: Grant,
  withRefresh: boolean,
): TokenResponse {
  const { tokens, clock } = emulator;
  const access = randomToken();
  tokens.access.set(access, {
    ...grant,
    expiresAt: clock.now() + tokens.lifetimeSeconds * 1000,
  });
  const answer: TokenResponse = {
    token_type: "bearer",
    access_token: access,
    expires_in: tokens.lifetimeSeconds,
  };
  if (withRefresh) {
    const refresh = randomToken();
    tokens.refresh.set(refresh, { ...grant });
    answer.refresh_token = refresh;
  }
  return answer;
}

/** Issues a one-use authorization code valid for {@link CODE_LIFETIME_MS}. */
export function issueCode(emulator: EmulatorContext, grant: Grant): string {
  const code = randomToken();
  emulator.tokens.codes.set(code, { ...grant, expiresAt: emulator.clock.now() + CODE_LIFETIME_MS });
  return code;
}

/** Registers the Redirection URL of an account's app (set through the admin API). */
export function setRedirectUri(emulator: EmulatorContext, accountId: string, uri: string): void {
  let uris = redirectUris.get(emulator);
  if (!uris) {
    uris = new Map();
    redirectUris.set(emulator, uris);
  }
  uris.set(accountId, uri);
}

/** The registered Redirection URL of an account's app, or {@link DEFAULT_REDIRECT_URI}. */
export function redirectUriOf(emulator: EmulatorContext, accountId: string): string {
  return redirectUris.get(emulator)?.get(accountId) ?? DEFAULT_REDIRECT_URI;
}
