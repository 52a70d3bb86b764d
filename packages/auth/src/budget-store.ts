/** An account's rate limit: `limit` request units per fixed window of `windowMs`. */
export interface RateLimit {
  /** Units allowed per window (a Mailbox write weighs 2). */
  limit: number;
  /** Window length in ms; windows are aligned to `floor(now / windowMs)`. */
  windowMs: number;
  /**
   * Share of the limit (0 to 1) this caller leaves for others (the Help Scout UI, other apps):
   * it uses at most `floor(limit × (1 − reserve))`. Default 0.
   */
  reserve?: number;
}

/** What a response said about the account's budget, e.g. from `X-RateLimit-*` headers. */
export interface RateObservation {
  /** The server's limit per window, when it said. */
  limit?: number;
  /** Units left in the server's current window, when it said. */
  remaining?: number;
  /** The window the observation belongs to (the throttle's `windowMs`). */
  windowMs: number;
}

/**
 * The rate budget of each account, shared by every caller of that account. Help Scout limits the
 * whole account, so every client, worker and process sending for one account must use one store:
 * one {@link MemoryBudgetStore} inside a process, a `RedisBudgetStore` across processes.
 */
export interface BudgetStore {
  /**
   * Takes `weight` units from the account's current window.
   *
   * @returns `0` when they were taken, else the ms to wait before asking again (nothing taken):
   *   the rest of a pause, or the time until the next window.
   */
  acquire(account: string, weight: number, limit: RateLimit): Promise<number>;
  /**
   * Learns the server's view: used = max(used, limit − remaining) in the current window, and a
   * real limit smaller than the configured one is adopted. The throttle does not wait for it: an
   * `acquire` called after it must see what it learned (apply calls in the order they are made).
   */
  observe(account: string, observation: RateObservation): Promise<void>;
  /** Nobody of this account sends before `untilMs` (epoch ms); later pauses win. */
  pause(account: string, untilMs: number): Promise<void>;
}

/** The units a caller may use per window: the smaller of configured and learned limit, less the reserve. */
export function effectiveLimit(limit: RateLimit, learned: number | undefined): number {
  const real = learned !== undefined && learned < limit.limit ? learned : limit.limit;
  return Math.floor(real * (1 - (limit.reserve ?? 0)));
}

interface AccountBudget {
  window: number;
  windowMs: number;
  used: number;
  learned: number | undefined;
  pausedUntil: number;
}

/**
 * A {@link BudgetStore} in this process's memory: share one instance between all clients of an
 * account in the process. For several processes or machines, use `RedisBudgetStore` from
 * `@terapi/helpscout-auth/redis`.
 */
export class MemoryBudgetStore implements BudgetStore {
  readonly #budgets = new Map<string, AccountBudget>();
  readonly #now: () => number;

  /** @param options.now - The clock, epoch ms; `Date.now` unless given. */
  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? (() => Date.now());
  }

  async acquire(account: string, weight: number, limit: RateLimit): Promise<number> {
    const now = this.#now();
    const budget = this.#current(account, limit.windowMs, now);
    if (budget.pausedUntil > now) return budget.pausedUntil - now;
    // A request heavier than the whole budget still goes alone into an empty window, not never.
    if (budget.used + weight <= effectiveLimit(limit, budget.learned) || budget.used === 0) {
      budget.used += weight;
      return 0;
    }
    return Math.max(1, (budget.window + 1) * limit.windowMs - now);
  }

  async observe(account: string, observation: RateObservation): Promise<void> {
    const budget = this.#current(account, observation.windowMs, this.#now());
    if (observation.limit !== undefined && observation.limit > 0)
      budget.learned = observation.limit;
    const limit = observation.limit ?? budget.learned;
    if (limit !== undefined && observation.remaining !== undefined) {
      budget.used = Math.max(budget.used, limit - observation.remaining);
    }
  }

  async pause(account: string, untilMs: number): Promise<void> {
    const budget = this.#current(account, undefined, this.#now());
    budget.pausedUntil = Math.max(budget.pausedUntil, untilMs);
  }

  /** The account's budget, its count reset when a new window (or window length) began. */
  #current(account: string, windowMs: number | undefined, now: number): AccountBudget {
    let budget = this.#budgets.get(account);
    if (budget === undefined) {
      budget = { window: -1, windowMs: 0, used: 0, learned: undefined, pausedUntil: 0 };
      this.#budgets.set(account, budget);
    }
    if (windowMs !== undefined) {
      const window = Math.floor(now / windowMs);
      if (budget.window !== window || budget.windowMs !== windowMs) {
        Object.assign(budget, { window, windowMs, used: 0 });
      }
    }
    return budget;
  }
}
