import { withHeader } from "./pipeline-request.js";
import type { Policy, TokenSource } from "./types.js";

const EMPTY_KEY =
  "@terapi/helpscout-auth: apiKey is empty. Pass the Docs API key from Your Profile → Authentication → API Keys.";

/**
 * Docs API authentication: HTTP Basic with the API key as user name and a dummy password (`X`).
 * The header is set on every attempt, so a retried request is authenticated again.
 *
 * @param apiKey - The Docs API key of a Help Scout user, or a {@link TokenSource} whose
 *   `getToken()` yields it (e.g. a key kept in a connection store), asked on every attempt.
 *   Never logged or put into an error.
 * @see https://developer.helpscout.com/docs-api/#authentication
 */
export function apiKeyPolicy(apiKey: string | TokenSource): Policy {
  if (typeof apiKey === "object" && apiKey !== null && typeof apiKey.getToken === "function") {
    const source = apiKey;
    return async (request, next) => {
      const key = await source.getToken();
      if (typeof key !== "string" || key.trim() === "") throw new TypeError(EMPTY_KEY);
      return next(withHeader(request, "authorization", basic(key)));
    };
  }
  if (typeof apiKey !== "string" || apiKey.trim() === "") throw new TypeError(EMPTY_KEY);
  const header = basic(apiKey);
  return (request, next) => next(withHeader(request, "authorization", header));
}

function basic(apiKey: string): string {
  return `Basic ${Buffer.from(`${apiKey}:X`).toString("base64")}`;
}
