/**
 * Crash: sync worker processes (BullMQ workers of @terapi/helpscout-sync/queue, clients on
 * connections stored in Postgres, rate budget in Redis) are SIGKILLed at seeded random moments
 * while they run sync jobs, and replaced. After the kills, the workers are restarted and the
 * models enqueued once more: the Postgres record store must then equal the emulator — same ids,
 * same content hashes, no duplicate rows.
 */
import { randomBytes } from "node:crypto";
import { createPostgresConnectionStore, createSecretBox } from "@terapi/connection";
import { createDocsClient } from "@terapi/helpscout-docs";
import type { RunningEmulator } from "@terapi/helpscout-emulator";
import { createMailboxClient } from "@terapi/helpscout-mailbox";
import { createPostgresRecordStore, type SqlRecordStore } from "@terapi/helpscout-sync";
import { createSyncQueue, type SyncQueue } from "@terapi/helpscout-sync/queue";
import { postgresAvailable, redisAvailable, TEST_REDIS_URL } from "@terapi/test-support";
import { Worker } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Canaries, createCanaries } from "../src/canaries.js";
import { type CanaryDatabase, createCanaryDatabase } from "../src/canary-database.js";
import {
  clientCredentialsToken,
  issuedTokens,
  startCanaryEmulator,
} from "../src/canary-emulator.js";
import { docsSnapshot, mailboxSnapshot, type Snapshot } from "../src/emulator-snapshot.js";
import { connectThroughConsent, emulatorTerapi } from "../src/emulator-terapi.js";
import { guardAgainstLeaks } from "../src/leak-guard.js";
import { type NodeProcess, startNode } from "../src/node-process.js";
import { report } from "../src/report.js";
import { SeededRandom, suiteSeed } from "../src/seeded-random.js";
import { describeSnapshot, diffSnapshots, storeSnapshot } from "../src/store-snapshot.js";
import { transcript } from "../src/transcript.js";

const SCOPE = "crash";
const KILLS = 5;
const WORKERS = 3;
/** The emulator's clock runs this much faster: rate windows of a second, tokens of 48 minutes. */
const SPEED = 60;

const postgres = await postgresAvailable();
const redisUp = await redisAvailable();
const seed = suiteSeed();
const random = new SeededRandom(seed ^ 0x5eed_0003);
const canaries: Canaries = createCanaries();
const prefix = `reliability-crash-${randomBytes(4).toString("hex")}`;
let running: RunningEmulator | undefined;
let database: CanaryDatabase | undefined;
let queue: SyncQueue | undefined;
let sweeper: Worker | undefined;
let sweeperRedis: Redis | undefined;
let records: SqlRecordStore | undefined;
let recordsSchema = "";
let connectionsSchema = "";
const workers: NodeProcess[] = [];
let spawned = 0;

guardAgainstLeaks(SCOPE, () => ({
  ...canaries,
  ...(running ? issuedTokens(running.emulator) : {}),
}));

beforeAll(async () => {
  if (!postgres || !redisUp) return;
  report(SCOPE, `seed ${seed} (replay with RELIABILITY_SEED=${seed})`);
  running = await startCanaryEmulator(canaries, {
    seed: 25,
    size: { conversations: 1500, customers: 500, articles: 120 },
    clock: { speed: SPEED },
    // A little latency per request, so that jobs run long enough to be killed in the middle.
    faults: { latencyMs: 10 },
  });
  database = await createCanaryDatabase(canaries.databasePassword);
  recordsSchema = database.schema("crash_records");
  connectionsSchema = database.schema("crash_connections");
  const connections = createPostgresConnectionStore({
    connectionString: database.url,
    schema: connectionsSchema,
    secretBox: createSecretBox(canaries.encryptionKey),
  });
  const emulator = running.emulator;
  const terapi = emulatorTerapi({
    url: running.url,
    store: connections,
    clientId: canaries.appId,
    clientSecret: canaries.appSecret,
    now: () => emulator.clock.now(),
    fetch: globalThis.fetch,
  });
  await connectThroughConsent(terapi, "acme");
  await terapi.createApiKeyConnection("helpscout-docs", "acme", canaries.docsApiKey);
  await connections.close?.();
  records = createPostgresRecordStore({ connectionString: database.url, schema: recordsSchema });
  await records.migrate();
  queue = createSyncQueue({ connection: TEST_REDIS_URL, prefix, attempts: 10, backoffMs: 200 });
  // BullMQ hands a dead worker's job to another once its lock expired (30 s) and a stalled-job
  // check saw it; this sweeper only checks every second instead of every 30 s.
  sweeperRedis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  sweeper = new Worker("sync", undefined, {
    connection: sweeperRedis,
    prefix,
    autorun: false,
    stalledInterval: 1000,
  });
  sweeper.on("error", () => {});
  await sweeper.startStalledCheckTimer();
});

