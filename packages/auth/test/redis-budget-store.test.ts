import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { redisAvailable, TEST_REDIS_URL } from "@terapi/test-support";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisBudgetStore } from "../src/redis.js";

const run = promisify(execFile);
const PACKAGE_ROOT = fileURLToPath(new URL("..", import.meta.url));
const HAMMER = fileURLToPath(new URL("./fixtures/redis-hammer.ts", import.meta.url));
/** A window so long that a test never crosses into the next one. */
const YEAR = 365 * 24 * 3_600_000;

/** Runs `jobs` in child processes at once; each prints one JSON line. */
async function inProcesses<T>(jobs: Record<string, unknown>[]): Promise<T[]> {
  const startAt = Date.now() + 1500; // after every child has loaded
  const outputs = await Promise.all(
    jobs.map((job) =>
      run(
        process.execPath,
        ["--import", "tsx", HAMMER, JSON.stringify({ url: TEST_REDIS_URL, startAt, ...job })],
        {
          cwd: PACKAGE_ROOT,
          timeout: 30_000,
        },
      ),
    ),
  );
  return outputs.map(({ stdout }) => JSON.parse(stdout.trim()) as T);
}

const available = await redisAvailable();

describe.skipIf(!available)("RedisBudgetStore (real Redis)", { timeout: 30_000 }, () => {
  let redis: Redis;
  let store: RedisBudgetStore;
  const accounts: string[] = [];
  const account = () => {
    const name = `test-${randomUUID()}`;
    accounts.push(name);
    return name;
  };

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL);
    store = new RedisBudgetStore({ redis });
  });
  afterAll(async () => {
    if (accounts.length > 0) await redis.del(...accounts.map((a) => `helpscout:budget:${a}:state`));
    await redis.quit();
  });

  it("grants the limit per window, counting weights and the reserve", async () => {
    const acme = account();
    const limit = { limit: 10, windowMs: YEAR, reserve: 0.25 };
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) waits.push(await store.acquire(acme, 2, limit));
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    expect(waits[3]).toBeGreaterThan(0);
    expect(await store.acquire(acme, 1, limit)).toBe(0);
    expect(await store.acquire(acme, 1, limit)).toBeGreaterThan(0);
  });

  it("says how long until the next window, by Redis's clock", async () => {
    const acme = account();
    const limit = { limit: 1, windowMs: 60_000 };
    await store.acquire(acme, 1, limit);
    const [seconds, micros] = await redis.time();
    const redisNow = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    const wait = await store.acquire(acme, 1, limit);
    const expected = 60_000 - (redisNow % 60_000);
    expect(Math.abs(wait - expected)).toBeLessThan(50);
  });

  it("keeps one prefixed key per account, expiring after the window and any pause", async () => {
    const acme = account();
    await store.acquire(acme, 1, { limit: 5, windowMs: 10_000 });
    const key = `helpscout:budget:${acme}:state`;
    expect(await redis.keys(`helpscout:budget:${acme}:*`)).toEqual([key]);
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(10_000);
    expect(ttl).toBeLessThanOrEqual(20_000);
    await store.pause(acme, Date.now() + 90_000);
    expect(await redis.pttl(key)).toBeGreaterThan(80_000);
    await store.observe(acme, { remaining: 1, windowMs: 10_000 });
    expect(await redis.pttl(key)).toBeGreaterThan(80_000);
  });

  it("observe learns a smaller limit and the server's count", async () => {
    const acme = account();
    const limit = { limit: 100, windowMs: YEAR };
    await store.observe(acme, { limit: 10, remaining: 7, windowMs: YEAR });
    let granted = 0;
    while ((await store.acquire(acme, 1, limit)) === 0) granted += 1;
    expect(granted).toBe(7);
    const other = account();
    await store.observe(other, { remaining: 3, windowMs: YEAR });
    await store.observe(other, { limit: 1000, windowMs: YEAR });
    await store.observe(other, { remaining: 996, windowMs: YEAR });
    granted = 0;
    while ((await store.acquire(other, 1, { limit: 10, windowMs: YEAR })) === 0) granted += 1;
    expect(granted).toBe(6);
  });

  it("a pause holds the account, later pauses win, and uses Redis's clock not ours", async () => {
    const acme = account();
    const limit = { limit: 100, windowMs: YEAR };
    // This process's clock is an hour fast; the pause is still 3 s long for everybody.
    const skewed = new RedisBudgetStore({ redis, now: () => Date.now() + 3_600_000 });
    await skewed.pause(acme, Date.now() + 3_600_000 + 3000);
    await store.pause(acme, Date.now() + 1000);
    const wait = await store.acquire(acme, 1, limit);
    expect(wait).toBeGreaterThan(2800);
    expect(wait).toBeLessThanOrEqual(3000);
    await store.pause(acme, Date.now() - 5000);
    expect(await store.acquire(acme, 1, limit)).toBeGreaterThan(2500);
  });

  it("loads a script Redis does not know (NOSCRIPT) and passes other errors on", async () => {
    let evalshaCalls = 0;
    const forgetful = new Proxy(redis, {
      get(target, property, receiver) {
        if (property === "evalsha") {
          return async () => {
            evalshaCalls += 1;
            throw new Error("NOSCRIPT No matching script. Please use EVAL.");
          };
        }
        const value = Reflect.get(target, property, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const acme = account();
    const fallback = new RedisBudgetStore({ redis: forgetful });
    expect(await fallback.acquire(acme, 1, { limit: 1, windowMs: YEAR })).toBe(0);
    expect(evalshaCalls).toBe(1);
    const broken = new RedisBudgetStore({
      redis: new Proxy(redis, {
        get: (target, property) =>
          property === "evalsha"
            ? async () => Promise.reject(new Error("READONLY replica"))
            : Reflect.get(target, property),
      }),
    });
    await expect(broken.acquire(acme, 1, { limit: 1, windowMs: YEAR })).rejects.toThrow("READONLY");
  });

  it("4 processes hammering one account never get more than the limit of a window", async () => {
    const acme = account();
    const results = await inProcesses<{ granted: number }>(
      Array.from({ length: 4 }, () => ({
        account: acme,
        mode: "burst",
        limit: 200,
        windowMs: YEAR,
        attempts: 150,
        concurrency: 10,
      })),
    );
    expect(results.reduce((sum, r) => sum + r.granted, 0)).toBe(200);
  });

  it("4 processes pacing themselves through short windows stay within each window", async () => {
    const acme = account();
    const windowMs = 500;
    const results = await inProcesses<{ grants: [number, number][] }>(
      Array.from({ length: 4 }, () => ({
        account: acme,
        mode: "paced",
        limit: 20,
        windowMs,
        durationMs: 2600,
      })),
    );
    const grants = results.flatMap((r) => r.grants);
    const perWindow = new Map<number, number>();
    for (const [before, after] of grants) {
      const window = Math.floor(before / windowMs);
      // Only grants known to fall in one window are counted; a grant across a boundary is not.
      if (window === Math.floor(after / windowMs))
        perWindow.set(window, (perWindow.get(window) ?? 0) + 1);
    }
    expect(Math.max(...perWindow.values())).toBeLessThanOrEqual(20);
    const first = Math.floor(Math.min(...grants.map(([b]) => b)) / windowMs);
    const last = Math.floor(Math.max(...grants.map(([, a]) => a)) / windowMs);
    expect(grants.length).toBeLessThanOrEqual(20 * (last - first + 1));
    expect(grants.length).toBeGreaterThanOrEqual(20 * 4);
  });

  it("a pause and an observation made here hold in other processes", async () => {
    const paused = account();
    await store.pause(paused, Date.now() + 5000);
    const learned = account();
    await store.observe(learned, { limit: 10, remaining: 3, windowMs: YEAR });
    const [pauseResult, learnedResult] = await Promise.all([
      inProcesses<{ wait: number }>([
        { account: paused, mode: "once", limit: 100, windowMs: YEAR },
      ]),
      inProcesses<{ granted: number }>([
        { account: learned, mode: "burst", limit: 100, windowMs: YEAR, attempts: 10 },
      ]),
    ]);
    expect(pauseResult[0]!.wait).toBeGreaterThan(1000);
    expect(pauseResult[0]!.wait).toBeLessThanOrEqual(5000 - 1500);
    expect(learnedResult[0]!.granted).toBe(3);
  });
});
