import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDocsClient } from "@terapi/helpscout-docs";
import { type RunningEmulator, startEmulator } from "@terapi/helpscout-emulator";
import { createMailboxClient, customerPatch } from "@terapi/helpscout-mailbox";
import { postgresAvailable, TEST_DATABASE_URL } from "@terapi/test-support";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncModels } from "../src/models/all-models.js";
import { createPgliteRecordStore } from "../src/pglite-record-store.js";
import { createPostgresRecordStore } from "../src/postgres-record-store.js";
import type { RecordStore } from "../src/types.js";
import { docsSnapshot, mailboxSnapshot } from "./fixtures/emulator-snapshot.js";
import { emulatorToken } from "./fixtures/emulator-token.js";
import { expectStoreToMatch } from "./fixtures/store-snapshot.js";
import { simulateReplies } from "./fixtures/sync-helpers.js";

/** SIGKILLs that must land while a worker is still running… */
const KILLS = 9;
/** …of which this many after its first committed page (the others may hit start-up). */
const KILLS_MID_SYNC = 6;
const PACKAGE_DIR = join(import.meta.dirname, "..");

const postgres = await postgresAvailable(TEST_DATABASE_URL);
/** Schemas of this run, one per fresh Postgres store, dropped at the end. */
const schemaPrefix = `crash_${process.pid}_${Date.now().toString(36)}`;
const schemas: string[] = [];

let running: RunningEmulator;
let workDir: string;
let reader: {
  mailbox: ReturnType<typeof createMailboxClient>;
  docs: ReturnType<typeof createDocsClient>;
};
/** What happened, printed with any failure so a run can be followed. */
const log: string[] = [];

beforeAll(async () => {
  running = await startEmulator({
    seed: 11,
    size: { conversations: 1500, customers: 400, articles: 120 },
    rateLimits: { enabled: false },
  });
  workDir = mkdtempSync(join(tmpdir(), "helpscout-sync-crash-"));
  reader = {
    mailbox: createMailboxClient({
      accessToken: await emulatorToken(running.url),
      baseUrl: running.url,
      throttle: false,
    }),
    docs: createDocsClient({ apiKey: "acme-docs-key", baseUrl: running.url, throttle: false }),
  };
});

afterAll(async () => {
  await running?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
  if (schemas.length > 0) {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
});

/** Where a worker syncs to: a PGlite data directory or a Postgres schema. */
type StoreKind = "pglite" | "postgres";

/** A fresh, empty store of `kind`, as the worker's `<store>` argument. */
function freshStore(kind: StoreKind, round: number): string {
  if (kind === "pglite") return `pglite:${join(workDir, `store-${round}`)}`;
  const schema = `${schemaPrefix}_${round}`;
  schemas.push(schema);
  return `postgres:${schema}`;
}

function openStore(target: string): RecordStore {
  const [kind, where = ""] = target.split(/:(.*)/s);
  return kind === "pglite"
    ? createPgliteRecordStore({ dataDir: where })
    : createPostgresRecordStore({ connectionString: TEST_DATABASE_URL, schema: where });
}

interface Worker {
  child: ChildProcess;
  /** Resolves with the exit code (`null` when killed) and the lines printed. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; lines: string[] }>;
  /** Resolves when the worker printed its first committed page. */
  firstPage: Promise<void>;
  startedAt: number;
}

/** When to kill: some time after the start, or after the first committed page. */
interface Moment {
  after: "spawn" | "first-page";
  delayMs: number;
}

function startWorker(target: string, mode: "incremental" | "full"): Worker {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "test/fixtures/sync-worker.ts", running.url, target, mode],
    { cwd: PACKAGE_DIR, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  let onPage = () => {};
  const firstPage = new Promise<void>((resolve) => {
    onPage = resolve;
  });
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.includes("page ")) onPage();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    lines: string[];
  }>((resolve) => {
    child.on("exit", (code, signal) => {
      if (code !== 0 && signal === null)
        log.push(`worker failed (${code}): ${stderr.slice(-2000)}`);
      resolve({ code, signal, lines: stdout.split("\n").filter(Boolean) });
    });
  });
  return { child, exited, firstPage, startedAt: Date.now() };
}

/**
 * Starts a worker and SIGKILLs it at `moment`. Returns whether it was still running then, and
 * how many pages it had committed.
 */
async function killAt(target: string, mode: "incremental" | "full", moment: Moment) {
  const worker = startWorker(target, mode);
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    timer = setTimeout(() => worker.child.kill("SIGKILL"), moment.delayMs);
  };
  if (moment.after === "spawn") arm();
  else void worker.firstPage.then(arm);
  const { signal, lines, code } = await worker.exited;
  clearTimeout(timer);
  const pages = lines.filter((line) => line.startsWith("page")).length;
  const resumed = lines.filter((line) => line.startsWith("resumed")).map((line) => line.slice(8));
  log.push(
    `${mode} run, kill ${moment.delayMs} ms after ${moment.after}: ${signal === "SIGKILL" ? "killed" : `exited ${code}`} after ${pages} pages${resumed.length ? `, resumed ${resumed.join(" ")}` : ""}`,
  );
  if (signal !== "SIGKILL") expect(code, log.join("\n")).toBe(0);
  return { killed: signal === "SIGKILL", pages };
}

