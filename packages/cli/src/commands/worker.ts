import { createPostgresConnectionStore, secretBoxFromEnv } from "@terapi/connection";
import { HelpScoutError } from "@terapi/helpscout-auth";
import { RedisBudgetStore } from "@terapi/helpscout-auth/redis";
import { createPostgresRecordStore } from "@terapi/helpscout-sync";
import {
  connectionClients,
  createSyncWorker,
  DEFAULT_LEASE_MS,
} from "@terapi/helpscout-sync/queue";
import type { Redis } from "ioredis";
import pg from "pg";
import { connectionTerapi } from "../credentials.js";
import type { CliIo } from "../io.js";
import { emulatorAccount } from "../local-emulator.js";
import { connectRedis, hostOf } from "../redis-connection.js";
import { resendingFetch } from "../resending-fetch.js";
import { integerFlag, numberFlag, parseFlags, UsageError } from "../usage-error.js";
import { reportJobEvent, type WorkerTally } from "./worker-report.js";

/** `helpscout worker --help`. */
export const WORKER_USAGE = `Usage: helpscout worker --redis URL --db URL [options]

Runs sync jobs from the queue until stopped. Each job syncs one model of one connection into the
Postgres database at --db, with the connection's credentials read from the same database (stored,
encrypted, by a Terapi on createPostgresConnectionStore). Start as many workers as you like, on as
many machines: they share the queue, each account's rate budget (in Redis) and token refreshes (a
lock in Postgres), and never run two syncs of one connection and model at once. One line per job
on stdout. Ctrl-C or SIGTERM stops the worker: running syncs stop after the page being committed
and go back to the queue for the next worker.

Jobs are scheduled or enqueued with createSyncQueue() from @terapi/helpscout-sync/queue.

Options:
  --redis URL          the queue's Redis, redis://[user:password@]host:6379
  --db URL             Postgres for records and stored connections (postgres://user:password@host/db)
  --concurrency N      jobs run at once (default 4); opens up to N + 2 Postgres connections
  --prefix NAME        Redis key prefix of the queue and the budgets (default helpscout)
  --queue NAME         queue name (default sync)
  --reserve SHARE      share of each rate budget to leave for others, 0 to 0.9 (default 0)
  --lease-ms MS        how long a crashed worker's sync stays locked before another may run it
                       (default 60000, at least 1000; renewed every third of it while running)
  --mailbox-per-minute N       the accounts' Mailbox API limit if your plan differs (default 200)
  --docs-per-ten-minutes N     the accounts' Docs API limit (default 2000; 3000 or 4000 with more sites)
  --help               show this help

Environment:
  TERAPI_ENCRYPTION_KEY                     the key the connections were stored with
  HELPSCOUT_APP_ID + HELPSCOUT_APP_SECRET   your OAuth app, to refresh the connections' tokens
  HELPSCOUT_EMULATOR_URL                    work against a \`helpscout emulator\`: its app, and
                                            rate windows on its (possibly faster) clock
`;

