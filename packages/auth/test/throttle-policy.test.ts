import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type BudgetStore,
  HelpScoutError,
  MemoryBudgetStore,
  type PipelineRequest,
  type RateLimit,
  type RequestHandler,
  throttlePolicy,
} from "../src/index.js";
import { pipelineRequest, type RequestParts } from "./fixtures/pipeline-request.js";

const T0 = 1_000 * 60_000; // aligned to every window length used here
const LIMIT: RateLimit = { limit: 3, windowMs: 1000 };

function recorder(
  answer: (request: PipelineRequest) => Response | Promise<Response> = () => new Response("{}"),
) {
  const sent: string[] = [];
  const next: RequestHandler = async (request) => {
    sent.push(`${Date.now() - T0} ${request.method} ${new URL(request.url).pathname}`);
    return answer(request);
  };
  return { sent, next };
}

const get = (path: string, parts?: RequestParts) =>
  pipelineRequest(`https://api.helpscout.net${path}`, parts);
const rateLimited = (retryAfterMs?: number) =>
  new HelpScoutError({ code: "rate_limited", status: 429, message: "429", retryAfterMs });

describe("throttlePolicy", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it("sends up to the limit per window and holds the rest until the next window", async () => {
    const { sent, next } = recorder();
    const throttle = throttlePolicy({ account: "acme", limit: LIMIT });
    const calls = [1, 2, 3, 4, 5].map((n) => throttle(get(`/v2/n/${n}`), next));
    await vi.advanceTimersByTimeAsync(999);
    expect(sent).toEqual(["0 GET /v2/n/1", "0 GET /v2/n/2", "0 GET /v2/n/3"]);
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all(calls);
    expect(sent.slice(3)).toEqual(["1000 GET /v2/n/4", "1000 GET /v2/n/5"]);
  });

  it("charges each request its weight", async () => {
    const { sent, next } = recorder();
    const throttle = throttlePolicy({
      account: "acme",
      limit: { limit: 4, windowMs: 1000 },
      weigh: (request) => (request.method === "GET" ? 1 : 2),
    });
    const calls = [
      throttle(get("/a", { method: "POST" }), next),
      throttle(get("/b", { method: "POST" }), next),
      throttle(get("/c"), next),
    ];
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all(calls);
    expect(sent).toEqual(["0 POST /a", "0 POST /b", "1000 GET /c"]);
  });

  it("learns the real limit and remaining budget from the response headers", async () => {
    const store = new MemoryBudgetStore();
    const observe = vi.spyOn(store, "observe");
    const { sent, next } = recorder(
      () => new Response("{}", { headers: { "x-left": "1", "x-max": "2" } }),
    );
    const throttle = throttlePolicy({
      account: "acme",
      store,
      limit: { limit: 10, windowMs: 1000 },
      learn: (headers) => ({
        limit: Number(headers.get("x-max")),
        remaining: Number(headers.get("x-left")),
      }),
    });
    await throttle(get("/a"), next);
    expect(observe).toHaveBeenCalledWith("acme", { limit: 2, remaining: 1, windowMs: 1000 });
    const calls = ["/b", "/c", "/d"].map((path) => throttle(get(path), next));
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all(calls);
    expect(sent).toEqual(["0 GET /a", "0 GET /b", "1000 GET /c", "1000 GET /d"]);
  });

  it("does not observe when the headers say nothing", async () => {
    const store = new MemoryBudgetStore();
    const observe = vi.spyOn(store, "observe");
    const throttle = throttlePolicy({
      account: "acme",
      store,
      limit: LIMIT,
      learn: () => undefined,
    });
    await throttle(get("/a"), recorder().next);
    expect(observe).not.toHaveBeenCalled();
  });

  it("on a 429 pauses the whole account, other clients sharing the store included", async () => {
    const store = new MemoryBudgetStore();
    const limit = { limit: 100, windowMs: 60_000 };
    const first = recorder(() => {
      throw rateLimited(5000);
    });
    const second = recorder();
    const a = throttlePolicy({ account: "acme", store, limit });
    const b = throttlePolicy({ account: "acme", store, limit });
    const other = throttlePolicy({ account: "globex", store, limit });
    await expect(a(get("/a"), first.next)).rejects.toMatchObject({ status: 429 });
    const held = b(get("/b"), second.next);
    await other(get("/other"), second.next);
    await vi.advanceTimersByTimeAsync(4999);
    expect(second.sent).toEqual(["0 GET /other"]);
    await vi.advanceTimersByTimeAsync(1);
    await held;
    expect(second.sent).toEqual(["0 GET /other", "5000 GET /b"]);
  });

  it("pauses for a growing backoff when a 429 gives no hint, and resets after a success", async () => {
    const store = new MemoryBudgetStore();
    const pause = vi.spyOn(store, "pause");
    const backoff = vi.fn((attempt: number) => attempt * 100);
    let fail = 2;
    const { next } = recorder(() => {
      if (fail-- > 0) throw rateLimited();
      return new Response("{}");
    });
    const throttle = throttlePolicy({
      account: "acme",
      store,
      limit: { limit: 10, windowMs: 1000 },
      backoff,
    });
    await expect(throttle(get("/a"), next)).rejects.toMatchObject({ status: 429 });
    const second = throttle(get("/a"), next).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(100);
    expect(await second).toMatchObject({ status: 429 });
    const third = throttle(get("/a"), next);
    await vi.advanceTimersByTimeAsync(200);
    await third;
    fail = 1;
    await expect(throttle(get("/a"), next)).rejects.toMatchObject({ status: 429 });
    expect(backoff.mock.calls).toEqual([[1], [2], [1]]);
    expect(pause.mock.calls).toEqual([
      ["acme", T0 + 100],
      ["acme", T0 + 100 + 200],
      ["acme", T0 + 300 + 100],
    ]);
  });

  it("does not pause on other errors", async () => {
    const store = new MemoryBudgetStore();
    const pause = vi.spyOn(store, "pause");
    const throttle = throttlePolicy({ account: "acme", store, limit: LIMIT });
    const boom = new HelpScoutError({ code: "server_error", status: 500, message: "500" });
    const { next } = recorder(() => {
      throw boom;
    });
    await expect(throttle(get("/a"), next)).rejects.toBe(boom);
    await expect(throttle(get("/a"), () => Promise.reject(new Error("x")))).rejects.toThrow("x");
    expect(pause).not.toHaveBeenCalled();
  });

  it("stops waiting, and sends nothing, when the request is aborted", async () => {
    const { sent, next } = recorder();
    const throttle = throttlePolicy({ account: "acme", limit: { limit: 1, windowMs: 60_000 } });
    await throttle(get("/a"), next);
    const controller = new AbortController();
    const waiting = throttle(get("/b", { signal: controller.signal }), next).catch(
      (e: unknown) => e,
    );
    await vi.advanceTimersByTimeAsync(10_000);
    controller.abort();
    expect(await waiting).toMatchObject({ code: "aborted" });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toEqual(["0 GET /a"]);
  });

  it("waits with the injected sleep and clock", async () => {
    let clock = 42;
    const sleep = vi.fn(async (ms: number) => {
      clock += ms;
    });
    const store = new MemoryBudgetStore({ now: () => clock });
    const pause = vi.spyOn(store, "pause");
    const throttle = throttlePolicy({
      account: "acme",
      store,
      limit: { limit: 1, windowMs: 60_000 },
      sleep,
      now: () => clock,
    });
    const { next } = recorder(() => {
      throw rateLimited(8);
    });
    await expect(throttle(get("/a"), next)).rejects.toMatchObject({ status: 429 });
    expect(pause).toHaveBeenCalledWith("acme", 50);
    const { signal } = new AbortController();
    await expect(throttle(get("/b", { signal }), next)).rejects.toMatchObject({ status: 429 });
    // First the rest of the pause, then the rest of the window whose one unit /a took, each on the
    // request's own signal.
    expect(sleep.mock.calls).toEqual([
      [8, signal],
      [60_000 - 50, signal],
    ]);
  });

  it("never lets a store failure while learning or pausing hide the answer", async () => {
    const broken: BudgetStore = {
      acquire: async () => 0,
      observe: async () => Promise.reject(new Error("redis down")),
      pause: async () => Promise.reject(new Error("redis down")),
    };
    const throttle = throttlePolicy({
      account: "acme",
      store: broken,
      limit: LIMIT,
      learn: () => ({ remaining: 1 }),
    });
    const ok = await throttle(get("/a"), recorder().next);
    expect(ok.status).toBe(200);
    const limited = rateLimited(1);
    await expect(throttle(get("/a"), recorder(() => Promise.reject(limited)).next)).rejects.toBe(
      limited,
    );
  });

  it("fails the call when the budget cannot be asked, rather than send blind", async () => {
    const broken: BudgetStore = {
      acquire: async () => Promise.reject(new Error("redis down")),
      observe: async () => undefined,
      pause: async () => undefined,
    };
    const { sent, next } = recorder();
    const throttle = throttlePolicy({ account: "acme", store: broken, limit: LIMIT });
    await expect(throttle(get("/a"), next)).rejects.toThrow("redis down");
    expect(sent).toEqual([]);
  });

  it.each([
    [{ account: "", limit: LIMIT }, /account is empty/],
    [{ account: "a", limit: { limit: 3, windowMs: 0 } }, /windowMs must be a positive number/],
    [{ account: "a", limit: { limit: 3, windowMs: Number.POSITIVE_INFINITY } }, /windowMs/],
    [{ account: "a", limit: { ...LIMIT, reserve: 1 } }, /reserve must be at least 0 and below 1/],
    [{ account: "a", limit: { ...LIMIT, reserve: -0.1 } }, /reserve/],
    [{ account: "a", limit: { limit: 3, windowMs: 1000, reserve: 0.9 } }, /at least 1 request/],
    [{ account: "a", limit: { limit: Number.NaN, windowMs: 1000 } }, /at least 1 request/],
  ])("rejects a configuration that cannot work: %j", (options, message) => {
    expect(() => throttlePolicy(options)).toThrow(message);
  });

  it("pauses for computeBackoff unless given a backoff", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const store = new MemoryBudgetStore();
    const pause = vi.spyOn(store, "pause");
    const throttle = throttlePolicy({ account: "acme", store, limit: LIMIT });
    const { next } = recorder(() => {
      throw rateLimited();
    });
    await expect(throttle(get("/a"), next)).rejects.toMatchObject({ status: 429 });
    expect(pause).toHaveBeenCalledWith("acme", T0 + 250);
    vi.restoreAllMocks();
  });
});
