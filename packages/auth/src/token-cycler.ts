import type { TokenSource } from "./types.js";

/** An access token and when it stops working. */
export interface AccessToken {
  /** The bearer token. Never logged or put into an error. */
  token: string;
  /** Expiry, epoch ms (Help Scout tokens live 172800 s). */
  expiresAt: number;
}

/** Default proactive refresh window: a token this close to expiry is replaced before use. */
export const DEFAULT_REFRESH_WINDOW_MS = 15 * 60_000;

/** Options of {@link createTokenCycler}. */
export interface TokenCyclerOptions {
  /** Gets a new token, e.g. by the refresh-token or client-credentials grant. */
  fetchToken: () => Promise<AccessToken>;
  /** Refresh this long before `expiresAt`. Default {@link DEFAULT_REFRESH_WINDOW_MS}. */
  refreshWindowMs?: number;
  /**
   * Called after each successful fetch, before any waiter gets the token, e.g. to persist a
   * rotated refresh token. If it throws, the waiters get that error (the token is kept).
   */
  onTokenRefreshed?: (token: AccessToken) => void | Promise<void>;
  /** The clock, epoch ms. Default `Date.now`. */
  now?: () => number;
}

/**
 * A {@link TokenSource} that caches a token and refreshes it single-flight: while a fetch is in
 * progress every caller awaits the same promise, so 500 concurrent `getToken()` calls at expiry
 * make one `fetchToken()` call. A token is refreshed proactively once within `refreshWindowMs` of
 * its expiry (or within half its lifetime, for tokens that live shorter than the window).
 * `invalidate()` makes the next call fetch. A failed fetch rejects every waiter and leaves no
 * state behind, so the next call tries again.
 *
 * @example
 * const tokens = createTokenCycler({ fetchToken: () => refreshWithStoredGrant() });
 * const auth = bearerTokenPolicy(tokens);
 */
export function createTokenCycler(options: TokenCyclerOptions): TokenSource {
  const windowMs = options.refreshWindowMs ?? DEFAULT_REFRESH_WINDOW_MS;
  const now = options.now ?? (() => Date.now());
  let current: { token: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;

  const refresh = async (): Promise<string> => {
    let fresh: AccessToken;
    const fetchedAt = now();
    try {
      fresh = await options.fetchToken();
      if (
        typeof fresh?.token !== "string" ||
        fresh.token === "" ||
        !Number.isFinite(fresh.expiresAt)
      ) {
        throw new TypeError(
          "@terapi/helpscout-auth: fetchToken resolved without a token or a numeric expiresAt.",
        );
      }
    } catch (error) {
      current = undefined;
      throw error;
    }
    const lifetime = Math.max(0, fresh.expiresAt - fetchedAt);
    current = { token: fresh.token, refreshAt: fresh.expiresAt - Math.min(windowMs, lifetime / 2) };
    await options.onTokenRefreshed?.(fresh);
    return fresh.token;
  };

  return {
    getToken() {
      if (pending) return pending;
      if (current && now() < current.refreshAt) return Promise.resolve(current.token);
      // Cleared in a later microtask, so always after the assignment, even if refresh failed at once.
      pending = refresh().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    invalidate(rejectedToken?: string) {
      // A fetch in progress already brings a new token; a rejected token that is no longer the
      // current one was replaced meanwhile. Either way there is nothing to forget.
      if (pending || (rejectedToken !== undefined && rejectedToken !== current?.token)) return;
      current = undefined;
    },
  };
}
