import { postgresAvailable, TEST_DATABASE_URL } from "@terapi/test-support";
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_SCALE_OUT,
  formatScaleOutTable,
  simulateScaleOut,
} from "../../../scripts/simulate-scale-out.js";

const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

async function redisAvailable(): Promise<boolean> {
  const redis = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on("error", () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === "PONG";
  } catch (error) {
    const message = `Redis is not reachable at TEST_REDIS_URL (${(error as Error).message}); start it with "bash scripts/services.sh".`;
    if (process.env.CI) throw new Error(`${message} CI must run the scale-out simulation.`);
    process.emitWarning(`${message} Skipping the scale-out simulation.`);
    return false;
  } finally {
    redis.disconnect();
  }
}

const available = (await postgresAvailable()) && (await redisAvailable());

describe.skipIf(!available)("scale-out simulation (scripts/simulate-scale-out.ts)", () => {
  it("syncs 12 accounts with 1 and then 2 `helpscout worker` processes: every account within its limit, no 429, the store equal to the emulator", async () => {
    const rows = await simulateScaleOut({
      ...DEFAULT_SCALE_OUT,
      accounts: 12,
      workers: [1, 2],
      // Few jobs at once per worker, so that the accounts waiting for their budgets, not the
      // CPU, decide how fast a worker goes: a second worker then syncs twice the accounts.
      concurrency: 8,
      redisUrl: TEST_REDIS_URL,
      databaseUrl: TEST_DATABASE_URL,
      timeoutMs: 60_000,
    });
    // The speed-up is printed, not asserted: on two CPU cores shared with the emulator,
    // Postgres, Redis and whatever else runs, its ratio is too noisy for a gate.
    process.stdout.write(`${formatScaleOutTable(rows)}\n`);

    expect(rows.map((row) => row.workers)).toEqual([1, 2]);
    for (const row of rows) {
      expect(row.peak.mailbox, `${row.workers} worker(s): Mailbox peak`).toBeLessThanOrEqual(
        row.limit.mailbox,
      );
      expect(row.peak.docs, `${row.workers} worker(s): Docs peak`).toBeLessThanOrEqual(
        row.limit.docs,
      );
      // Each account's budget was what paced it: its busiest window used most of the limit.
      expect(row.peak.mailbox).toBeGreaterThanOrEqual(row.limit.mailbox * 0.75);
      expect(row.rateLimited, `${row.workers} worker(s): 429s`).toBe(0);
      expect(row.failedJobs).toBe(0);
      expect(row.differences).toEqual([]);
      expect(row.storeMatches).toBe(true);
      // 12 accounts × (150 conversations + 100 customers + the small models).
      expect(row.records).toBeGreaterThan(12 * 250);
    }
  }, 120_000);
});
