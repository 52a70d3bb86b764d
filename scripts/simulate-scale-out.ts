/**
 * Scale-out simulation: many Help Scout accounts synced by sync workers in separate processes,
 * sharing one queue (BullMQ on Redis), one rate budget per account (Redis), the token-refresh
 * lock and the records (Postgres).
 *
 *   tsx scripts/simulate-scale-out.ts [--accounts 200] [--workers 1,2,4] [--concurrency 8]
 *     [--speed 20] [--mailbox-per-minute 12] [--conversations 150] [--token-lifetime 1200]
 *
 * For each worker count: a fresh emulator over HTTP (every account seeded with the same small
 * data, its clock compressed so a minute-long rate window lasts a second or two), a fresh
 * database holding every account's connection (authorization-code flow to one app, plus a Docs
 * API key), N `helpscout worker` processes, one full sync per account enqueued, then a wait until
 * the queue is empty. It prints one table row per worker count: wall time, records/s,
 * requests/s, speed-up over the first row, the busiest account's peak units in one rate window
 * against the limit, 429s, and whether the store equals what the emulator serves.
 *
 * Needs Redis and Postgres (TEST_REDIS_URL, TEST_DATABASE_URL; `bash scripts/services.sh`) and the
 * built CLI (`pnpm build`).
 */
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { createPostgresRecordStore, syncModels } from "@terapi/helpscout-sync";
import { createSyncQueue } from "@terapi/helpscout-sync/queue";
import { formatScaleOutTable, type ScaleOutRow } from "./scale-out/results-table.js";
import {
  accountIds,
  connectAccounts,
  newEncryptionKey,
  type SimulatedHelpScout,
  scratchDatabase,
  startSimulatedHelpScout,
} from "./scale-out/simulated-accounts.js";
import { compareStoreWithEmulator } from "./scale-out/store-equality.js";
import { startWorkers } from "./scale-out/worker-processes.js";

export { formatScaleOutTable, type ScaleOutRow };

/** Options of {@link simulateScaleOut}. */
export interface ScaleOutOptions extends SimulatedHelpScout {
  /** Worker process counts to measure, one run each, e.g. `[1, 2, 4]`. */
  workers: number[];
  /** Jobs each worker process runs at once. */
  concurrency: number;
  /**
   * Share of each account's budget the workers leave unused. A compressed clock does not
   * compress latency: a request budgeted at the very end of a window can reach the emulator in
   * the next one (50 ms of latency is a whole emulated second at 20×); the reserve absorbs those.
   */
  reserve: number;
  redisUrl: string;
  /** Any database on the server: each run creates (and drops) its own next to it. */
  databaseUrl: string;
  /** Gives up on a run after this long. */
  timeoutMs: number;
  /** Progress lines (setup, queue counts); silent when absent. */
  log?: (line: string) => void;
}

/** Runs the simulation once per entry of `options.workers` and returns a row for each. */
export async function simulateScaleOut(options: ScaleOutOptions): Promise<ScaleOutRow[]> {
  const rows: ScaleOutRow[] = [];
  for (const workers of options.workers) {
    const row = await runOnce(workers, options);
    row.speedUp = rows[0] ? row.recordsPerSecond / rows[0].recordsPerSecond : 1;
    rows.push(row);
  }
  return rows;
}

