import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  apiKeyPolicy,
  bearerTokenPolicy,
  createHelpScoutFetch,
  DOCS_WINDOW_MS,
  docsThrottle,
  MAILBOX_WINDOW_MS,
  MemoryBudgetStore,
  mailboxRequestWeight,
  mailboxThrottle,
  rateLimitHeaders,
  retryPolicy,
  staticTokenSource,
} from "../src/index.js";
import {
  DOCS_HEADERS,
  MAILBOX_HEADERS,
  rateLimitedServer,
} from "./fixtures/rate-limited-server.js";

const T0 = 1_000 * DOCS_WINDOW_MS; // aligned to both APIs' windows
const MAILBOX = "https://api.helpscout.net/v2";
const DOCS = "https://docsapi.helpscout.net/v1";
const auth = bearerTokenPolicy(staticTokenSource("token-0123456789"));
const offsets = (log: { at: number; method: string }[]) =>
  log.map((s) => `${s.at - T0} ${s.method}`);

describe("throttle presets", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it("mailboxThrottle: a minute window in which writes weigh 2", async () => {
    const server = rateLimitedServer({
      limit: 1000,
      windowMs: MAILBOX_WINDOW_MS,
      headers: MAILBOX_HEADERS,
    });
    const fetch = createHelpScoutFetch({
      auth,
      throttle: mailboxThrottle({ account: "acme", perMinute: 5 }),
      fetch: server.fetch,
    });
    const calls = [
      fetch(`${MAILBOX}/customers`, { method: "POST", body: "{}" }),
      fetch(`${MAILBOX}/conversations/1`, { method: "PATCH", body: "[]" }),
      fetch(`${MAILBOX}/conversations/1`, { method: "DELETE" }),
      fetch(`${MAILBOX}/mailboxes`),
    ];
    await vi.advanceTimersByTimeAsync(MAILBOX_WINDOW_MS);
    await Promise.all(calls);
    expect(offsets(server.log)).toEqual(["0 POST", "0 PATCH", "0 GET", "60000 DELETE"]);
  });

  it("mailboxThrottle learns X-RateLimit-Limit-Minute and X-RateLimit-Remaining-Minute", async () => {
    const server = rateLimitedServer({
      limit: 3,
      windowMs: MAILBOX_WINDOW_MS,
      headers: MAILBOX_HEADERS,
    });
    const store = new MemoryBudgetStore();
    const observe = vi.spyOn(store, "observe");
    const fetch = createHelpScoutFetch({
      auth,
      throttle: mailboxThrottle({ account: "acme", store }),
      fetch: server.fetch,
    });
    await fetch(`${MAILBOX}/users/me`);
    expect(observe).toHaveBeenCalledWith("acme", { limit: 3, remaining: 2, windowMs: 60_000 });
    const calls = [1, 2, 3].map(() => fetch(`${MAILBOX}/users/me`));
    await vi.advanceTimersByTimeAsync(MAILBOX_WINDOW_MS);
    await Promise.all(calls);
    expect(offsets(server.log)).toEqual(["0 GET", "0 GET", "0 GET", "60000 GET"]);
    expect(server.log.every((s) => s.status === 200)).toBe(true);
  });

  it("docsThrottle: a 10-minute window, every request weighs 1, learns X-RateLimit-*", async () => {
    const server = rateLimitedServer({ limit: 2, windowMs: DOCS_WINDOW_MS, headers: DOCS_HEADERS });
    const fetch = createHelpScoutFetch({
      auth: apiKeyPolicy("docs-key-0123"),
      throttle: docsThrottle({ account: "acme" }),
      fetch: server.fetch,
    });
    await fetch(`${DOCS}/articles`, { method: "POST", body: "{}" });
    const calls = [fetch(`${DOCS}/sites`), fetch(`${DOCS}/sites`)];
    await vi.advanceTimersByTimeAsync(DOCS_WINDOW_MS - 1);
    expect(offsets(server.log)).toEqual(["0 POST", "0 GET"]);
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all(calls);
    expect(offsets(server.log)).toEqual(["0 POST", "0 GET", "600000 GET"]);
  });

  it("docsThrottle defaults to 2000 per 10 minutes and honours reserve", async () => {
    const store = new MemoryBudgetStore();
    const acquire = vi.spyOn(store, "acquire");
    const server = rateLimitedServer({
      limit: 10_000,
      windowMs: DOCS_WINDOW_MS,
      headers: DOCS_HEADERS,
    });
    const docs = createHelpScoutFetch({
      auth: apiKeyPolicy("docs-key-0123"),
      throttle: docsThrottle({ account: "acme", store, reserve: 0.5 }),
      fetch: server.fetch,
    });
    const mailbox = createHelpScoutFetch({
      auth,
      throttle: mailboxThrottle({ account: "acme-mailbox", store }),
      fetch: server.fetch,
    });
    await docs(`${DOCS}/sites`);
    await mailbox(`${MAILBOX}/mailboxes`);
    expect(acquire.mock.calls).toEqual([
      ["acme", 1, { limit: 2000, windowMs: 600_000, reserve: 0.5 }],
      ["acme-mailbox", 1, { limit: 200, windowMs: 60_000, reserve: 0 }],
    ]);
  });

  it("a 429 storm never sends more than the budget allows", { timeout: 30_000 }, async () => {
    // The account really allows 50 a minute; the client believes the default 200.
    // Answers take 100 ms, so the first burst goes out before any answer can teach the limit.
    const server = rateLimitedServer({
      limit: 50,
      windowMs: MAILBOX_WINDOW_MS,
      headers: MAILBOX_HEADERS,
      latencyMs: 100,
    });
    const fetch = createHelpScoutFetch({
      auth,
      retry: retryPolicy(),
      throttle: mailboxThrottle({ account: "acme" }),
      fetch: server.fetch,
    });
    const calls = Array.from({ length: 1000 }, (_, n) => fetch(`${MAILBOX}/conversations/${n}`));
    const settled = Promise.allSettled(calls);
    await vi.advanceTimersByTimeAsync(25 * MAILBOX_WINDOW_MS);
    const results = await settled;

    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1000);
    const perWindow = [...server.received.entries()].sort(([a], [b]) => a - b).map(([, n]) => n);
    expect(perWindow[0]).toBe(200);
    // Once a response taught the real limit, no window got more than the account allows.
    expect(Math.max(...perWindow.slice(1))).toBeLessThanOrEqual(50);
    expect(server.log.filter((s) => s.status === 429).length).toBe(perWindow[0]! - 50);
    expect(server.log.slice(perWindow[0]).every((s) => s.status === 200)).toBe(true);
    expect(perWindow.length).toBe(20);
  });

  it("mailboxRequestWeight counts POST, PUT, PATCH and DELETE as 2", () => {
    const weigh = (method: string) => mailboxRequestWeight(new Request(MAILBOX, { method }));
    expect(["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"].map(weigh)).toEqual([
      1, 1, 1, 2, 2, 2, 2,
    ]);
  });

  it("rateLimitHeaders reads whole numbers only and leaves out what is missing", () => {
    const read = rateLimitHeaders("x-limit", "x-left");
    expect(read(new Headers({ "x-limit": "200", "x-left": " 17 " }))).toEqual({
      limit: 200,
      remaining: 17,
    });
    expect(read(new Headers({ "x-left": "0" }))).toEqual({ remaining: 0 });
    expect(read(new Headers({ "x-limit": "200", "x-left": "-1" }))).toEqual({ limit: 200 });
    expect(read(new Headers({ "x-limit": "lots" }))).toBeUndefined();
  });
});