afterAll(async () => {
  for (const worker of workers) worker.child.kill("SIGKILL");
  await Promise.all(workers.map((worker) => worker.exited));
  await sweeper?.close();
  if (queue) {
    await queue.queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
  sweeperRedis?.disconnect();
  await records?.close();
  await running?.close();
  await database?.drop();
});

function startWorker(): NodeProcess {
  spawned += 1;
  const worker = startNode("test/processes/queue-worker.ts", {
    label: `queue worker ${spawned}`,
    transcript,
    env: {
      QW_URL: running!.url,
      QW_DB_URL: database!.url,
      QW_RECORDS_SCHEMA: recordsSchema,
      QW_CONNECTIONS_SCHEMA: connectionsSchema,
      QW_REDIS_URL: TEST_REDIS_URL,
      QW_PREFIX: prefix,
      QW_APP_ID: canaries.appId,
      QW_APP_SECRET: canaries.appSecret,
      QW_TIME_SCALE: String(SPEED),
      TERAPI_ENCRYPTION_KEY: canaries.encryptionKey,
    },
  });
  workers.push(worker);
  return worker;
}

/** The models a worker is syncing right now, with the pages it committed of each so far. */
function runningJobs(worker: NodeProcess): Map<string, number> {
  const jobs = new Map<string, number>();
  for (const line of worker.stdout().split("\n")) {
    const [what, model = ""] = line.split(" ");
    if (what === "start") jobs.set(model, 0);
    else if (what === "page" && jobs.has(model)) jobs.set(model, (jobs.get(model) ?? 0) + 1);
    else if (what === "done" || what === "failed" || what === "interrupted") jobs.delete(model);
  }
  return jobs;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until no job is waiting, active or delayed; returns how long it took. */
async function drained(timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const counts = await queue!.counts();
    if (counts.waiting + counts.active + counts.delayed === 0) return Date.now() - started;
    if (Date.now() - started > timeoutMs) {
      throw new Error(`the queue did not drain in ${timeoutMs} ms: ${JSON.stringify(counts)}`);
    }
    await sleep(250);
  }
}

async function stopAll(): Promise<void> {
  const live = workers.filter(
    (worker) => worker.child.exitCode === null && worker.child.signalCode === null,
  );
  for (const worker of live) worker.child.kill("SIGTERM");
  await Promise.all(live.map((worker) => worker.exited));
}

describe.skipIf(!postgres || !redisUp)("sync workers SIGKILLed mid-job", () => {
  it(`${KILLS} SIGKILLs at random moments, then a restart: the store equals the emulator`, async () => {
    const kills: string[] = [];
    for (let i = 0; i < WORKERS; i++) startWorker();
    await Promise.all(workers.map((worker) => worker.waitFor("ready\n")));
    await queue!.enqueue({ connectionId: "acme" });
    const started = Date.now();
    let lastEnqueue = started;

    while (kills.length < KILLS) {
      if (Date.now() - started > 90_000) throw new Error(`only ${kills.length} kills in 90 s`);
      const busy = workers.filter(
        (worker) =>
          worker.child.exitCode === null &&
          worker.child.signalCode === null &&
          runningJobs(worker).size > 0,
      );
      if (busy.length === 0) {
        const counts = await queue!.counts();
        // Nothing running that could be interrupted (a killed worker's job waits for its lock to
        // expire meanwhile): the account changes and everything is listed again — full runs take
        // longest, so they are the ones to interrupt — at most every 1.5 s, so that the queue
        // does not fill with runs that have nothing to do.
        if (counts.waiting + counts.delayed === 0 && Date.now() - lastEnqueue > 1500) {
          lastEnqueue = Date.now();
          await fetch(`${running!.url}/_emulator/accounts/acme/changes`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ conversations: 40 }),
          });
          await queue!.enqueue({ connectionId: "acme", full: true });
        }
        await sleep(50);
        continue;
      }
      const victim = random.pick(busy);
      await sleep(random.int(0, 300));
      const jobs = runningJobs(victim);
      if (jobs.size === 0) continue;
      victim.child.kill("SIGKILL");
      await victim.exited;
      kills.push(
        `${[...jobs].map(([model, pages]) => `${model} after ${pages} page(s)`).join(" + ")} at ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      await startWorker().waitFor("ready\n");
    }
    const recoveredIn = await drained(120_000);
    const afterKills = await queue!.counts();
    report(
      SCOPE,
      `${kills.length} workers SIGKILLed mid-job (${kills.join("; ")}); the queue drained ${(recoveredIn / 1000).toFixed(1)} s after the last kill (dead workers' jobs wait for their 30 s BullMQ lock); ${afterKills.completed} jobs completed, ${afterKills.failed} failed`,
    );

    // Restart: every worker stops, fresh ones start, and each model runs once more.
    await stopAll();
    for (let i = 0; i < 2; i++) startWorker();
    await Promise.all(workers.slice(-2).map((worker) => worker.waitFor("ready\n")));
    await queue!.enqueue({ connectionId: "acme" });
    await drained(60_000);
    await stopAll();
    const final = await queue!.counts();

    const token = await clientCredentialsToken(running!.url, canaries);
    const expected: Snapshot = new Map([
      ...(await mailboxSnapshot(
        createMailboxClient({ accessToken: token, baseUrl: running!.url, throttle: false }),
      )),
      ...(await docsSnapshot(
        createDocsClient({ apiKey: canaries.docsApiKey, baseUrl: running!.url, throttle: false }),
      )),
    ]);
    const { snapshot, duplicates } = await storeSnapshot(records!, "acme", expected.keys());
    const diff = diffSnapshots(expected, snapshot);
    const resumed = workers
      .flatMap((worker) => worker.stdout().split("\n"))
      .filter((line) => line.startsWith("done ") && line.endsWith("resumed")).length;
    report(
      SCOPE,
      `after the restart (${final.completed} jobs completed in all, ${final.failed} failed, ${resumed} runs resumed a killed one): emulator has ${describeSnapshot(expected)}; store differs by ${diff.missing.length} missing, ${diff.extra.length} extra, ${diff.changed.length} changed, ${duplicates.length} duplicate rows`,
    );
    expect(kills).toHaveLength(KILLS);
    expect(diff).toEqual({ missing: [], extra: [], changed: [] });
    expect(duplicates).toEqual([]);
  }, 240_000);
});
