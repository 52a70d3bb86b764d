import { composePolicies } from "./compose-policies.js";
import { errorPolicy } from "./error-policy.js";
import type { FetchFunction, Policy } from "./types.js";

/** The stages of the request pipeline. Each is optional except `auth`. */
export interface HelpScoutFetchOptions {
  /** Applies credentials on every attempt, e.g. {@link apiKeyPolicy} or {@link bearerTokenPolicy}. */
  auth: Policy;
  /** Outermost stage: resends failed attempts (429, safe 5xx), e.g. {@link retryPolicy}. None by default. */
  retry?: Policy;
  /**
   * Waits for the account's rate budget before each network call, e.g. {@link mailboxThrottle} or
   * {@link docsThrottle}. None by default.
   */
  throttle?: Policy;
  /** Your own policies, run just inside `retry` (e.g. logging, tracing). */
  policies?: readonly Policy[];
  /** The transport; `globalThis.fetch` (undici, keep-alive) unless given. */
  fetch?: FetchFunction;
}

/**
 * Builds the `fetch` both Help Scout clients send through, composed as in DESIGN.md:
 * retry → your policies → auth → throttle → errors → transport. Because the result is a plain
 * `fetch`, it also serves openapi-fetch clients, the proxy, and your own code.
 *
 * @example
 * const fetch = createHelpScoutFetch({ auth: apiKeyPolicy(process.env.HELPSCOUT_DOCS_API_KEY!) });
 * const res = await fetch("https://docsapi.helpscout.net/v1/sites");
 */
export function createHelpScoutFetch(options: HelpScoutFetchOptions): FetchFunction {
  return composePolicies(
    [options.retry, ...(options.policies ?? []), options.auth, options.throttle, errorPolicy()],
    options.fetch,
  );
}