async function runOnce(workers: number, options: ScaleOutOptions): Promise<ScaleOutRow> {
  const log = options.log ?? (() => {});
  const ids = accountIds(options.accounts);
  const running = await startSimulatedHelpScout(options);
  const { emulator, url } = running;
  const database = await scratchDatabase(options.databaseUrl);
  const prefix = `scaleout-${randomBytes(4).toString("hex")}`;
  const encryptionKey = newEncryptionKey();
  const jobs = ids.length * syncModels.length;
  // Keep every finished job, so that the counts below tell when all of them are done.
  const queue = createSyncQueue({
    connection: options.redisUrl,
    prefix,
    backoffMs: 1000,
    keep: { completed: jobs, failed: jobs },
  });
  try {
    log(`${workers} worker(s): connecting ${ids.length} accounts…`);
    await connectAccounts({ emulatorUrl: url, databaseUrl: database.url, encryptionKey, ids });
    const issuedBefore = new Set(emulator.tokens.access.keys());
    const processes = await startWorkers(workers, {
      redisUrl: options.redisUrl,
      databaseUrl: database.url,
      prefix,
      concurrency: options.concurrency,
      mailboxPerMinute: options.mailboxPerMinute,
      docsPerTenMinutes: options.docsPerTenMinutes,
      reserve: options.reserve,
      emulatorUrl: url,
      encryptionKey,
    });
    let wallMs: number;
    try {
      const requestsBefore = emulator.stats.requests;
      const started = performance.now();
      for (const id of ids) await queue.enqueue({ connectionId: id });
      let lastLog = 0;
      for (;;) {
        const counts = await queue.counts();
        if (counts.completed + counts.failed >= jobs) break;
        if (performance.now() - started > options.timeoutMs) {
          throw new Error(
            `run with ${workers} worker(s) not done in ${options.timeoutMs} ms: ${JSON.stringify(counts)}`,
          );
        }
        if (performance.now() - lastLog > 5000) {
          lastLog = performance.now();
          log(`  ${counts.completed + counts.failed}/${jobs} jobs done, ${counts.active} running`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      wallMs = performance.now() - started;
      const requests = emulator.stats.requests - requestsBefore;
      const failedJobs = (await queue.counts()).failed;
      const accounts = [...emulator.accounts.values()];
      const peak = {
        mailbox: Math.max(...accounts.map((account) => account.rate.mailbox.peak)),
        docs: Math.max(...accounts.map((account) => account.rate.docs.peak)),
      };
      const rateLimited = accounts.reduce(
        (sum, account) => sum + account.rate.mailbox.rateLimited + account.rate.docs.rateLimited,
        0,
      );
      // Every access token issued during the run is a refresh (a 401 after the emulator expired
      // the previous one); per account, at most one per expiry.
      const perAccount = new Map<string, number>();
      for (const [token, issued] of emulator.tokens.access) {
        if (issuedBefore.has(token)) continue;
        perAccount.set(issued.accountId, (perAccount.get(issued.accountId) ?? 0) + 1);
      }
      const refreshes = [...perAccount.values()].reduce((sum, n) => sum + n, 0);
      const maxRefreshesPerAccount = Math.max(0, ...perAccount.values());
      await processes.stop();

      log("  comparing the store with the emulator…");
      emulator.rateLimits.enabled = false;
      const store = createPostgresRecordStore({ connectionString: database.url });
      try {
        const { records, differences } = await compareStoreWithEmulator({
          store,
          emulatorUrl: url,
          ids,
        });
        const seconds = wallMs / 1000;
        return {
          workers,
          wallMs: Math.round(wallMs),
          records,
          requests,
          recordsPerSecond: records / seconds,
          requestsPerSecond: requests / seconds,
          speedUp: 1,
          peak,
          limit: { mailbox: options.mailboxPerMinute, docs: options.docsPerTenMinutes },
          rateLimited,
          refreshes,
          maxRefreshesPerAccount,
          failedJobs,
          storeMatches: differences.length === 0 && failedJobs === 0,
          differences,
        };
      } finally {
        await store.close();
      }
    } finally {
      await processes.stop();
    }
  } finally {
    await queue.queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await running.close();
    await database.drop();
  }
}

/** The defaults of the command line: 200 small accounts, 1, 2 and 4 workers. */
export const DEFAULT_SCALE_OUT: Omit<ScaleOutOptions, "redisUrl" | "databaseUrl" | "log"> = {
  accounts: 200,
  workers: [1, 2, 4],
  concurrency: 8,
  reserve: 0.1,
  // A minute-long Mailbox window lasts 3 real seconds, a 10-minute Docs window 30.
  speed: 20,
  // About 12 Mailbox requests per account: two windows' worth, so each account's budget, not
  // the workers, sets the pace of its sync.
  mailboxPerMinute: 12,
  docsPerTenMinutes: 120,
  // 20 emulated minutes, one real minute: tokens expire during a run and the workers refresh them
  // on the 401 (one of them, once per expiry), while Terapi, which counts in real time and
  // refreshes 15 minutes ahead, never does so on its own.
  tokenLifetimeSeconds: 1200,
  size: {
    mailboxes: 1,
    users: 3,
    teams: 1,
    tags: 4,
    customers: 100,
    conversations: 150,
    maxThreads: 2,
    organizations: 2,
    sites: 1,
    collectionsPerSite: 1,
    categoriesPerCollection: 2,
    articles: 4,
    redirects: 2,
  },
  timeoutMs: 20 * 60_000,
};

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      accounts: { type: "string" },
      workers: { type: "string" },
      concurrency: { type: "string" },
      speed: { type: "string" },
      "mailbox-per-minute": { type: "string" },
      conversations: { type: "string" },
      "token-lifetime": { type: "string" },
    },
  });
  const number = (value: string | undefined, fallback: number) =>
    value === undefined ? fallback : Number(value);
  const options: ScaleOutOptions = {
    ...DEFAULT_SCALE_OUT,
    accounts: number(values.accounts, DEFAULT_SCALE_OUT.accounts),
    workers: values.workers ? values.workers.split(",").map(Number) : DEFAULT_SCALE_OUT.workers,
    concurrency: number(values.concurrency, DEFAULT_SCALE_OUT.concurrency),
    speed: number(values.speed, DEFAULT_SCALE_OUT.speed),
    mailboxPerMinute: number(values["mailbox-per-minute"], DEFAULT_SCALE_OUT.mailboxPerMinute),
    tokenLifetimeSeconds: number(values["token-lifetime"], DEFAULT_SCALE_OUT.tokenLifetimeSeconds),
    size: {
      ...DEFAULT_SCALE_OUT.size,
      conversations: number(values.conversations, DEFAULT_SCALE_OUT.size.conversations ?? 100),
    },
    redisUrl: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
    databaseUrl:
      process.env.TEST_DATABASE_URL ?? "postgres://postgres:postgres@127.0.0.1:5432/helpscout_test",
    log: (line) => console.error(line),
  };
  const bad = [
    options.accounts,
    options.concurrency,
    options.speed,
    options.mailboxPerMinute,
    ...options.workers,
  ];
  if (bad.some((n) => !(Number.isFinite(n) && n > 0))) {
    console.error("simulate-scale-out: every number must be above 0");
    return 2;
  }
  console.error(
    `${options.accounts} accounts, ${syncModels.length} models each, workers ${options.workers.join(", ")} × ${options.concurrency} jobs, clock ×${options.speed}, Mailbox ${options.mailboxPerMinute}/min, Docs ${options.docsPerTenMinutes}/10 min`,
  );
  const rows = await simulateScaleOut(options);
  console.log(formatScaleOutTable(rows));
  for (const row of rows)
    for (const line of row.differences.slice(0, 10)) console.log(`  ${row.workers}: ${line}`);
  return rows.every((row) => row.storeMatches && row.rateLimited === 0) ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
