import { getEventListeners } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { isHelpScoutError, sleep } from "../src/index.js";

describe("sleep", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("resolves after exactly the given time", async () => {
    let done = false;
    const waiting = sleep(1000).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(done).toBe(true);
  });

  it("treats a negative wait as none", async () => {
    const waiting = sleep(-5);
    await vi.advanceTimersByTimeAsync(0);
    await expect(waiting).resolves.toBeUndefined();
  });

  it("rejects with code aborted as soon as the signal aborts, and clears its timer", async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    const outcome = waiting.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort(new Error("user gave up"));
    const error = await outcome;
    expect(isHelpScoutError(error)).toBe(true);
    expect(error).toMatchObject({ code: "aborted", cause: new Error("user gave up") });
    expect(String((error as Error).message)).toContain("60000 ms");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects at once when the signal is already aborted", async () => {
    await expect(sleep(10, AbortSignal.abort())).rejects.toMatchObject({ code: "aborted" });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("stops listening to the signal once the wait is over", async () => {
    const controller = new AbortController();
    const waiting = sleep(5, controller.signal);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(5);
    await waiting;
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});
