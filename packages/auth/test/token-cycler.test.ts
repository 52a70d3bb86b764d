import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type AccessToken, createTokenCycler, DEFAULT_REFRESH_WINDOW_MS } from "../src/index.js";

const HOUR = 3_600_000;
const T0 = Date.parse("2026-01-01T00:00:00Z");

/** fetchToken that resolves token-1, token-2, … living `lifetimeMs`, after `latencyMs`. */
function issuer(lifetimeMs = 48 * HOUR, latencyMs = 50) {
  let n = 0;
  return vi.fn(async (): Promise<AccessToken> => {
    n += 1;
    const token = `token-${n}`;
    await new Promise((resolve) => setTimeout(resolve, latencyMs));
    return { token, expiresAt: Date.now() + lifetimeMs };
  });
}

describe("createTokenCycler", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it("fetches once for 500 concurrent callers (single flight), then serves the cache", async () => {
    const fetchToken = issuer();
    const cycler = createTokenCycler({ fetchToken });
    const calls = Array.from({ length: 500 }, () => cycler.getToken());
    await vi.advanceTimersByTimeAsync(50);
    expect(new Set(await Promise.all(calls))).toEqual(new Set(["token-1"]));
    expect(await cycler.getToken()).toBe("token-1");
    expect(fetchToken).toHaveBeenCalledTimes(1);
  });

  it("fetches once for 500 concurrent callers at expiry", async () => {
    const fetchToken = issuer(HOUR);
    const cycler = createTokenCycler({ fetchToken });
    const first = cycler.getToken();
    await vi.advanceTimersByTimeAsync(50);
    await first;
    vi.setSystemTime(T0 + 50 + HOUR);
    const calls = Array.from({ length: 500 }, () => cycler.getToken());
    await vi.advanceTimersByTimeAsync(50);
    expect(new Set(await Promise.all(calls))).toEqual(new Set(["token-2"]));
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it("refreshes proactively once within the refresh window (15 minutes by default)", async () => {
    expect(DEFAULT_REFRESH_WINDOW_MS).toBe(15 * 60_000);
    const cycler = createTokenCycler({
      fetchToken: async () => ({ token: `t-${Date.now() - T0}`, expiresAt: Date.now() + 2 * HOUR }),
    });
    expect(await cycler.getToken()).toBe("t-0");
    vi.setSystemTime(T0 + 2 * HOUR - DEFAULT_REFRESH_WINDOW_MS - 1);
    expect(await cycler.getToken()).toBe("t-0");
    vi.setSystemTime(T0 + 2 * HOUR - DEFAULT_REFRESH_WINDOW_MS);
    expect(await cycler.getToken()).toBe(`t-${2 * HOUR - DEFAULT_REFRESH_WINDOW_MS}`);
  });

  it("honours a custom window and clock", async () => {
    let clock = 0;
    const cycler = createTokenCycler({
      fetchToken: async () => ({ token: `t-${clock}`, expiresAt: clock + 10_000 }),
      refreshWindowMs: 1000,
      now: () => clock,
    });
    expect(await cycler.getToken()).toBe("t-0");
    clock = 8999;
    expect(await cycler.getToken()).toBe("t-0");
    clock = 9000;
    expect(await cycler.getToken()).toBe("t-9000");
  });

  it("refreshes a token that lives shorter than the window at half its lifetime", async () => {
    const fetchToken = issuer(10 * 60_000, 0);
    const cycler = createTokenCycler({ fetchToken });
    const first = cycler.getToken();
    await vi.advanceTimersByTimeAsync(0);
    expect(await first).toBe("token-1");
    vi.setSystemTime(T0 + 5 * 60_000 - 1);
    expect(await cycler.getToken()).toBe("token-1");
    vi.setSystemTime(T0 + 5 * 60_000);
    const second = cycler.getToken();
    await vi.advanceTimersByTimeAsync(0);
    expect(await second).toBe("token-2");
  });

  it("invalidate() makes the next call fetch", async () => {
    const fetchToken = issuer(48 * HOUR, 0);
    const cycler = createTokenCycler({ fetchToken });
    const get = async () => {
      const call = cycler.getToken();
      await vi.advanceTimersByTimeAsync(0);
      return call;
    };
    expect(await get()).toBe("token-1");
    cycler.invalidate?.();
    expect(await get()).toBe("token-2");
    cycler.invalidate?.("token-2");
    expect(await get()).toBe("token-3");
  });

  it("ignores invalidation of a token already replaced, or while a fetch is under way", async () => {
    const fetchToken = issuer();
    const cycler = createTokenCycler({ fetchToken });
    const first = cycler.getToken();
    cycler.invalidate?.();
    await vi.advanceTimersByTimeAsync(50);
    expect(await first).toBe("token-1");
    cycler.invalidate?.("token-0");
    expect(await cycler.getToken()).toBe("token-1");
    expect(fetchToken).toHaveBeenCalledTimes(1);
  });

  it("rejects every waiter when the fetch fails, then tries again on the next call", async () => {
    const fetchToken = vi
      .fn<() => Promise<AccessToken>>()
      .mockRejectedValueOnce(new Error("token endpoint down"))
      .mockResolvedValueOnce({ token: "token-ok", expiresAt: T0 + HOUR });
    const cycler = createTokenCycler({ fetchToken });
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => cycler.getToken()));
    expect(
      results.every((r) => r.status === "rejected" && /endpoint down/.test(String(r.reason))),
    ).toBe(true);
    expect(fetchToken).toHaveBeenCalledTimes(1);
    expect(await cycler.getToken()).toBe("token-ok");
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it("forgets the cached token when a refresh fails", async () => {
    let fail = false;
    const cycler = createTokenCycler({
      fetchToken: async () => {
        if (fail) throw new Error("invalid_grant");
        return { token: "t", expiresAt: Date.now() + HOUR };
      },
    });
    await cycler.getToken();
    vi.setSystemTime(T0 + HOUR - 1000);
    fail = true;
    await expect(cycler.getToken()).rejects.toThrow("invalid_grant");
    fail = false;
    await expect(cycler.getToken()).resolves.toBe("t");
  });

  it("survives a fetchToken that throws synchronously", async () => {
    let calls = 0;
    const cycler = createTokenCycler({
      fetchToken: (() => {
        calls += 1;
        if (calls === 1) throw new Error("sync failure");
        return Promise.resolve({ token: "t2", expiresAt: T0 + HOUR });
      }) as () => Promise<AccessToken>,
    });
    await expect(cycler.getToken()).rejects.toThrow("sync failure");
    await expect(cycler.getToken()).resolves.toBe("t2");
  });

  it("rejects a fetched value without a token or expiry", async () => {
    const bad = [
      { token: "", expiresAt: T0 + HOUR },
      { token: "t", expiresAt: Number.NaN },
      undefined,
    ] as unknown as AccessToken[];
    const cycler = createTokenCycler({ fetchToken: async () => bad.shift()! });
    for (let i = 0; i < 3; i++) {
      await expect(cycler.getToken()).rejects.toThrow(/without a token or a numeric expiresAt/);
    }
  });

  it("calls onTokenRefreshed before handing out the token; its failure reaches the waiters", async () => {
    const seen: string[] = [];
    let failPersist = true;
    const cycler = createTokenCycler({
      fetchToken: async () => ({ token: `t-${seen.length}`, expiresAt: Date.now() + HOUR }),
      onTokenRefreshed: async ({ token }) => {
        seen.push(token);
        if (failPersist) throw new Error("could not persist");
      },
    });
    await expect(cycler.getToken()).rejects.toThrow("could not persist");
    failPersist = false;
    expect(await cycler.getToken()).toBe("t-0");
    expect(seen).toEqual(["t-0"]);
  });
});
