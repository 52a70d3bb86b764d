import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RunLeases } from "../src/queue/run-lease.js";
import { deleteKeys, redisAvailable, TEST_REDIS_URL, testPrefix } from "./fixtures/queue-redis.js";

const available = await redisAvailable();
const prefix = testPrefix();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(available)("run leases in Redis", () => {
  let redis: Redis;
  let other: Redis;
  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL);
    other = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    await deleteKeys(prefix);
    redis.disconnect();
    other.disconnect();
  });

  it("lets one holder at a time take a lease, across clients, until it is released", async () => {
    const mine = new RunLeases({ redis, prefix: `${prefix}:a:`, ttlMs: 5_000 });
    const theirs = new RunLeases({ redis: other, prefix: `${prefix}:a:`, ttlMs: 5_000 });
    const held = await mine.acquire("acme|conversations");
    expect(held).toBeDefined();
    expect(await theirs.acquire("acme|conversations")).toBeUndefined();
    // Another pair is independent.
    const tags = await theirs.acquire("acme|tags");
    expect(tags).toBeDefined();
    expect(await theirs.held("acme|conversations")).toBe(true);
    await held?.release();
    expect(await theirs.held("acme|conversations")).toBe(false);
    const next = await theirs.acquire("acme|conversations");
    expect(next).toBeDefined();
    await next?.release();
    await tags?.release();
  });

  it("keeps a lease alive past its TTL while held, and frees it once the holder stops renewing", async () => {
    const leases = new RunLeases({ redis, prefix: `${prefix}:b:`, ttlMs: 1_000 });
    const held = await leases.acquire("acme|customers");
    await sleep(1_600); // longer than the TTL: only the renewals keep it
    expect(await leases.held("acme|customers")).toBe(true);
    expect(await leases.acquire("acme|customers")).toBeUndefined();
    await held?.release();

    // A holder that died: its key is there, nothing renews it, and it expires by itself.
    await redis.set(`${prefix}:b:acme|users`, "a-crashed-worker", "PX", 300);
    expect(await leases.acquire("acme|users")).toBeUndefined();
    await sleep(400);
    const after = await leases.acquire("acme|users");
    expect(after).toBeDefined();
    await after?.release();
  });

  it("never releases a lease that expired and was taken by someone else", async () => {
    const leases = new RunLeases({ redis, prefix: `${prefix}:c:`, ttlMs: 1_000 });
    const key = `${prefix}:c:acme|teams`;
    const held = await leases.acquire("acme|teams");
    // Simulate the lease expiring and another worker taking it before the first one releases.
    await redis.set(key, "another-worker", "PX", 5_000);
    await held?.release();
    expect(await redis.get(key)).toBe("another-worker");
  });
});
