import { HelpScoutError } from "./errors.js";

/** The code of every {@link proxy} input a call is refused for, before anything is sent. */
export const PROXY_INVALID_REQUEST = "invalid_request";

/**
 * The error {@link proxy} throws for input it refuses (a path outside the API, a URL to another
 * host, `..`, a body on a GET, missing credentials): a `HelpScoutError` with code
 * `invalid_request` and no status, thrown before any network call. Its message never quotes a
 * credential.
 */
export function invalidProxyRequest(problem: string, cause?: unknown): HelpScoutError {
  return new HelpScoutError({
    code: PROXY_INVALID_REQUEST,
    message: `@terapi/helpscout-auth: proxy: ${problem}`,
    ...(cause === undefined ? {} : { cause }),
  });
}
