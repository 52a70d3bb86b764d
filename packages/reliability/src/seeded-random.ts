/**
 * A small seeded PRNG (mulberry32): the same seed gives the same kill moments, fault schedules
 * and fuzz corpus, so a failing run can be replayed with `RELIABILITY_SEED=<seed>`.
 */
export class SeededRandom {
  #state: number;

  /** @param seed - Any 32-bit integer. */
  constructor(readonly seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** One of `items`. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError("pick() from an empty list");
    return item;
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/**
 * The seed of this run: `RELIABILITY_SEED` when set (to replay a run), otherwise a fresh one.
 * Each test file derives its own generator from it with a distinct `salt`.
 */
export function suiteSeed(): number {
  const given = process.env.RELIABILITY_SEED;
  if (given !== undefined && given !== "") {
    const seed = Number(given);
    if (!Number.isInteger(seed))
      throw new Error(`RELIABILITY_SEED must be an integer, not ${given}`);
    return seed >>> 0;
  }
  return (Date.now() ^ (process.pid << 16)) >>> 0;
}
