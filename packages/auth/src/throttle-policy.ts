import { type BudgetStore, MemoryBudgetStore, type RateLimit } from "./budget-store.js";
import { computeBackoff } from "./compute-backoff.js";
import { isHelpScoutError } from "./errors.js";
import { sleep as defaultSleep, type Sleep } from "./sleep.js";
import type { PipelineRequest, Policy } from "./types.js";

/** What a response's headers say about the budget; the throttle adds its `windowMs`. */
export interface RateHeaders {
  limit?: number;
  remaining?: number;
}

/** Options of {@link throttlePolicy}. */
export interface ThrottleOptions {
  /** The Help Scout account whose budget this is, e.g. its id or connection id. */
  account: string;
  /**
   * Where the budget lives. Every client of one account must use the same store: share one
   * {@link MemoryBudgetStore} in a process, a `RedisBudgetStore` across processes. Default: a new
   * `MemoryBudgetStore`, private to this policy.
   */
  store?: BudgetStore;
  /** The configured limit; a smaller one learned from the headers takes over. */
  limit: RateLimit;
  /** Units a request costs. Default 1. */
  weigh?: (request: PipelineRequest) => number;
  /** Reads the server's limit and remaining units from a successful response's headers. */
  learn?: (headers: Headers) => RateHeaders | undefined;
  /** Wait before asking the budget again after a 429 without a hint. Default {@link computeBackoff}. */
  backoff?: (attempt: number) => number;
  /** Abort-aware wait, injectable for tests. Default {@link defaultSleep | sleep}. */
  sleep?: Sleep;
  /** The clock for pauses, epoch ms. Default `Date.now`. */
  now?: () => number;
}

/**
 * Makes every real network call wait for its account's rate budget: before sending, it takes the
 * request's weight from the {@link BudgetStore}, sleeping (abort-aware, on `request.signal`) until
 * the store grants it. After a response it teaches the store what the headers say; on a 429 it
 * pauses the whole account (every caller sharing the store) for `retryAfterMs`, or a backoff when
 * Help Scout gave no hint, and rethrows so the retry policy can decide.
 *
 * Learning and pausing are best effort: a store failure there never turns a response into an error
 * nor hides the 429, and the response is not held back while the store learns (a store applies
 * calls in the order they were made, so the next `acquire` sees what was learned). A failure to acquire does fail the call, since sending blind could exceed the
 * account's limit.
 *
 * @see https://developer.helpscout.com/mailbox-api/overview/rate-limiting/
 * @see https://developer.helpscout.com/docs-api/#rate-limiting
 */
export function throttlePolicy(options: ThrottleOptions): Policy {
  const { account, limit } = checked(options);
  const store = options.store ?? new MemoryBudgetStore();
  const wait = options.sleep ?? defaultSleep;
  const now = options.now ?? (() => Date.now());
  const backoff = options.backoff ?? ((attempt: number) => computeBackoff(attempt));
  let unhinted429s = 0;
  return async (request, next) => {
    const weight = options.weigh?.(request) ?? 1;
    for (let ms = await store.acquire(account, weight, limit); ms > 0; ) {
      await wait(ms, request.signal);
      ms = await store.acquire(account, weight, limit);
    }
    let response: Response;
    try {
      response = await next(request);
    } catch (error) {
      if (isHelpScoutError(error) && error.status === 429) {
        const ms = error.retryAfterMs ?? backoff(++unhinted429s);
        await store.pause(account, now() + ms).catch(() => undefined);
      }
      throw error;
    }
    unhinted429s = 0;
    const seen = options.learn?.(response.headers);
    if (seen !== undefined) {
      // Best effort (see above), and not waited for: the response stands whatever the store does
      // with it. Stores apply an observation in call order, so the next acquire sees it.
      try {
        store.observe(account, { ...seen, windowMs: limit.windowMs }).catch(() => undefined);
      } catch {
        // A store that throws before it returns a promise: as best effort as a rejection.
      }
    }
    return response;
  };
}

function checked(options: ThrottleOptions): ThrottleOptions {
  const { account, limit } = options;
  const reserve = limit.reserve ?? 0;
  let problem: string | undefined;
  if (typeof account !== "string" || account === "") {
    problem = "account is empty; name the Help Scout account whose budget this is";
  } else if (!(limit.windowMs > 0 && Number.isFinite(limit.windowMs))) {
    problem = `windowMs must be a positive number, got ${limit.windowMs}`;
  } else if (!(reserve >= 0 && reserve < 1)) {
    problem = `reserve must be at least 0 and below 1, got ${reserve}`;
  } else if (!(Number.isFinite(limit.limit) && Math.floor(limit.limit * (1 - reserve)) >= 1)) {
    problem = `limit × (1 − reserve) must leave at least 1 request per window, got ${limit.limit}`;
  }
  if (problem) throw new TypeError(`@terapi/helpscout-auth: throttle ${problem}.`);
  return options;
}
