import { createHelpScoutFetch } from "./create-helpscout-fetch.js";
import { retryPolicy } from "./retry-policy.js";
import type { FetchFunction, Policy } from "./types.js";

/** The pipeline options both API clients take besides their credentials. */
export interface ClientPipelineOptions {
  /** The transport under the pipeline; `globalThis.fetch` unless given. */
  fetch?: FetchFunction;
  /**
   * Resends failed attempts. Default `retryPolicy()`: a 429 after the wait Help Scout asks for;
   * 5xx and network errors only for GET/HEAD/OPTIONS/PUT/DELETE (a POST or PATCH whose outcome is
   * unknown is never replayed and throws `outcome_unknown`); at most 3 retries. `false`: off.
   */
  retry?: Policy | false;
  /**
   * Paces requests to the account's rate budget. Default: the API's preset (`mailboxThrottle`:
   * 200 a minute, writes weigh 2; `docsThrottle`: 2000 per 10 minutes), learning the real limit
   * from `X-RateLimit-*`, in a budget shared by every client of the same account in this process
   * ({@link sharedBudgetStore}). Pass your own, e.g. with a `RedisBudgetStore` for several
   * processes, or `false`.
   */
  throttle?: Policy | false;
  /** Names the account for the default throttle; derived from the credentials otherwise. */
  account?: string;
  /** Your own policies (logging, tracing), run just inside `retry`. */
  policies?: readonly Policy[];
}

/**
 * The `fetch` of an API client: `auth` plus the defaults of {@link ClientPipelineOptions}.
 *
 * @internal Shared by `@terapi/helpscout-docs` and `@terapi/helpscout-mailbox`.
 */
export function createClientFetch(
  auth: Policy,
  options: ClientPipelineOptions,
  defaultThrottle: () => Policy,
): FetchFunction {
  return createHelpScoutFetch({
    auth,
    retry: options.retry === false ? undefined : (options.retry ?? retryPolicy()),
    throttle: options.throttle === false ? undefined : (options.throttle ?? defaultThrottle()),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.policies ? { policies: options.policies } : {}),
  });
}
