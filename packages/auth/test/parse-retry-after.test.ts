import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "../src/index.js";

const h = (init: Record<string, string>) => new Headers(init);

describe("parseRetryAfter", () => {
  it("prefers X-RateLimit-Retry-After (Mailbox), in seconds", () => {
    expect(parseRetryAfter(h({ "x-ratelimit-retry-after": "12", "retry-after": "99" }))).toBe(
      12_000,
    );
  });

  it("falls back to Retry-After seconds or an HTTP date", () => {
    expect(parseRetryAfter(h({ "retry-after": "3" }))).toBe(3000);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter(h({ "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" }), 429, now)).toBe(
      5000,
    );
  });

  it("reads the Docs X-RateLimit-Reset delta only on a 429", () => {
    expect(parseRetryAfter(h({ "x-ratelimit-reset": "30" }), 429)).toBe(30_000);
    expect(parseRetryAfter(h({ "x-ratelimit-reset": "30" }), 200)).toBeUndefined();
  });

  it("treats invalid values as no hint", () => {
    expect(parseRetryAfter(h({ "x-ratelimit-retry-after": "soon" }))).toBeUndefined();
    expect(parseRetryAfter(h({ "retry-after": "-1" }))).toBeUndefined();
    expect(parseRetryAfter(h({}))).toBeUndefined();
  });
});
