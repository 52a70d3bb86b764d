import { withHeader } from "./api-key-policy.js";
import type { Policy, TokenSource } from "./types.js";

/**
 * Mailbox API authentication: `Authorization: Bearer <token>` from a {@link TokenSource}, asked
 * anew on every attempt so a refreshed token is picked up by retries.
 *
 * Refresh-and-replay on 401 is added by the OAuth work; this policy only applies the token.
 *
 * @see https://developer.helpscout.com/mailbox-api/overview/authentication/
 */
export function bearerTokenPolicy(tokenSource: TokenSource): Policy {
  return async (request, next) => {
    const token = await tokenSource.getToken();
    return next(withHeader(request, "authorization", `Bearer ${token}`));
  };
}

/**
 * A {@link TokenSource} for a fixed access token (for scripts and tests). It cannot refresh: once
 * Help Scout rejects the token (after 48 hours) calls fail with an `unauthorized` error.
 */
export function staticTokenSource(accessToken: string): TokenSource {
  if (typeof accessToken !== "string" || accessToken.trim() === "") {
    throw new TypeError("@terapi/helpscout-auth: accessToken is empty.");
  }
  return { getToken: async () => accessToken };
}
