/**
 * One sync worker process of the crash test: a BullMQ worker from @terapi/helpscout-sync/queue
 * whose jobs sync into a shared Postgres record store, with clients on connections stored in
 * Postgres (one refresh across processes) and a rate budget shared in Redis. Prints one line per
 * job event; SIGTERM stops it gracefully, SIGKILL is what the test does to it.
 *
 * Environment: QW_URL (emulator), QW_DB_URL, QW_RECORDS_SCHEMA, QW_CONNECTIONS_SCHEMA,
 * QW_REDIS_URL, QW_PREFIX, QW_APP_ID, QW_APP_SECRET, QW_TIME_SCALE, TERAPI_ENCRYPTION_KEY.
 */
import { createPostgresConnectionStore } from "@terapi/connection";
import { RedisBudgetStore } from "@terapi/helpscout-auth/redis";
import { createPostgresRecordStore } from "@terapi/helpscout-sync";
import { connectionClients, createSyncWorker } from "@terapi/helpscout-sync/queue";
import { Redis } from "ioredis";
import { emulatorTerapi, remoteEmulatorClock } from "../../src/emulator-terapi.js";

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`queue-worker: ${name} is not set`);
  return value;
};
const say = (line: string) => process.stdout.write(`${line}\n`);

const url = env("QW_URL");
const redis = new Redis(env("QW_REDIS_URL"), { maxRetriesPerRequest: null });
redis.on("error", () => {});
const recordStore = createPostgresRecordStore({
  connectionString: env("QW_DB_URL"),
  schema: env("QW_RECORDS_SCHEMA"),
});
const connections = createPostgresConnectionStore({
  connectionString: env("QW_DB_URL"),
  schema: env("QW_CONNECTIONS_SCHEMA"),
});
const terapi = emulatorTerapi({
  url,
  store: connections,
  clientId: env("QW_APP_ID"),
  clientSecret: env("QW_APP_SECRET"),
  now: await remoteEmulatorClock(url, Number(env("QW_TIME_SCALE"))),
  fetch: globalThis.fetch,
});
const prefix = env("QW_PREFIX");
const worker = createSyncWorker({
  connection: redis,
  prefix,
  recordStore,
  concurrency: 2,
  // A dead worker's lease blocks its connection+model this long (the default is a minute).
  leaseMs: 2_000,
  busyRetryMs: 500,
  clientsFor: connectionClients({
    terapi,
    budgetStore: new RedisBudgetStore({ redis, prefix: `${prefix}:budget:` }),
    baseUrl: url,
    timeScale: Number(env("QW_TIME_SCALE")),
  }),
  onEvent: (event) => {
    if (event.type === "job-start") say(`start ${event.model}`);
    if (event.type === "job-progress" && event.progress.type === "page") say(`page ${event.model}`);
    if (event.type === "job-done")
      say(
        `done ${event.model} ${event.summary.pages} pages${event.summary.resumed ? " resumed" : ""}`,
      );
    if (event.type === "job-busy") say(`busy ${event.model} ${event.action}`);
    if (event.type === "job-interrupted") say(`interrupted ${event.model}`);
    if (event.type === "job-failed") {
      const code = (event.error as { code?: unknown })?.code;
      say(`failed ${event.model} ${typeof code === "string" ? code : "unknown"} ${event.outcome}`);
      process.stderr.write(`${String(event.error)}\n`);
    }
  },
  onError: (error) => process.stderr.write(`worker error: ${error.message}\n`),
});
await worker.waitUntilReady();
say("ready");
process.once("SIGTERM", () => {
  void (async () => {
    await worker.close();
    redis.disconnect();
    await recordStore.close();
    await connections.close?.();
    say("stopped");
    process.exit(0);
  })();
});
