import type { Policy } from "./types.js";

/**
 * Docs API authentication: HTTP Basic with the API key as user name and a dummy password (`X`).
 * The header is set on every attempt, so a retried request is authenticated again.
 *
 * @param apiKey - The Docs API key of a Help Scout user. Never logged or put into an error.
 * @see https://developer.helpscout.com/docs-api/#authentication
 */
export function apiKeyPolicy(apiKey: string): Policy {
  if (typeof apiKey !== "string" || apiKey.trim() === "") {
    throw new TypeError(
      "@terapi/helpscout-auth: apiKey is empty. Pass the Docs API key from Your Profile → Authentication → API Keys.",
    );
  }
  const header = `Basic ${Buffer.from(`${apiKey}:X`).toString("base64")}`;
  return (request, next) => next(withHeader(request, "authorization", header));
}

/** Returns a copy of `request` with one header replaced; the body moves to the copy. */
export function withHeader(request: Request, name: string, value: string): Request {
  const headers = new Headers(request.headers);
  headers.set(name, value);
  return new Request(request, { headers });
}
