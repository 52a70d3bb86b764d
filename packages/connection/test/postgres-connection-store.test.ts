import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { postgresAvailable, TEST_DATABASE_URL } from "@terapi/test-support";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresConnectionStore, createSecretBox } from "../src/index.js";
import { describeStoreContract, oauthConnection } from "./store-contract.js";

const available = await postgresAvailable(TEST_DATABASE_URL);
// A schema per store, unique to this run, so parallel runs and files never share tables.
const runId = `terapi_test_${process.pid}_${randomBytes(4).toString("hex")}`;
let schemas = 0;
const freshSchema = () => `${runId}_${schemas++}`;
const secretBox = createSecretBox(randomBytes(32));
const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");

let admin: pg.Pool;
beforeAll(() => {
  admin = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 2 });
});
afterAll(async () => {
  if (!available) return admin.end();
  const { rows } = await admin.query<{ name: string }>(
    "SELECT nspname AS name FROM pg_namespace WHERE starts_with(nspname, $1)",
    [runId],
  );
  for (const { name } of rows) await admin.query(`DROP SCHEMA "${name}" CASCADE`);
  await admin.end();
});

describeStoreContract("Postgres store", {
  skip: !available,
  create: () =>
    createPostgresConnectionStore({
      connectionString: TEST_DATABASE_URL,
      schema: freshSchema(),
      secretBox,
    }),
});

/** Runs the lock worker in a child process; resolves with its exit code and stderr. */
function runWorker(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "test/fixtures/lock-worker.ts", ...args],
    {
      cwd: packageDir,
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe.skipIf(!available)("createPostgresConnectionStore", () => {
  it("stores credentials sealed: the raw row holds no plaintext token", async () => {
    const schema = freshSchema();
    const accessToken = `plaintext-access-${randomBytes(8).toString("hex")}`;
    const store = createPostgresConnectionStore({
      connectionString: TEST_DATABASE_URL,
      schema,
      secretBox,
    });
    await store.put(oauthConnection("acme", accessToken));
    const { rows } = await admin.query<{ row: string; credentials: string }>(
      `SELECT row_to_json(c)::text AS row, credentials FROM "${schema}".terapi_connections c`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.credentials).toMatch(/^v1\./);
    expect(rows[0]!.row).not.toContain(accessToken);
    expect(rows[0]!.row).not.toContain("rt-acme");
    // Another store (another process, say) with the same key and schema reads it back.
    const other = createPostgresConnectionStore({
      connectionString: TEST_DATABASE_URL,
      schema,
      secretBox,
    });
    expect(await other.get(oauthConnection("acme"))).toEqual(oauthConnection("acme", accessToken));
    await Promise.all([store.close(), other.close()]);
  });

  it("on a shared pool: unlocks and returns the client when a task throws, and never ends the pool", async () => {
    const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 2 });
    const schema = freshSchema();
    const store = createPostgresConnectionStore({ pool, schema, secretBox });
    await store.migrate();
    const failing = store.withLock("throws", async () => {
      throw new Error("task failed");
    });
    await expect(failing).rejects.toThrow("task failed");
    expect(pool.totalCount - pool.idleCount).toBe(0);
    // Another session can take the advisory lock, so it was unlocked.
    const probe = await admin.connect();
    try {
      const lockName = `terapi:${schema}:throws`;
      const taken = await probe.query(
        "SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok",
        [lockName],
      );
      expect(taken.rows[0]).toEqual({ ok: true });
      await probe.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [lockName]);
    } finally {
      probe.release();
    }
    // With both clients back, the lock can be taken again (it would hang if one leaked).
    expect(await store.withLock("throws", async () => "again")).toBe("again");
    await store.close();
    expect(pool.ended).toBe(false);
    await pool.end();
  });

  it("holds a named lock across processes: 4 processes × 5 rounds never overlap", {
    timeout: 60_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "terapi-lock-"));
    const logFile = join(dir, "log");
    writeFileSync(logFile, "");
    try {
      const schema = freshSchema();
      const results = await Promise.all(
        [1, 2, 3, 4].map(() => runWorker([TEST_DATABASE_URL, schema, logFile, "4", "5"])),
      );
      for (const { code, stderr } of results) expect(code, stderr).toBe(0);
      const lines = readFileSync(logFile, "utf8")
        .split("\n")
        .filter((line) => line.startsWith("enter") || line.startsWith("exit"));
      expect(lines).toHaveLength(40);
      const pids = new Map<string, number>();
      for (let i = 0; i < lines.length; i += 2) {
        const [event, pid] = lines[i]!.split(" ");
        expect(event, `line ${i}: someone entered while another held the lock`).toBe("enter");
        expect(lines[i + 1]).toBe(`exit ${pid}`);
        pids.set(pid!, (pids.get(pid!) ?? 0) + 1);
      }
      expect([...pids.values()]).toEqual([5, 5, 5, 5]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
