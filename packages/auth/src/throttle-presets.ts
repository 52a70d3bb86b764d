import type { BudgetStore } from "./budget-store.js";
import { type RateHeaders, throttlePolicy } from "./throttle-policy.js";
import type { Policy } from "./types.js";

/** The Mailbox API's window: limits are per minute. */
export const MAILBOX_WINDOW_MS = 60_000;
/** The Docs API's window: limits are per 10 minutes. */
export const DOCS_WINDOW_MS = 600_000;
/** Methods the Mailbox API counts as writes, each weighing 2 requests. */
export const MAILBOX_WRITE_METHODS: ReadonlySet<string> = new Set([
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
]);

/** Options shared by {@link mailboxThrottle} and {@link docsThrottle}. */
export interface ThrottlePresetOptions {
  /** The Help Scout account whose budget this is. */
  account: string;
  /**
   * Shared by every client of the account: one `MemoryBudgetStore` per process, or a
   * `RedisBudgetStore` across processes. Default: a private `MemoryBudgetStore`.
   */
  store?: BudgetStore;
  /** Share (0 to 1) of the limit left for other callers, e.g. the Help Scout UI. Default 0. */
  reserve?: number;
}

/** Options of {@link mailboxThrottle}. */
export interface MailboxThrottleOptions extends ThrottlePresetOptions {
  /** The account's limit per minute; 200 unless the plan says otherwise. Writes count 2. */
  perMinute?: number;
}

/** Options of {@link docsThrottle}. */
export interface DocsThrottleOptions extends ThrottlePresetOptions {
  /** The account's limit per 10 minutes: 2000 (1 Docs site, default), 3000 (2), 4000 (3+). */
  perTenMinutes?: number;
}

/** The weight of a Mailbox request: writes (POST, PUT, PATCH, DELETE) count as 2, reads as 1. */
export function mailboxRequestWeight(request: { readonly method: string }): number {
  return MAILBOX_WRITE_METHODS.has(request.method.toUpperCase()) ? 2 : 1;
}

/**
 * A `learn` function for {@link throttlePolicy} that reads two headers holding whole numbers;
 * a missing or malformed header is left out rather than read as 0.
 */
export function rateLimitHeaders(
  limitHeader: string,
  remainingHeader: string,
): (headers: Headers) => RateHeaders | undefined {
  return (headers) => {
    const limit = wholeNumber(headers.get(limitHeader));
    const remaining = wholeNumber(headers.get(remainingHeader));
    if (limit === undefined && remaining === undefined) return undefined;
    return {
      ...(limit !== undefined ? { limit } : {}),
      ...(remaining !== undefined ? { remaining } : {}),
    };
  };
}

/**
 * The Mailbox API throttle: `perMinute` units per minute for the whole account (200 unless your
 * plan says otherwise), writes weigh 2, and the real limit and remaining budget are learned from
 * `X-RateLimit-Limit-Minute` / `X-RateLimit-Remaining-Minute`.
 *
 * @see https://developer.helpscout.com/mailbox-api/overview/rate-limiting/
 * @example
 * const store = new MemoryBudgetStore(); // one per process, shared by all clients of the account
 * const throttle = mailboxThrottle({ account: "acme", store, reserve: 0.1 });
 */
export function mailboxThrottle(options: MailboxThrottleOptions): Policy {
  return throttlePolicy({
    account: options.account,
    ...(options.store ? { store: options.store } : {}),
    limit: {
      limit: options.perMinute ?? 200,
      windowMs: MAILBOX_WINDOW_MS,
      reserve: options.reserve ?? 0,
    },
    weigh: mailboxRequestWeight,
    learn: rateLimitHeaders("x-ratelimit-limit-minute", "x-ratelimit-remaining-minute"),
  });
}

/**
 * The Docs API throttle: `perTenMinutes` requests per 10 minutes for the whole account (2000 with
 * one Docs site, 3000 with two, 4000 with three or more), every request weighs 1, learned from
 * `X-RateLimit-Limit` / `X-RateLimit-Remaining`. The Docs admin UI spends the same budget, which
 * is what `reserve` is for.
 *
 * @see https://developer.helpscout.com/docs-api/#rate-limiting
 */
export function docsThrottle(options: DocsThrottleOptions): Policy {
  return throttlePolicy({
    account: options.account,
    ...(options.store ? { store: options.store } : {}),
    limit: {
      limit: options.perTenMinutes ?? 2000,
      windowMs: DOCS_WINDOW_MS,
      reserve: options.reserve ?? 0,
    },
    learn: rateLimitHeaders("x-ratelimit-limit", "x-ratelimit-remaining"),
  });
}

function wholeNumber(value: string | null): number | undefined {
  return value !== null && /^\s*\d+\s*$/.test(value) ? Number(value) : undefined;
}
