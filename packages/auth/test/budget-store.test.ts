import { describe, expect, it } from "vitest";
import { effectiveLimit, MemoryBudgetStore, type RateLimit } from "../src/index.js";

const MINUTE: RateLimit = { limit: 10, windowMs: 60_000 };

function clockedStore(start = 1_000_000 * 60_000) {
  const clock = { now: start };
  return { clock, store: new MemoryBudgetStore({ now: () => clock.now }) };
}

async function takeAll(store: MemoryBudgetStore, account: string, limit: RateLimit, weight = 1) {
  for (let i = 0; i < 100; i++) {
    const wait = await store.acquire(account, weight, limit);
    if (wait > 0) return { granted: i, wait };
  }
  throw new Error("the store never ran out");
}

describe("MemoryBudgetStore", () => {
  it("grants the limit per window, then says how long until the next window", async () => {
    const { clock, store } = clockedStore();
    clock.now += 15_000;
    expect(await takeAll(store, "acme", MINUTE)).toEqual({ granted: 10, wait: 45_000 });
    clock.now += 45_000;
    expect(await takeAll(store, "acme", MINUTE)).toEqual({ granted: 10, wait: 60_000 });
  });

  it("aligns windows to floor(now / windowMs), not to the first request", async () => {
    const { clock, store } = clockedStore();
    clock.now += 59_999;
    expect(await takeAll(store, "acme", MINUTE)).toEqual({ granted: 10, wait: 1 });
    clock.now += 1;
    expect(await store.acquire("acme", 1, MINUTE)).toBe(0);
  });

  it("counts weights", async () => {
    const { store } = clockedStore();
    expect(await takeAll(store, "acme", MINUTE, 2)).toEqual({ granted: 5, wait: 60_000 });
    const other = clockedStore().store;
    expect(await other.acquire("acme", 9, MINUTE)).toBe(0);
    expect(await other.acquire("acme", 2, MINUTE)).toBe(60_000);
    expect(await other.acquire("acme", 1, MINUTE)).toBe(0);
  });

  it("lets a request heavier than the whole budget go alone into an empty window", async () => {
    const { store } = clockedStore();
    const tiny: RateLimit = { limit: 1, windowMs: 1000 };
    expect(await store.acquire("acme", 2, tiny)).toBe(0);
    expect(await store.acquire("acme", 1, tiny)).toBe(1000);
  });

  it("keeps accounts apart", async () => {
    const { store } = clockedStore();
    await takeAll(store, "acme", MINUTE);
    expect(await store.acquire("globex", 1, MINUTE)).toBe(0);
  });

  it("leaves the reserve for other callers: floor(limit × (1 − reserve))", async () => {
    const { store } = clockedStore();
    const reserved = { ...MINUTE, reserve: 0.25 };
    expect(await takeAll(store, "acme", reserved)).toEqual({ granted: 7, wait: 60_000 });
    expect(effectiveLimit({ limit: 200, windowMs: 1, reserve: 0.1 }, undefined)).toBe(180);
    expect(effectiveLimit({ limit: 200, windowMs: 1 }, 50)).toBe(50);
    expect(effectiveLimit({ limit: 200, windowMs: 1 }, 400)).toBe(200);
  });

  it("observe raises used to the server's count, never lowers it", async () => {
    const { store } = clockedStore();
    await store.acquire("acme", 1, MINUTE);
    await store.observe("acme", { limit: 10, remaining: 4, windowMs: 60_000 });
    expect(await takeAll(store, "acme", MINUTE)).toEqual({ granted: 4, wait: 60_000 });
    await store.observe("acme", { limit: 10, remaining: 9, windowMs: 60_000 });
    expect(await store.acquire("acme", 1, MINUTE)).toBe(60_000);
  });

  it("adopts a smaller real limit, in later windows too, and ignores a larger one", async () => {
    const { clock, store } = clockedStore();
    await store.observe("acme", { limit: 4, windowMs: 60_000 });
    expect(await takeAll(store, "acme", MINUTE)).toEqual({ granted: 4, wait: 60_000 });
    clock.now += 60_000;
    expect(await takeAll(store, "acme", MINUTE)).toEqual({ granted: 4, wait: 60_000 });
    clock.now += 60_000;
    await store.observe("acme", { limit: 400, windowMs: 60_000 });
    expect(await takeAll(store, "acme", MINUTE)).toEqual({ granted: 10, wait: 60_000 });
  });

  it("reads remaining against the learned limit when a response gives only remaining", async () => {
    const { store } = clockedStore();
    await store.observe("acme", { limit: 6, windowMs: 60_000 });
    await store.observe("acme", { remaining: 2, windowMs: 60_000 });
    expect(await takeAll(store, "acme", MINUTE)).toEqual({ granted: 2, wait: 60_000 });
  });

  it("ignores remaining without any known limit, and a zero limit", async () => {
    const { store } = clockedStore();
    await store.observe("acme", { remaining: 0, windowMs: 60_000 });
    await store.observe("acme", { limit: 0, windowMs: 60_000 });
    expect(await takeAll(store, "acme", MINUTE)).toEqual({ granted: 10, wait: 60_000 });
  });

  it("pause holds every caller of the account until then, and later pauses win", async () => {
    const { clock, store } = clockedStore();
    await store.pause("acme", clock.now + 5000);
    await store.pause("acme", clock.now + 2000);
    expect(await store.acquire("acme", 1, MINUTE)).toBe(5000);
    expect(await store.acquire("globex", 1, MINUTE)).toBe(0);
    clock.now += 4999;
    expect(await store.acquire("acme", 1, MINUTE)).toBe(1);
    clock.now += 1;
    expect(await store.acquire("acme", 1, MINUTE)).toBe(0);
  });

  it("starts a fresh count when the window length changes", async () => {
    const { store } = clockedStore();
    await takeAll(store, "acme", MINUTE);
    expect(await store.acquire("acme", 1, { limit: 10, windowMs: 600_000 })).toBe(0);
  });

  it("reads Date.now unless given a clock", async () => {
    const store = new MemoryBudgetStore();
    await store.pause("acme", Date.now() + 60_000);
    const wait = await store.acquire("acme", 1, MINUTE);
    expect(wait).toBeGreaterThan(59_000);
    expect(wait).toBeLessThanOrEqual(60_000);
  });
});
