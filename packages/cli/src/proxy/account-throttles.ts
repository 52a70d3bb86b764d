import {
  type BudgetStore,
  DOCS_WINDOW_MS,
  MAILBOX_WINDOW_MS,
  MemoryBudgetStore,
  mailboxRequestWeight,
  type Policy,
  rateLimitHeaders,
  sleep,
  throttlePolicy,
} from "@terapi/helpscout-auth";

/** A clock the throttle can share, e.g. an emulator's (`speed` emulated ms per real ms). */
export interface ProxyClock {
  now(): number;
  speed: number;
}

/** How the proxy paces each account's requests. */
export interface ProxyThrottleOptions {
  /**
   * The one budget store of the server, keyed per account. Default: a `MemoryBudgetStore` of the
   * server's own; pass a `RedisBudgetStore` when several proxies (or workers) share accounts.
   */
  store?: BudgetStore;
  /** Share (0 to 1) of each budget left for others, e.g. the Help Scout UI. Default 0. */
  reserve?: number;
  /** The Mailbox limit per minute until Help Scout's headers say otherwise. Default 200. */
  mailboxPerMinute?: number;
  /** The Docs limit per 10 minutes until Help Scout's headers say otherwise. Default 2000. */
  docsPerTenMinutes?: number;
  /** Another clock, e.g. the emulator's, so rate windows line up with it. Real time by default. */
  clock?: ProxyClock;
}

/** The API a throttle is for. */
export type ProxyApiName = "mailbox" | "docs";

/**
 * The throttles of a proxy server: one budget store, one throttle per API and account, made once
 * and then reused, so every caller of an account — forwarded requests and routes' typed clients
 * alike — waits for the same budget. The presets of `@terapi/helpscout-auth` (Mailbox writes
 * weigh 2; limits learned from `X-RateLimit-*`), on an optional shared clock.
 *
 * @returns The throttle for an API and account key.
 */
export function accountThrottles(
  options: ProxyThrottleOptions = {},
): (api: ProxyApiName, account: string) => Policy {
  const clock = options.clock;
  const now = clock ? () => clock.now() : () => Date.now();
  const wait = clock
    ? (ms: number, signal?: AbortSignal) => sleep(ms / clock.speed, signal)
    : sleep;
  const store = options.store ?? new MemoryBudgetStore({ now });
  const reserve = options.reserve ?? 0;
  const made = new Map<string, Policy>();
  const create = (api: ProxyApiName, account: string): Policy =>
    api === "mailbox"
      ? throttlePolicy({
          account,
          store,
          limit: { limit: options.mailboxPerMinute ?? 200, windowMs: MAILBOX_WINDOW_MS, reserve },
          weigh: mailboxRequestWeight,
          learn: rateLimitHeaders("x-ratelimit-limit-minute", "x-ratelimit-remaining-minute"),
          now,
          sleep: wait,
        })
      : throttlePolicy({
          account,
          store,
          limit: { limit: options.docsPerTenMinutes ?? 2000, windowMs: DOCS_WINDOW_MS, reserve },
          learn: rateLimitHeaders("x-ratelimit-limit", "x-ratelimit-remaining"),
          now,
          sleep: wait,
        });
  return (api, account) => {
    const key = `${api}\n${account}`;
    let throttle = made.get(key);
    if (throttle === undefined) {
      throttle = create(api, account);
      made.set(key, throttle);
    }
    return throttle;
  };
}
