import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createPgliteRecordStore } from "../src/index.js";
import { checkpoint, conversation, describeRecordStoreContract } from "./record-store-contract.js";

// Opening a PGlite (WebAssembly start, initdb for a new directory) takes 1-2 s alone and several
// seconds when test files run in parallel on a busy machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

const root = mkdtempSync(join(tmpdir(), "helpscout-sync-pglite-"));
let dirs = 0;
const freshDir = () => join(root, `db-${dirs++}`);

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describeRecordStoreContract("PGlite store", {
  database: async () => {
    // In memory: the suite is about the SQL; persistence is tested below on a data directory.
    const db = await PGlite.create("memory://");
    return {
      open: () => createPgliteRecordStore({ db }),
      inspect: async (sql) =>
        (
          await db.query(
            sql({ records: "helpscout_records", migrations: "helpscout_sync_migrations" }),
          )
        ).rows as never[],
      dispose: () => db.close(),
    };
  },
});

const page = (ids: string[], pageNumber: number, model = "conversations") => ({
  connectionId: "acme",
  model,
  records: ids.map((id) => ({ id, payload: conversation(id), lastModifiedAt: null })),
  checkpoint: checkpoint(pageNumber),
});

describe("createPgliteRecordStore", () => {
  it("persists in its data directory: a store reopened on it has the records and checkpoints", async () => {
    const dataDir = freshDir();
    const first = createPgliteRecordStore({ dataDir });
    await first.commitPage(page(["1", "2"], 1));
    await first.commitPage({ ...page([], 2), deletedIds: ["2"] });
    const before = await first.listRecords({
      connectionId: "acme",
      model: "conversations",
      includeDeleted: true,
    });
    await first.close();
    await first.close(); // closing twice is harmless

    const second = createPgliteRecordStore({ dataDir });
    expect(
      await second.listRecords({
        connectionId: "acme",
        model: "conversations",
        includeDeleted: true,
      }),
    ).toEqual(before);
    expect(await second.getCheckpoint("acme", "conversations")).toEqual(checkpoint(2));
    expect(await second.counts("acme")).toEqual({ conversations: 1 });
    await second.close();
  });

  it("shares a PGlite it is given and leaves it open, with tables in their own schema if asked", async () => {
    const db = new PGlite(freshDir());
    const store = createPgliteRecordStore({ db, schema: "sync" });
    await store.commitPage(page(["1"], 1));
    await store.close();
    expect(db.closed).toBe(false);
    const { rows } = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM sync.helpscout_records",
    );
    expect(rows).toEqual([{ n: 1 }]);
    await db.close();
  });

  it("runs calls made at the same time one after another, so a failing page cannot disturb the others", async () => {
    const db = new PGlite(freshDir());
    const store = createPgliteRecordStore({ db });
    const other = createPgliteRecordStore({ db }); // a second store on the same PGlite
    await store.migrate();
    const bad = {
      ...page(["1"], 9),
      records: [{ id: "x", payload: { text: "\u0000" }, lastModifiedAt: null }],
    };
    const results = await Promise.allSettled([
      store.commitPage(page(["1", "2"], 1)),
      store.commitPage(bad),
      other.commitPage(page(["1"], 1, "customers")),
      store.listRecords({ connectionId: "acme", model: "conversations" }),
      other.commitPage(page(["3"], 2)),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      "fulfilled",
      "rejected",
      "fulfilled",
      "fulfilled",
      "fulfilled",
    ]);
    expect(await store.counts("acme")).toEqual({ conversations: 3, customers: 1 });
    expect(await store.getCheckpoint("acme", "conversations")).toEqual(checkpoint(2));
    await Promise.all([store.close(), other.close()]);
    await db.close();
  });

  it("never lets a read see the rows of a page that is being committed and then rolled back", async () => {
    const db = await PGlite.create("memory://");
    const store = createPgliteRecordStore({ db });
    await store.commitPage(page(["1"], 1));
    const failing = store.commitPage({
      ...page(["phantom"], 2),
      checkpoint: checkpoint(2, { position: { cursor: "\u0000" } }), // fails after the upsert
    });
    // Reads issued while the page is in flight, on every turn of the event loop.
    const reads: Promise<string[]>[] = [];
    let settled = false;
    void failing
      .catch(() => {})
      .finally(() => {
        settled = true;
      });
    while (!settled) {
      reads.push(
        store
          .listRecords({ connectionId: "acme", model: "conversations" })
          .then((result) => result.records.map((r) => r.id)),
      );
      await new Promise((resolve) => setImmediate(resolve));
    }
    await expect(failing).rejects.toThrow();
    for (const seen of await Promise.all(reads)) expect(seen).toEqual(["1"]);
    await store.close();
    await db.close();
  });

  it("refuses a schema that is not a plain identifier before creating anything", () => {
    const dataDir = freshDir();
    expect(() => createPgliteRecordStore({ dataDir, schema: 'x"; DROP TABLE y; --' })).toThrow(
      expect.objectContaining({ code: "configuration_error" }),
    );
    expect(existsSync(dataDir)).toBe(false);
  });
});
