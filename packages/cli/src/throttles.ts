import {
  DOCS_WINDOW_MS,
  MAILBOX_WINDOW_MS,
  MemoryBudgetStore,
  mailboxRequestWeight,
  type Policy,
  rateLimitHeaders,
  sleep,
  throttlePolicy,
} from "@terapi/helpscout-auth";

/** A clock the throttle can share, e.g. the emulator's (`speed` emulated ms per real ms). */
export interface ThrottleClock {
  now(): number;
  speed: number;
}

/** Options of {@link syncThrottles}. */
export interface SyncThrottleOptions {
  /** Names the account's budget, e.g. the connection id. */
  account: string;
  /** Share (0 to 1) of each budget left for other callers (the Help Scout UI, other apps). */
  reserve?: number;
  /**
   * Another clock: the emulator's, whose rate windows then line up with the throttle's and whose
   * compressed time compresses the waits. Real time by default.
   */
  clock?: ThrottleClock;
}

/**
 * The throttles of one sync run, in a budget store of their own: Mailbox 200 a minute (writes
 * weigh 2), Docs 2000 per 10 minutes, each learning the real limit and what is left from the
 * `X-RateLimit-*` headers — the presets of `@terapi/helpscout-auth`, on an optional shared clock.
 */
export function syncThrottles(options: SyncThrottleOptions): { mailbox: Policy; docs: Policy } {
  const clock = options.clock;
  const now = clock ? () => clock.now() : () => Date.now();
  const wait = clock
    ? (ms: number, signal?: AbortSignal) => sleep(ms / clock.speed, signal)
    : sleep;
  const store = new MemoryBudgetStore({ now });
  const reserve = options.reserve ?? 0;
  return {
    mailbox: throttlePolicy({
      account: `mailbox:${options.account}`,
      store,
      limit: { limit: 200, windowMs: MAILBOX_WINDOW_MS, reserve },
      weigh: mailboxRequestWeight,
      learn: rateLimitHeaders("x-ratelimit-limit-minute", "x-ratelimit-remaining-minute"),
      now,
      sleep: wait,
    }),
    docs: throttlePolicy({
      account: `docs:${options.account}`,
      store,
      limit: { limit: 2000, windowMs: DOCS_WINDOW_MS, reserve },
      learn: rateLimitHeaders("x-ratelimit-limit", "x-ratelimit-remaining"),
      now,
      sleep: wait,
    }),
  };
}
