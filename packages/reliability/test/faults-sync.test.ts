/**
 * Faults during sync: the emulator answers 5xx, resets connections, stalls and bursts 429s while
 * a full sync, an incremental one and a `full` reconciliation run into Postgres. However many
 * runs it takes (a model whose retries run out fails its run; the next one resumes it), the store
 * ends equal to the emulator — same ids, same content hashes, no duplicate rows, nothing swept
 * by mistake.
 */

import { retryPolicy } from "@terapi/helpscout-auth";
import { createDocsClient, type DocsClient } from "@terapi/helpscout-docs";
import type { RunningEmulator } from "@terapi/helpscout-emulator";
import { createMailboxClient, customerPatch, type MailboxClient } from "@terapi/helpscout-mailbox";
import {
  createPostgresRecordStore,
  type RecordStore,
  runSync,
  type SqlRecordStore,
} from "@terapi/helpscout-sync";
import { postgresAvailable } from "@terapi/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Canaries, createCanaries } from "../src/canaries.js";
import { type CanaryDatabase, createCanaryDatabase } from "../src/canary-database.js";
import {
  clientCredentialsToken,
  issuedTokens,
  startCanaryEmulator,
} from "../src/canary-emulator.js";
import { docsSnapshot, mailboxSnapshot, type Snapshot } from "../src/emulator-snapshot.js";
import { describePhases, startFaultSchedule } from "../src/fault-schedule.js";
import { guardAgainstLeaks } from "../src/leak-guard.js";
import { report } from "../src/report.js";
import { SeededRandom, suiteSeed } from "../src/seeded-random.js";
import { describeSnapshot, diffSnapshots, storeSnapshot } from "../src/store-snapshot.js";
import { transcript } from "../src/transcript.js";

const SCOPE = "faults during sync";
/** Runs allowed per sync before the test gives up (each resumes the last). */
const MAX_RUNS = 8;

const postgres = await postgresAvailable();
const seed = suiteSeed();
const random = new SeededRandom(seed ^ 0x5eed_0001);
const canaries: Canaries = createCanaries();
let running: RunningEmulator | undefined;
let database: CanaryDatabase | undefined;
let store: SqlRecordStore | undefined;
/** Clients the sync uses: retrying, no throttle (pacing is not what is tested here). */
let sync: { mailbox: MailboxClient; docs: DocsClient };
/** Clients that read the truth with faults off. */
let reader: { mailbox: MailboxClient; docs: DocsClient };

guardAgainstLeaks(SCOPE, () => ({
  ...canaries,
  ...(running ? issuedTokens(running.emulator) : {}),
}));

beforeAll(async () => {
  if (!postgres) return;
  report(SCOPE, `seed ${seed} (replay with RELIABILITY_SEED=${seed})`);
  // A minute of emulated time every 0.1 s: a 429's wait (the rest of the window) stays short.
  running = await startCanaryEmulator(canaries, {
    seed: 21,
    size: { conversations: 260, customers: 120, articles: 60, redirects: 20 },
    clock: { speed: 600 },
  });
  database = await createCanaryDatabase(canaries.databasePassword);
  store = createPostgresRecordStore({
    connectionString: database.url,
    schema: database.schema("faults_sync"),
  });
  const { url } = running;
  const accessToken = await clientCredentialsToken(url, canaries);
  const retry = () => retryPolicy({ maxRetries: 4, backoff: (attempt) => 5 * attempt });
  sync = {
    mailbox: createMailboxClient({ accessToken, baseUrl: url, throttle: false, retry: retry() }),
    docs: createDocsClient({
      apiKey: canaries.docsApiKey,
      baseUrl: url,
      throttle: false,
      retry: retry(),
    }),
  };
  reader = {
    mailbox: createMailboxClient({ accessToken, baseUrl: url, throttle: false }),
    docs: createDocsClient({ apiKey: canaries.docsApiKey, baseUrl: url, throttle: false }),
  };
});

afterAll(async () => {
  await store?.close();
  await running?.close();
  await database?.drop();
});

/**
 * Syncs under a fault schedule until a run succeeds; returns how many runs it took. The first run
 * meets an outage after a random number of requests in `outageWindow` (every request 5xx until retries run
 * out), so the model syncing then fails and a later run must resume it. Failed runs must fail
 * with a typed SyncError; each is recorded in the transcript.
 */