/** `helpscout worker`: runs queued sync jobs until `io.signal` aborts. */
export async function workerCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    {
      redis: { type: "string" },
      db: { type: "string" },
      concurrency: { type: "string" },
      prefix: { type: "string" },
      queue: { type: "string" },
      reserve: { type: "string" },
      "lease-ms": { type: "string" },
      "mailbox-per-minute": { type: "string" },
      "docs-per-ten-minutes": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    WORKER_USAGE,
  );
  if (values.help) {
    io.stdout.write(WORKER_USAGE);
    return 0;
  }
  if (positionals.length > 0) {
    throw new UsageError(`unexpected argument "${positionals[0]}"`, WORKER_USAGE);
  }
  const redisUrl = requiredUrl("--redis", values.redis, ["redis:", "rediss:"]);
  const db = requiredUrl("--db", values.db, ["postgres:", "postgresql:"]);
  const concurrency = integerFlag("--concurrency", values.concurrency, 4, WORKER_USAGE, {
    min: 1,
    max: 256,
  });
  const reserve = numberFlag("--reserve", values.reserve, WORKER_USAGE, { min: 0, max: 0.9 }) ?? 0;
  const leaseMs = integerFlag("--lease-ms", values["lease-ms"], DEFAULT_LEASE_MS, WORKER_USAGE, {
    min: 1000,
  });
  // The throttle learns a smaller real limit from the first answers; these set where it starts.
  const perMinute = integerFlag(
    "--mailbox-per-minute",
    values["mailbox-per-minute"],
    200,
    WORKER_USAGE,
    {
      min: 1,
    },
  );
  const perTenMinutes = integerFlag(
    "--docs-per-ten-minutes",
    values["docs-per-ten-minutes"],
    2000,
    WORKER_USAGE,
    {
      min: 1,
    },
  );
  const prefix = values.prefix ?? "helpscout";
  const queueName = values.queue ?? "sync";
  const emulatorUrl = io.env.HELPSCOUT_EMULATOR_URL?.trim().replace(/\/+$/, "") || undefined;
  const app = await oauthApp(io.env, emulatorUrl);
  const timeScale = emulatorUrl ? await emulatorSpeed(emulatorUrl) : 1;
  const secretBox = secretBoxFromEnv({ ...io.env }); // fails early without the key

  // One pool for records and connections. A token refresh holds a client for its advisory lock
  // while it reads and writes with another, and each running job may be refreshing a different
  // account: with fewer than concurrency + 1 clients, every client could end up held by a lock
  // waiting for a second one. (The pool opens clients only as they are needed.)
  const pool = new pg.Pool({ connectionString: db, max: concurrency + 2 });
  pool.on("error", () => {}); // an idle client's lost connection: the pool replaces it
  let redis: Redis | undefined;
  const recordStore = createPostgresRecordStore({ pool });
  const connections = createPostgresConnectionStore({ pool, secretBox });
  try {
    redis = await connectRedis(redisUrl);
    await migrated(recordStore, db);
    const terapi = connectionTerapi(connections, app, emulatorUrl);
    const clientsFor = connectionClients({
      terapi,
      budgetStore: new RedisBudgetStore({ redis, prefix: `${prefix}:budget:` }),
      mailbox: { perMinute },
      docs: { perTenMinutes },
      reserve,
      timeScale,
      ...(emulatorUrl ? { baseUrl: emulatorUrl } : {}),
    });
    const tally: WorkerTally = { synced: 0, failed: 0, retried: 0 };
    const worker = createSyncWorker({
      connection: redis,
      prefix,
      queueName,
      recordStore,
      clientsFor,
      concurrency,
      leaseMs,
      onEvent: (event) => reportJobEvent(event, io.stdout, tally),
      onError: (error) => io.stderr.write(`worker: ${error.message}\n`),
    });
    await worker.waitUntilReady();
    io.stdout.write(
      `worker ready: queue ${prefix}:${queueName} on ${hostOf(redisUrl)}, records in ${hostOf(db)}, ${concurrency} jobs at once, a crashed run locked for ${leaseMs / 1000} s${timeScale === 1 ? "" : `, emulator clock ×${timeScale}`}\n`,
    );
    await untilAborted(io.signal);
    io.stderr.write("worker: stopping; running syncs go back to the queue after their page…\n");
    await worker.close();
    io.stdout.write(
      `worker stopped: ${tally.synced} synced, ${tally.retried} to retry, ${tally.failed} failed\n`,
    );
    return 0;
  } finally {
    redis?.disconnect();
    await recordStore.close();
    await connections.close();
    await pool.end().catch(() => undefined);
  }
}

/** A flag's URL, which must be there and use one of `protocols` (e.g. `redis:`). */
function requiredUrl(flag: string, value: string | undefined, protocols: string[]): string {
  if (value === undefined || value.trim() === "") {
    throw new UsageError(`${flag} is required`, WORKER_USAGE);
  }
  if (!URL.canParse(value) || !protocols.includes(new URL(value).protocol)) {
    // The value may hold a password: name the expected scheme, not what was given.
    throw new UsageError(`${flag} must be a ${protocols[0]}// URL`, WORKER_USAGE);
  }
  return value;
}

/** The OAuth app that refreshes tokens: the environment's, else the emulator's first account's. */
async function oauthApp(
  env: CliIo["env"],
  emulatorUrl: string | undefined,
): Promise<{ clientId: string; clientSecret: string } | undefined> {
  const clientId = env.HELPSCOUT_APP_ID?.trim();
  const clientSecret = env.HELPSCOUT_APP_SECRET?.trim();
  if (Boolean(clientId) !== Boolean(clientSecret)) {
    throw new HelpScoutError({
      code: "configuration_error",
      message: "set both HELPSCOUT_APP_ID and HELPSCOUT_APP_SECRET, or neither.",
    });
  }
  if (clientId && clientSecret) return { clientId, clientSecret };
  if (!emulatorUrl) return undefined;
  const { clientId: id, clientSecret: secret } = await emulatorAccount(emulatorUrl);
  return { clientId: id, clientSecret: secret };
}

/** The emulator's clock speed (emulated ms per real ms), from `/_emulator/stats`. */
async function emulatorSpeed(url: string): Promise<number> {
  const response = await resendingFetch(`${url}/_emulator/stats`);
  const speed = response.ok
    ? ((await response.json()) as { clock?: { speed?: unknown } }).clock?.speed
    : undefined;
  if (typeof speed !== "number" || !(speed > 0)) {
    throw new HelpScoutError({
      code: "invalid_response",
      message: `${url} does not report an emulator clock at /_emulator/stats.`,
    });
  }
  return speed;
}

async function migrated(store: { migrate(): Promise<void> }, db: string): Promise<void> {
  try {
    await store.migrate();
  } catch (cause) {
    throw new HelpScoutError({
      code: "store_unavailable",
      message: `cannot open the record store at ${hostOf(db)}: ${cause instanceof Error ? cause.message : String(cause)}`,
      cause,
    });
  }
}

/** Resolves when `signal` aborts; never without one. */
function untilAborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    signal?.addEventListener("abort", () => resolve(), { once: true });
  });
}
