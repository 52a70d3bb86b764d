/**
 * The emulator's clock. Token expiry, rate-limit windows, `modifiedAt` stamps and retry waits all
 * read it, so tests and benchmarks can move time instead of waiting: `advance(ms)` jumps, and a
 * `speed` above 1 makes emulated time run faster than real time (e.g. 60 = a minute per second).
 */
export class EmulatorClock {
  #base: number;
  #realBase: number;
  #speed: number;

  constructor(options: { startAt?: number; speed?: number } = {}) {
    this.#base = options.startAt ?? Date.now();
    this.#realBase = performance.now();
    this.#speed = options.speed ?? 1;
  }

  /** Emulated Unix milliseconds. */
  now(): number {
    return Math.floor(this.#base + (performance.now() - this.#realBase) * this.#speed);
  }

  /** Emulated time as an ISO 8601 string with second precision, as Help Scout writes it. */
  iso(offsetMs = 0): string {
    return `${new Date(this.now() + offsetMs).toISOString().slice(0, 19)}Z`;
  }

  /** Moves emulated time forward. */
  advance(ms: number): void {
    this.#base += ms;
  }

  /** How many emulated milliseconds pass per real millisecond. */
  get speed(): number {
    return this.#speed;
  }

  set speed(value: number) {
    this.#base = this.now();
    this.#realBase = performance.now();
    this.#speed = value;
  }
}
