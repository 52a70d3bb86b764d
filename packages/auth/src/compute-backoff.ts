/** How many times a failed request is sent again by default (so at most 4 sends in all). */
export const DEFAULT_MAX_RETRIES = 3;
/** The first backoff ceiling: attempt 1 waits somewhere in [0, 500) ms. */
export const DEFAULT_BACKOFF_BASE_MS = 500;
/** No backoff ceiling grows past this, however many attempts failed. */
export const DEFAULT_BACKOFF_MAX_MS = 30_000;

/** Tuning for {@link computeBackoff}. */
export interface BackoffOptions {
  /** Ceiling of the first attempt's wait, in ms. Default {@link DEFAULT_BACKOFF_BASE_MS}. */
  baseMs?: number;
  /** Cap of every ceiling, in ms. Default {@link DEFAULT_BACKOFF_MAX_MS}. */
  maxMs?: number;
  /** A source of numbers in [0, 1); injectable so tests are deterministic. Default `Math.random`. */
  random?: () => number;
}

/**
 * How long to wait before sending again after `attempt` failed sends, when the server gave no
 * hint: exponential backoff with full jitter, a uniform draw from `[0, min(maxMs, baseMs × 2^(attempt-1)))`.
 *
 * Full jitter (rather than a fixed or "equal" jitter) spreads the callers that failed together,
 * which is what a rate-limited account with many workers needs.
 *
 * @param attempt - How many sends have failed so far, from 1. Values below 1 count as 1.
 * @returns Whole milliseconds, never negative and below `maxMs`.
 * @see https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 * @example
 * computeBackoff(3); // somewhere in [0, 2000)
 */
export function computeBackoff(attempt: number, options: BackoffOptions = {}): number {
  const baseMs = options.baseMs ?? DEFAULT_BACKOFF_BASE_MS;
  const maxMs = options.maxMs ?? DEFAULT_BACKOFF_MAX_MS;
  const random = options.random ?? Math.random;
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  // 2 ** exponent grows to Infinity for absurd attempts; Math.min keeps the cap.
  const ceiling = Math.max(0, Math.min(maxMs, baseMs * 2 ** exponent));
  const draw = Math.min(Math.max(random(), 0), 1);
  return Math.min(Math.floor(draw * ceiling), Math.max(0, Math.ceil(ceiling) - 1));
}
