import { randomBytes } from "node:crypto";
import { postgresAvailable, TEST_DATABASE_URL } from "@terapi/test-support";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresRecordStore } from "../src/index.js";
import { checkpoint, conversation, describeRecordStoreContract } from "./record-store-contract.js";

const available = await postgresAvailable(TEST_DATABASE_URL);
// A schema per database, unique to this run, so parallel runs and files never share tables.
const runId = `helpscout_sync_test_${process.pid}_${randomBytes(4).toString("hex")}`;
let schemas = 0;
const freshSchema = () => `${runId}_${schemas++}`;

let admin: pg.Pool;
beforeAll(() => {
  admin = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 2 });
  admin.on("error", () => {});
});
afterAll(async () => {
  if (available) {
    const { rows } = await admin.query<{ name: string }>(
      "SELECT nspname AS name FROM pg_namespace WHERE starts_with(nspname, $1)",
      [runId],
    );
    for (const { name } of rows) await admin.query(`DROP SCHEMA "${name}" CASCADE`);
  }
  await admin.end();
});

describeRecordStoreContract("Postgres store", {
  skip: !available,
  database: async () => {
    const schema = freshSchema();
    return {
      open: () => createPostgresRecordStore({ connectionString: TEST_DATABASE_URL, schema }),
      inspect: async (sql) =>
        (
          await admin.query(
            sql({
              records: `"${schema}".helpscout_records`,
              migrations: `"${schema}".helpscout_sync_migrations`,
            }),
          )
        ).rows as never[],
      dispose: async () => {},
    };
  },
});

const page = (ids: string[], pageNumber: number, model = "conversations") => ({
  connectionId: "acme",
  model,
  records: ids.map((id) => ({ id, payload: conversation(id), lastModifiedAt: null })),
  checkpoint: checkpoint(pageNumber),
});

describe.skipIf(!available)("createPostgresRecordStore", () => {
  it("migrates a fresh schema from many processes at once without a conflict", async () => {
    const schema = freshSchema();
    const stores = Array.from({ length: 4 }, () =>
      createPostgresRecordStore({ connectionString: TEST_DATABASE_URL, schema }),
    );
    try {
      await Promise.all(stores.map((store) => store.migrate()));
      await Promise.all(
        stores.map((store, i) => store.commitPage(page([String(i)], i, `model${i}`))),
      );
      expect(await stores[0]!.counts("acme")).toEqual({
        model0: 1,
        model1: 1,
        model2: 1,
        model3: 1,
      });
      const { rows } = await admin.query(
        `SELECT version FROM "${schema}".helpscout_sync_migrations`,
      );
      expect(rows).toEqual([{ version: 1 }]);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it("on a shared pool: a failed page returns its client, and close leaves the pool open", async () => {
    const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
    const store = createPostgresRecordStore({ pool, schema: freshSchema() });
    await store.commitPage(page(["1"], 1));
    const bad = {
      ...page([], 2),
      records: [{ id: "x", payload: { text: "\u0000" }, lastModifiedAt: null }],
    };
    await expect(store.commitPage(bad)).rejects.toThrow();
    expect(pool.totalCount - pool.idleCount).toBe(0);
    // With max 1, this would hang if the client had leaked, or fail if it were left mid-transaction.
    await store.commitPage(page(["2"], 3));
    expect(await store.counts("acme")).toEqual({ conversations: 2 });
    expect(await store.getCheckpoint("acme", "conversations")).toEqual(checkpoint(3));
    await store.close();
    expect(pool.ended).toBe(false);
    await pool.end();
  });

  it("a reader never sees half a page: records and checkpoint appear together", async () => {
    const schema = freshSchema();
    const writer = createPostgresRecordStore({ connectionString: TEST_DATABASE_URL, schema });
    const reader = createPostgresRecordStore({ connectionString: TEST_DATABASE_URL, schema });
    await writer.migrate();
    try {
      const writes = (async () => {
        for (let n = 1; n <= 20; n++) {
          const ids = Array.from({ length: 50 }, (_, i) => String((n - 1) * 50 + i));
          await writer.commitPage(page(ids, n));
        }
      })();
      let observations = 0;
      let done = false;
      void writes.finally(() => {
        done = true;
      });
      while (!done) {
        // One snapshot for both reads, the way a consumer checks consistency.
        const { rows } = await admin.query<{ n: number; page: number | null }>(
          `SELECT (SELECT count(*)::int FROM "${schema}".helpscout_records) AS n,
                  (SELECT (checkpoint->'position'->>'page')::int FROM "${schema}".helpscout_checkpoints) AS page`,
        );
        const { n, page: committed } = rows[0]!;
        expect(n).toBe((committed ?? 0) * 50);
        observations++;
      }
      await writes;
      expect(observations).toBeGreaterThan(0);
      expect(await reader.counts("acme")).toEqual({ conversations: 1000 });
    } finally {
      await Promise.all([writer.close(), reader.close()]);
    }
  });
});