/** Runs a worker to the end; returns how long it synced (first page to exit). */
async function complete(target: string, mode: "incremental" | "full"): Promise<number> {
  const worker = startWorker(target, mode);
  let syncing = Date.now();
  void worker.firstPage.then(() => {
    syncing = Date.now();
  });
  const { code, lines } = await worker.exited;
  const took = Date.now() - syncing;
  log.push(
    `${mode} run to completion: synced ${took} ms after the first page, ${lines.filter((l) => l.startsWith("page")).length} pages`,
  );
  expect(code, log.join("\n")).toBe(0);
  expect(lines.at(-1), log.join("\n")).toMatch(/^done /);
  return took;
}

/** The store equals the emulator: same ids, payloads, hashes and counts; every run complete. */
async function expectStoreEqualsEmulator(target: string): Promise<void> {
  const expected = new Map([
    ...(await mailboxSnapshot(reader.mailbox)),
    ...(await docsSnapshot(reader.docs)),
  ]);
  const store = openStore(target);
  try {
    await expectStoreToMatch(store, "acme", expected);
    for (const model of syncModels) {
      const checkpoint = await store.getCheckpoint("acme", model.name);
      expect(checkpoint?.complete, `${model.name} checkpoint\n${log.join("\n")}`).toBe(true);
    }
  } finally {
    await store.close();
  }
}

/** Changes the emulator the way an account changes between syncs; with `deletes`, removes some. */
async function changeTheAccount(round: number, deletes: boolean): Promise<void> {
  const account = running.emulator.account();
  await simulateReplies(15, running.url);
  const customers = [...account.mailbox.customers.keys()];
  await reader.mailbox.PATCH("/v2/customers/{customerId}", {
    params: { path: { customerId: customers[round % customers.length] ?? 0 } },
    body: [customerPatch.set("jobTitle", `Crash tester ${round}`)],
  });
  const articles = [...account.docs.articles.keys()];
  await reader.docs.PUT("/v1/articles/{articleId}", {
    params: { path: { articleId: articles[round % articles.length] ?? "" } },
    body: { text: `<p>Edited in round ${round}.</p>` },
  });
  if (!deletes) return;
  const conversations = [...account.mailbox.conversations.keys()];
  await reader.mailbox.DELETE("/v2/conversations/{conversationId}", {
    params: { path: { conversationId: conversations[round % conversations.length] ?? 0 } },
  });
  await reader.docs.DELETE("/v1/articles/{articleId}", {
    params: { path: { articleId: articles[(round + 1) % articles.length] ?? "" } },
  });
  const [tag] = account.mailbox.tags.keys();
  if (tag !== undefined) account.mailbox.tags.delete(tag);
  log.push(`round ${round}: changed the account, with deletes`);
}

describe.each<{ kind: StoreKind; skip: boolean }>([
  { kind: "pglite", skip: false },
  { kind: "postgres", skip: !postgres },
])("crash safety with $kind", ({ kind, skip }) => {
  it.skipIf(skip)(
    `a sync SIGKILLed at ${KILLS}+ random moments and re-run ends equal to the emulator, without duplicates`,
    async () => {
      log.length = 0;
      let kills = 0;
      let killsMidSync = 0;
      /** How long each scenario's sync ran (first page to exit): the range of the random kills. */
      const syncMs = [2000, 1000, 1500];
      let target = "";
      for (let round = 0; (kills < KILLS || killsMidSync < KILLS_MID_SYNC) && round < 30; round++) {
        const scenario = round % 3;
        const mode = scenario === 2 ? "full" : "incremental";
        if (scenario === 0) {
          target = freshStore(kind, round);
          log.push(`round ${round}: a fresh store`);
        } else {
          await changeTheAccount(round, scenario === 2);
        }
        // A fresh store is killed three times before a run completes: resumed runs die too.
        for (let attempt = 0; attempt < (scenario === 0 ? 3 : 1); attempt++) {
          // Mostly while pages are committed; sometimes anywhere from the start (start-up too).
          const moment: Moment =
            Math.random() < 0.75
              ? {
                  after: "first-page",
                  delayMs: Math.round(Math.random() * (syncMs[scenario] ?? 1000)),
                }
              : { after: "spawn", delayMs: Math.round(Math.random() * 4000) };
          const { killed, pages } = await killAt(target, mode, moment);
          if (killed) kills += 1;
          if (killed && pages > 0) killsMidSync += 1;
        }
        syncMs[scenario] = Math.max(await complete(target, mode), 200);
        await expectStoreEqualsEmulator(target);
      }
      expect(kills, log.join("\n")).toBeGreaterThanOrEqual(KILLS);
      expect(killsMidSync, log.join("\n")).toBeGreaterThanOrEqual(KILLS_MID_SYNC);
    },
    600_000,
  );
});
