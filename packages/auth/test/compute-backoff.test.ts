import { afterEach, describe, expect, it, vi } from "vitest";
import {
  computeBackoff,
  DEFAULT_BACKOFF_BASE_MS,
  DEFAULT_BACKOFF_MAX_MS,
  DEFAULT_MAX_RETRIES,
} from "../src/index.js";

const almostOne = () => 0.999_999_9;

describe("computeBackoff", () => {
  afterEach(() => vi.restoreAllMocks());

  it("exports explicit defaults", () => {
    expect([DEFAULT_MAX_RETRIES, DEFAULT_BACKOFF_BASE_MS, DEFAULT_BACKOFF_MAX_MS]).toEqual([
      3, 500, 30_000,
    ]);
  });

  it("doubles the ceiling per attempt up to the cap", () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 8, 20, 10_000].map((attempt) =>
      computeBackoff(attempt, { random: almostOne }),
    );
    expect(ceilings).toEqual([499, 999, 1999, 3999, 7999, 15_999, 29_999, 29_999, 29_999, 29_999]);
  });

  it("draws from zero (full jitter)", () => {
    expect(computeBackoff(5, { random: () => 0 })).toBe(0);
    expect(computeBackoff(2, { random: () => 0.5 })).toBe(500);
  });

  it("stays inside [0, ceiling) for every draw of Math.random", () => {
    const draws = Array.from({ length: 200 }, () => computeBackoff(3));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(2000);
    expect(new Set(draws).size).toBeGreaterThan(50);
  });

  it("uses Math.random unless given a source", () => {
    vi.spyOn(Math, "random").mockReturnValue(0.25);
    expect(computeBackoff(1)).toBe(125);
  });

  it("honours baseMs and maxMs, and treats attempts below 1 as the first", () => {
    expect(computeBackoff(3, { baseMs: 100, maxMs: 250, random: almostOne })).toBe(249);
    expect(computeBackoff(0, { random: almostOne })).toBe(499);
    expect(computeBackoff(-4, { random: almostOne })).toBe(499);
  });

  it("never leaves its bounds for a misbehaving random source", () => {
    expect(computeBackoff(1, { random: () => 1 })).toBe(499);
    expect(computeBackoff(1, { random: () => 7 })).toBe(499);
    expect(computeBackoff(1, { random: () => -1 })).toBe(0);
    expect(computeBackoff(1, { baseMs: 0, random: almostOne })).toBe(0);
  });
});
