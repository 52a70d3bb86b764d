import { isHelpScoutError } from "./errors.js";
import { replayable, withHeader } from "./pipeline-request.js";
import type { Policy, TokenSource } from "./types.js";

/**
 * Mailbox API authentication: `Authorization: Bearer <token>` from a {@link TokenSource}, asked
 * anew on every attempt so a refreshed token is picked up by retries.
 *
 * On a 401 it calls `tokenSource.invalidate()`, gets a token again and replays the request once
 * with it (a streamed body is teed before the first send, so the replay has it intact). Only once: a second
 * 401 means the credentials themselves are bad, and is thrown as `unauthorized`. A source without
 * `invalidate` cannot produce a different token, so its 401 is thrown without a replay. Tokens are
 * never put into anything thrown.
 *
 * @see https://developer.helpscout.com/mailbox-api/overview/authentication/
 */
export function bearerTokenPolicy(tokenSource: TokenSource): Policy {
  return async (request, next) => {
    // Kept for the replay: a streamed body is teed, since sending reads it.
    const [send, replay] = tokenSource.invalidate ? replayable(request) : [request, undefined];
    const token = await tokenSource.getToken();
    try {
      return await next(withHeader(send, "authorization", `Bearer ${token}`));
    } catch (error) {
      if (replay === undefined || !isHelpScoutError(error) || error.status !== 401) throw error;
      // The rejected token is passed so a source that refreshed meanwhile keeps its new token.
      await tokenSource.invalidate?.(token);
      const fresh = await tokenSource.getToken();
      return next(withHeader(replay, "authorization", `Bearer ${fresh}`));
    }
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