async function syncUnderFaults(
  label: string,
  full: boolean,
  outageWindow: [number, number],
): Promise<number> {
  const emulator = running!.emulator;
  const before = { ...emulator.stats };
  const failures: string[] = [];
  const phases: string[] = [];
  let runs = 0;
  for (;;) {
    runs += 1;
    const schedule = startFaultSchedule(emulator, random, {
      ...(runs === 1 ? { outageAfterRequests: random.int(...outageWindow) } : {}),
    });
    try {
      await runSync({
        store: store as RecordStore,
        connectionId: "acme",
        mailbox: sync.mailbox,
        docs: sync.docs,
        full,
      });
      break;
    } catch (error) {
      transcript.addError(`${SCOPE} ${label} run ${runs}`, error);
      expect((error as { code?: unknown }).code).toBe("sync_failed");
      const failed = (error as { failures: Array<{ model: string; error: unknown }> }).failures;
      for (const { model, error: cause } of failed) {
        failures.push(`${model} (${(cause as { code?: string }).code})`);
        expect(
          (cause as { code?: unknown }).code,
          `${model} failed with an untyped error`,
        ).toBeTypeOf("string");
      }
      if (runs >= MAX_RUNS) throw error;
    } finally {
      schedule.stop();
      phases.push(describePhases(schedule.phases));
    }
  }
  const { stats } = emulator;
  report(
    SCOPE,
    `${label}: done in ${runs} run(s)${failures.length ? `; run failures: ${failures.join(", ")}` : ""}; injected ${stats.serverErrors - before.serverErrors} 5xx, ${stats.resets - before.resets} resets, ${stats.rateLimited - before.rateLimited} 429s over ${stats.requests - before.requests} requests; phases per run: ${phases.join(" | ")}`,
  );
  expect(stats.serverErrors - before.serverErrors + stats.resets - before.resets).toBeGreaterThan(
    0,
  );
  return runs;
}

/** Asserts the store equals the emulator (read with faults off), model by model. */
async function expectStoreEqualsEmulator(label: string): Promise<void> {
  const expected: Snapshot = new Map([
    ...(await mailboxSnapshot(reader.mailbox)),
    ...(await docsSnapshot(reader.docs)),
  ]);
  const { snapshot, duplicates } = await storeSnapshot(store!, "acme", expected.keys());
  const diff = diffSnapshots(expected, snapshot);
  report(
    SCOPE,
    `${label}: emulator has ${describeSnapshot(expected)}; store differs by ${diff.missing.length} missing, ${diff.extra.length} extra, ${diff.changed.length} changed, ${duplicates.length} duplicate rows`,
  );
  expect(diff).toEqual({ missing: [], extra: [], changed: [] });
  expect(duplicates).toEqual([]);
}

describe.skipIf(!postgres)("sync under injected faults", () => {
  it("a first sync under 5xx, resets, latency spikes and 429 bursts ends equal to the emulator", async () => {
    const runs = await syncUnderFaults("first sync", false, [10, 60]);
    // The outage made a model fail, and a later run finished it from its checkpoint.
    expect(runs).toBeGreaterThanOrEqual(2);
    await expectStoreEqualsEmulator("first sync");
  });

  it("after changes and deletes, an incremental sync and a full reconciliation under faults end equal too", async () => {
    const { url, emulator } = running!;
    const account = emulator.account();
    await fetch(`${url}/_emulator/accounts/acme/changes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ conversations: 30 }),
    });
    const customers = [...account.mailbox.customers.keys()];
    for (const customerId of customers.slice(0, 5)) {
      await reader.mailbox.PATCH("/v2/customers/{customerId}", {
        params: { path: { customerId } },
        body: [customerPatch.set("jobTitle", `Fault tester ${seed % 1000}`)],
      });
    }
    const articles = [...account.docs.articles.keys()];
    await reader.docs.PUT("/v1/articles/{articleId}", {
      params: { path: { articleId: articles[0] ?? "" } },
      body: { text: "<p>Edited under faults.</p>" },
    });
    await syncUnderFaults("incremental sync after 30 replies and 6 edits", false, [1, 5]);
    await expectStoreEqualsEmulator("incremental sync");

    const conversations = [...account.mailbox.conversations.keys()];
    for (const conversationId of conversations.slice(0, 3)) {
      await reader.mailbox.DELETE("/v2/conversations/{conversationId}", {
        params: { path: { conversationId } },
      });
    }
    await reader.docs.DELETE("/v1/articles/{articleId}", {
      params: { path: { articleId: articles[1] ?? "" } },
    });
    await syncUnderFaults("full reconciliation after 4 deletes", true, [10, 60]);
    await expectStoreEqualsEmulator("full reconciliation");
  });
});
