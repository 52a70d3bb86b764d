import { createHash } from "node:crypto";
import type { Cluster, Redis } from "ioredis";
import type { BudgetStore, RateLimit, RateObservation } from "./budget-store.js";

/** Options of {@link RedisBudgetStore}. */
export interface RedisBudgetStoreOptions {
  /** An ioredis client (or cluster) of your own; the store never connects or quits it. */
  redis: Redis | Cluster;
  /** Key prefix; each account uses the one hash `<prefix><account>:state`. Default `helpscout:budget:`. */
  prefix?: string;
  /** This process's clock, used only to turn `pause(untilMs)` into a duration. Default `Date.now`. */
  now?: () => number;
}

// Every script reads the clock with TIME, so processes whose clocks disagree still share one view
// of windows and pauses. All state of an account is one hash, so a script touches one key and
// works on Redis Cluster too; its TTL outlives the current window and pause, then it goes away.
const PRELUDE = `
if redis.replicate_commands then redis.replicate_commands() end
local key = KEYS[1]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local s = redis.call('HMGET', key, 'window', 'windowMs', 'used', 'learned', 'pausedUntil')
local paused = tonumber(s[5]) or 0
local learned = tonumber(s[4])
local function load(windowMs)
  local window = math.floor(now / windowMs)
  local used = 0
  if tonumber(s[1]) == window and tonumber(s[2]) == windowMs then used = tonumber(s[3]) or 0 end
  return window, used
end
local function keep(windowMs, window)
  local untilMs = math.max((window + 2) * windowMs, paused)
  redis.call('PEXPIRE', key, math.max(1, untilMs - now))
end
`;

const ACQUIRE = `${PRELUDE}
local weight, limit, windowMs, reserve = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
if paused > now then return paused - now end
local window, used = load(windowMs)
if learned and learned < limit then limit = learned end
if used + weight <= math.floor(limit * (1 - reserve)) or used == 0 then
  redis.call('HSET', key, 'window', window, 'windowMs', windowMs, 'used', used + weight)
  keep(windowMs, window)
  return 0
end
return math.max(1, (window + 1) * windowMs - now)
`;

const OBSERVE = `${PRELUDE}
local limit, remaining, windowMs = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local window, used = load(windowMs)
if limit and limit > 0 then learned = limit end
if learned and remaining then used = math.max(used, learned - remaining) end
redis.call('HSET', key, 'window', window, 'windowMs', windowMs, 'used', used)
if learned then redis.call('HSET', key, 'learned', learned) end
keep(windowMs, window)
return 0
`;

const PAUSE = `${PRELUDE}
paused = math.max(paused, now + tonumber(ARGV[1]))
redis.call('HSET', key, 'pausedUntil', paused)
redis.call('PEXPIRE', key, math.max(redis.call('PTTL', key), paused - now, 1))
return 0
`;

interface Script {
  source: string;
  sha: string;
}
const script = (source: string): Script => ({
  source,
  sha: createHash("sha1").update(source).digest("hex"),
});
const SCRIPTS = { acquire: script(ACQUIRE), observe: script(OBSERVE), pause: script(PAUSE) };

/**
 * A {@link BudgetStore} in Redis, for one account's budget shared by many processes and machines.
 * Each operation is one Lua script, so `acquire`, `observe` and `pause` are atomic, and the clock
 * is Redis's `TIME`, so processes with skewed clocks agree on windows and pauses.
 *
 * @example
 * const store = new RedisBudgetStore({ redis: new Redis(process.env.REDIS_URL!) });
 * const throttle = mailboxThrottle({ account: "acme", store });
 */
export class RedisBudgetStore implements BudgetStore {
  readonly #redis: Redis | Cluster;
  readonly #prefix: string;
  readonly #now: () => number;

  constructor(options: RedisBudgetStoreOptions) {
    this.#redis = options.redis;
    this.#prefix = options.prefix ?? "helpscout:budget:";
    this.#now = options.now ?? (() => Date.now());
  }

  async acquire(account: string, weight: number, limit: RateLimit): Promise<number> {
    const args = [weight, limit.limit, limit.windowMs, limit.reserve ?? 0];
    return Number(await this.#run(SCRIPTS.acquire, account, args));
  }

  async observe(account: string, observation: RateObservation): Promise<void> {
    const { limit, remaining, windowMs } = observation;
    await this.#run(SCRIPTS.observe, account, [limit ?? "", remaining ?? "", windowMs]);
  }

  async pause(account: string, untilMs: number): Promise<void> {
    // Sent as a duration: the script adds it to Redis's clock, not to ours.
    await this.#run(SCRIPTS.pause, account, [Math.max(0, Math.ceil(untilMs - this.#now()))]);
  }

  /** Runs a script by its hash, loading it once per Redis server when Redis does not know it. */
  async #run(script: Script, account: string, args: ReadonlyArray<string | number>) {
    const key = `${this.#prefix}${account}:state`;
    try {
      return await this.#redis.evalsha(script.sha, 1, key, ...args);
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith("NOSCRIPT"))) throw error;
      return await this.#redis.eval(script.source, 1, key, ...args);
    }
  }
}
