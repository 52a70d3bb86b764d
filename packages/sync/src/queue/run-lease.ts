import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

// Extends or deletes the lease only while it is still ours: a lease that expired and was taken
// by another worker is never touched.
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** A held run lease: renewed in the background until released. */
export interface RunLease {
  /** Stops renewing and deletes the lease, if it is still this one's. */
  release(): Promise<void>;
}

/** Options of {@link RunLeases}. */
export interface RunLeaseOptions {
  redis: Redis;
  /** Key prefix, e.g. `helpscout:sync:lease:`. */
  prefix: string;
  /** How long a lease outlives a worker that stopped renewing it (a crash). */
  ttlMs: number;
}

/**
 * Leases in Redis that make runs of one connection+model mutually exclusive across every worker
 * and process: `SET NX PX` to take, a token-checked `PEXPIRE` every third of the TTL to keep,
 * a token-checked `DEL` to give back. BullMQ already runs each job once at a time; the lease also
 * covers the cases it does not — a scheduled job and an enqueued one of the same pair, a job
 * scheduler whose next run comes due while the previous one still runs, and a stalled job handed
 * to another worker while the first one, only slow, still works on it.
 *
 * @internal
 */
export class RunLeases {
  readonly #options: RunLeaseOptions;

  constructor(options: RunLeaseOptions) {
    this.#options = options;
  }

  /** Takes the lease named `name`; `undefined` when someone else holds it. */
  async acquire(name: string): Promise<RunLease | undefined> {
    const { redis, prefix, ttlMs } = this.#options;
    const key = `${prefix}${name}`;
    const token = randomUUID();
    const taken = await redis.set(key, token, "PX", ttlMs, "NX");
    if (taken !== "OK") return undefined;
    const timer = setInterval(
      () => {
        redis.eval(EXTEND, 1, key, token, String(ttlMs)).catch(() => undefined);
      },
      Math.max(1, Math.floor(ttlMs / 3)),
    );
    timer.unref();
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        clearInterval(timer);
        await redis.eval(RELEASE, 1, key, token);
      },
    };
  }

  /** Whether anyone holds the lease `name` now. */
  async held(name: string): Promise<boolean> {
    return (await this.#options.redis.exists(`${this.#options.prefix}${name}`)) === 1;
  }
}
