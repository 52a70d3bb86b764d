import { createHash } from "node:crypto";
import { isHelpScoutError } from "@terapi/helpscout-auth";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Checkpoint, PageInput, RecordStore, SyncRecord } from "../src/index.js";

/** A fresh, empty database that stores can be opened on. */
export interface ContractDatabase {
  /** A store on this database; call again for another store on the same database. */
  open(): RecordStore;
  /** Runs SQL on the database directly, to look at rows; given the qualified table names. */
  inspect<R>(sql: (tables: ContractTables) => string): Promise<R[]>;
  /** Releases the database (the stores are closed already). */
  dispose(): Promise<void>;
}

/** Qualified names of the store's tables. */
export interface ContractTables {
  records: string;
  migrations: string;
}

/** How {@link describeRecordStoreContract} gets its databases. */
export interface RecordStoreContractOptions {
  database: () => Promise<ContractDatabase>;
  /** Skip the whole suite (e.g. its database is unreachable). */
  skip?: boolean;
}

const ACME = "acme";
const CONVERSATIONS = "conversations";

/** A checkpoint whose position says which page it was written after. */
export const checkpoint = (page: number, extra: Partial<Checkpoint> = {}): Checkpoint => ({
  runId: "run-1",
  mode: "full",
  position: { page, cursor: `after-${page}` },
  watermark: null,
  complete: false,
  startedAt: "2026-01-01T00:00:00.000Z",
  updatedAt: `2026-01-01T00:00:0${page % 10}.000Z`,
  ...extra,
});

/** A conversation-like payload, nested like the real ones. */
export const conversation = (id: string, subject = `Subject ${id}`) => ({
  id: Number.isNaN(Number(id)) ? id : Number(id),
  subject,
  status: "active",
  customer: { id: 7, email: "ann@example.com", first: "Ann" },
  tags: [{ id: 1, tag: "vip" }],
  _embedded: { threads: [{ id: 1, body: "Hello ✓" }] },
});

const record = (id: string, subject?: string, lastModifiedAt: string | null = null) => ({
  id,
  payload: conversation(id, subject),
  lastModifiedAt,
});

const page = (
  records: PageInput["records"],
  pageNumber = 1,
  extra: Partial<PageInput> = {},
): PageInput => ({
  connectionId: ACME,
  model: CONVERSATIONS,
  records,
  checkpoint: checkpoint(pageNumber),
  ...extra,
});

/** Every record of a model (deleted ones too), following cursors. */
async function everything(
  store: RecordStore,
  model = CONVERSATIONS,
  connectionId = ACME,
): Promise<SyncRecord[]> {
  const all: SyncRecord[] = [];
  let cursor: string | undefined;
  do {
    const result = await store.listRecords({
      connectionId,
      model,
      includeDeleted: true,
      limit: 1000,
      cursor,
    });
    all.push(...result.records);
    cursor = result.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return all;
}

const ids = (records: readonly SyncRecord[]) => records.map((r) => r.id);
const byId = (records: readonly SyncRecord[], id: string) => records.find((r) => r.id === id)!;
/** Waits past the current millisecond, so the next write gets a later `updatedAt`. */
const nextMillisecond = () => new Promise((resolve) => setTimeout(resolve, 5));
/** A string Postgres refuses to store in jsonb (NUL), to make a statement fail. */
const UNSTORABLE = "nul \u0000 byte";

/** The behaviour every {@link RecordStore} shares, run against each implementation. */
export function describeRecordStoreContract(name: string, options: RecordStoreContractOptions) {
  describe.skipIf(options.skip === true)(`${name} (record store contract)`, () => {
    let database: ContractDatabase;
    let store: RecordStore;
    let others: RecordStore[];
    beforeEach(async () => {
      database = await options.database();
      store = database.open();
      others = [];
    });
    afterEach(async () => {
      for (const other of others) await other.close();
      await store.close();
      await database.dispose();
    });
    const openAnother = () => {
      const other = database.open();
      others.push(other);
      return other;
    };

    describe("commitPage", () => {
      it("stores new records with payload, content hash and times, and counts them inserted", async () => {
        const before = Date.now();
        const result = await store.commitPage(
          page([
            record("2", "Second", "2026-02-01T10:00:00Z"),
            record("1", "First", "2026-02-01T09:00:00.250Z"),
            { id: "3", payload: { b: 2, a: "x" }, lastModifiedAt: null },
          ]),
        );
        const after = Date.now();
        expect(result).toEqual({ inserted: 3, updated: 0, unchanged: 0, deleted: 0 });

        const { records, nextCursor } = await store.listRecords({
          connectionId: ACME,
          model: CONVERSATIONS,
        });
        expect(nextCursor).toBeNull();
        expect(ids(records)).toEqual(["1", "2", "3"]);
        const first = byId(records, "1");
        expect(first).toMatchObject({
          connectionId: ACME,
          model: CONVERSATIONS,
          payload: conversation("1", "First"),
          lastModifiedAt: "2026-02-01T09:00:00.250Z",
          deletedAt: null,
        });
        expect(byId(records, "2").lastModifiedAt).toBe("2026-02-01T10:00:00.000Z");
        // sha256 of the JSON with sorted keys.
        expect(byId(records, "3").hash).toBe(
          createHash("sha256").update('{"a":"x","b":2}').digest("hex"),
        );
        expect(byId(records, "3").lastModifiedAt).toBeNull();
        for (const r of records) {
          expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
          expect(r.firstSeenAt).toBe(r.updatedAt);
          const seen = Date.parse(r.firstSeenAt);
          expect(seen).toBeGreaterThanOrEqual(before - 1_000);
          expect(seen).toBeLessThanOrEqual(after + 1_000);
        }
      });

      it("does not rewrite a record whose content is unchanged, even with keys in another order", async () => {
        await store.commitPage(page([record("1"), record("2")]));
        const [rowBefore] = await database.inspect<{ seq: string; xmin: string }>(
          (t) => `SELECT seq::text, xmin::text FROM ${t.records} WHERE id = '1'`,
        );
        const stored = await everything(store);
        await nextMillisecond();

        const { _embedded, tags, customer, status, subject, id } = conversation("1");
        const reordered = {
          _embedded,
          tags,
          customer: { first: customer.first, email: customer.email, id: customer.id },
          status,
          subject,
          id,
        };
        const result = await store.commitPage(
          page([{ id: "1", payload: reordered, lastModifiedAt: null }, record("2")], 2),
        );
        expect(result).toEqual({ inserted: 0, updated: 0, unchanged: 2, deleted: 0 });
        expect(await everything(store)).toEqual(stored);
        // Not even an identical rewrite: same row version, same change number.
        const [rowAfter] = await database.inspect<{ seq: string; xmin: string }>(
          (t) => `SELECT seq::text, xmin::text FROM ${t.records} WHERE id = '1'`,
        );
        expect(rowAfter).toEqual(rowBefore);
        // The checkpoint moved on all the same.
        expect(await store.getCheckpoint(ACME, CONVERSATIONS)).toEqual(checkpoint(2));
      });

      it("updates a changed record (payload, hash, lastModifiedAt, updatedAt) and keeps firstSeenAt", async () => {
        await store.commitPage(page([record("1", "Old", "2026-02-01T00:00:00.000Z"), record("2")]));
        const [old] = await everything(store);
        await nextMillisecond();

        const result = await store.commitPage(
          page([record("1", "New", "2026-02-02T00:00:00.000Z"), record("2"), record("3")], 2),
        );
        expect(result).toEqual({ inserted: 1, updated: 1, unchanged: 1, deleted: 0 });
        const now = byId(await everything(store), "1");
        expect(now.payload).toEqual(conversation("1", "New"));
        expect(now.hash).not.toBe(old!.hash);
        expect(now.lastModifiedAt).toBe("2026-02-02T00:00:00.000Z");
        expect(now.firstSeenAt).toBe(old!.firstSeenAt);
        expect(Date.parse(now.updatedAt)).toBeGreaterThan(Date.parse(old!.updatedAt));
      });

      it("counts a record listed twice in one page once, keeping the later version", async () => {
        const result = await store.commitPage(
          page([record("1", "Early"), record("2"), record("1", "Late")]),
        );
        expect(result).toEqual({ inserted: 2, updated: 0, unchanged: 0, deleted: 0 });
        expect(byId(await everything(store), "1").payload).toEqual(conversation("1", "Late"));
      });

      it("stores an empty page's checkpoint, and payloads that are not objects", async () => {
        expect(await store.commitPage(page([], 4))).toEqual({
          inserted: 0,
          updated: 0,
          unchanged: 0,
          deleted: 0,
        });
        expect(await store.getCheckpoint(ACME, CONVERSATIONS)).toEqual(checkpoint(4));
        await store.commitPage(
          page(
            [
              { id: "n", payload: null, lastModifiedAt: null },
              { id: "s", payload: "text", lastModifiedAt: null },
              { id: "a", payload: [3, 1, 2], lastModifiedAt: null },
            ],
            5,
          ),
        );
        const stored = await everything(store);
        expect(stored.map((r) => [r.id, r.payload])).toEqual([
          ["a", [3, 1, 2]],
          ["n", null],
          ["s", "text"],
        ]);
      });
    });

    describe("deletions", () => {
      it("marks deletedIds deleted once, ignores unknown ids, and hides deleted records by default", async () => {
        await store.commitPage(page([record("1"), record("2"), record("3")]));
        await nextMillisecond();
        const result = await store.commitPage(page([], 2, { deletedIds: ["1", "unknown", "1"] }));
        expect(result).toEqual({ inserted: 0, updated: 0, unchanged: 0, deleted: 1 });
        const deleted = byId(await everything(store), "1");
        expect(deleted.deletedAt).not.toBeNull();
        // Readers following updatedAt see the deletion.
        expect(deleted.updatedAt).toBe(deleted.deletedAt);
        expect(Date.parse(deleted.updatedAt)).toBeGreaterThan(Date.parse(deleted.firstSeenAt));

        await nextMillisecond();
        const again = await store.commitPage(page([], 3, { deletedIds: ["1"] }));
        expect(again.deleted).toBe(0);
        expect(byId(await everything(store), "1")).toEqual(deleted); // first deletion time kept

        const live = await store.listRecords({ connectionId: ACME, model: CONVERSATIONS });
        expect(ids(live.records)).toEqual(["2", "3"]);
        expect(await store.counts(ACME)).toEqual({ [CONVERSATIONS]: 2 });
      });

      it("brings a deleted record back when it shows up again, even unchanged", async () => {
        await store.commitPage(page([record("1"), record("2")]));
        await store.commitPage(page([], 2, { deletedIds: ["1"] }));
        const deleted = byId(await everything(store), "1");
        await nextMillisecond();

        const result = await store.commitPage(page([record("1")], 3));
        expect(result).toEqual({ inserted: 0, updated: 1, unchanged: 0, deleted: 0 });
        const back = byId(await everything(store), "1");
        expect(back.deletedAt).toBeNull();
        expect(back.firstSeenAt).toBe(deleted.firstSeenAt);
        expect(Date.parse(back.updatedAt)).toBeGreaterThan(Date.parse(deleted.updatedAt));
        expect(await store.counts(ACME)).toEqual({ [CONVERSATIONS]: 2 });
      });
    });

    describe("checkpoints", () => {
      it("round-trips the checkpoint per connection and model, replaced by each page", async () => {
        expect(await store.getCheckpoint(ACME, CONVERSATIONS)).toBeUndefined();
        await store.commitPage(page([record("1")], 1));
        expect(await store.getCheckpoint(ACME, CONVERSATIONS)).toEqual(checkpoint(1));
        const last = checkpoint(2, {
          mode: "incremental",
          position: { modifiedSince: "2026-02-01T00:00:00Z", page: null },
          watermark: "2026-02-01T00:00:00Z",
          complete: true,
        });
        await store.commitPage(page([record("2")], 2, { checkpoint: last }));
        expect(await store.getCheckpoint(ACME, CONVERSATIONS)).toEqual(last);
        expect(await store.getCheckpoint(ACME, "customers")).toBeUndefined();
        expect(await store.getCheckpoint("globex", CONVERSATIONS)).toBeUndefined();
      });

      it("commits records and checkpoint together: a page with a record that cannot be stored changes nothing", async () => {
        await store.commitPage(page([record("1"), record("2")], 1));
        const before = await everything(store);

        const failing = store.commitPage(
          page(
            [
              record("1", "Changed"),
              record("3"),
              { id: "4", payload: { subject: UNSTORABLE }, lastModifiedAt: null },
            ],
            2,
            { deletedIds: ["2"] },
          ),
        );
        await expect(failing).rejects.toThrow();
        expect(await everything(store)).toEqual(before);
        expect(await store.getCheckpoint(ACME, CONVERSATIONS)).toEqual(checkpoint(1));

        // The store is still usable: the same page without the bad record goes through.
        const result = await store.commitPage(
          page([record("1", "Changed"), record("3")], 2, { deletedIds: ["2"] }),
        );
        expect(result).toEqual({ inserted: 1, updated: 1, unchanged: 0, deleted: 1 });
        expect(await store.getCheckpoint(ACME, CONVERSATIONS)).toEqual(checkpoint(2));
      });

      it("a checkpoint that cannot be stored rolls back the records and deletions written before it", async () => {
        await store.commitPage(page([record("1"), record("2")], 1));
        const before = await everything(store);

        const badCheckpoint = checkpoint(2, { position: { cursor: UNSTORABLE } });
        const failing = store.commitPage(
          page([record("1", "Changed"), record("3")], 2, {
            deletedIds: ["2"],
            checkpoint: badCheckpoint,
          }),
        );
        await expect(failing).rejects.toThrow();
        expect(await everything(store)).toEqual(before);
        expect(await store.getCheckpoint(ACME, CONVERSATIONS)).toEqual(checkpoint(1));
        expect(await store.counts(ACME)).toEqual({ [CONVERSATIONS]: 2 });
      });
    });

    describe("sweep", () => {
      it("marks deleted every live record not seen, with the checkpoint, in one go", async () => {
        await store.commitPage(page([record("1"), record("2"), record("3"), record("4")]));
        await store.commitPage(page([], 2, { deletedIds: ["4"] }));
        await store.commitPage(page([record("1")], 1, { model: "customers" }));
        const deletedBefore = byId(await everything(store), "4");
        await nextMillisecond();

        const final = checkpoint(9, { complete: true, watermark: "2026-03-01T00:00:00.000Z" });
        const swept = await store.sweep(ACME, CONVERSATIONS, new Set(["1", "3", "99"]), final);
        expect(swept).toBe(1);
        const all = await everything(store);
        expect(byId(all, "2").deletedAt).not.toBeNull();
        expect(byId(all, "4")).toEqual(deletedBefore); // already deleted: left alone
        expect(byId(all, "1").deletedAt).toBeNull();
        expect(await store.getCheckpoint(ACME, CONVERSATIONS)).toEqual(final);
        expect(await store.counts(ACME)).toEqual({ [CONVERSATIONS]: 2, customers: 1 });

        // Sweeping again finds nothing more; the other model was never touched.
        expect(await store.sweep(ACME, CONVERSATIONS, new Set(["1", "3"]), final)).toBe(0);
        expect((await everything(store, "customers"))[0]!.deletedAt).toBeNull();
      });

      it("rolls back when its checkpoint cannot be stored", async () => {
        await store.commitPage(page([record("1"), record("2")]));
        const bad = checkpoint(2, { position: { cursor: UNSTORABLE } });
        await expect(store.sweep(ACME, CONVERSATIONS, new Set(["1"]), bad)).rejects.toThrow();
        expect(await store.counts(ACME)).toEqual({ [CONVERSATIONS]: 2 });
        expect(await store.getCheckpoint(ACME, CONVERSATIONS)).toEqual(checkpoint(1));
      });

      it("handles thousands of records in one page and one sweep", async () => {
        const many = Array.from({ length: 3000 }, (_, i) => record(String(i + 1)));
        const result = await store.commitPage(page(many));
        expect(result.inserted).toBe(3000);
        const seen = new Set(many.map((r) => r.id));
        seen.delete("1500");
        expect(await store.sweep(ACME, CONVERSATIONS, seen, checkpoint(2))).toBe(1);
        expect(await store.counts(ACME)).toEqual({ [CONVERSATIONS]: 2999 });
      });
    });

    describe("listRecords", () => {
      it("orders by row change, then id, and pages through every record exactly once", async () => {
        await store.commitPage(page([record("c"), record("a"), record("b")], 1));
        await nextMillisecond();
        await store.commitPage(page([record("e"), record("d")], 2));
        await nextMillisecond();
        await store.commitPage(page([record("a", "Changed")], 3)); // moves to the end

        const seen: string[] = [];
        const sizes: number[] = [];
        let cursor: string | undefined;
        do {
          const result = await store.listRecords({
            connectionId: ACME,
            model: CONVERSATIONS,
            limit: 2,
            cursor,
          });
          seen.push(...ids(result.records));
          sizes.push(result.records.length);
          cursor = result.nextCursor ?? undefined;
          if (cursor !== undefined) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/); // base64url
        } while (cursor !== undefined);
        expect(seen).toEqual(["b", "c", "d", "e", "a"]);
        expect(sizes).toEqual([2, 2, 1]);

        // An exactly full last page says there is no next one.
        const full = await store.listRecords({
          connectionId: ACME,
          model: CONVERSATIONS,
          limit: 5,
        });
        expect(full.records).toHaveLength(5);
        expect(full.nextCursor).toBeNull();
      });

      it("orders ids of one change byte-wise, the same on every database", async () => {
        const odd = ["é", "a", "B", "9", "10", "_x", "a b"];
        await store.commitPage(page(odd.map((id) => record(id))));
        const { records } = await store.listRecords({ connectionId: ACME, model: CONVERSATIONS });
        expect(ids(records)).toEqual(
          [...odd].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))),
        );
        expect(ids(records)).toEqual(["10", "9", "B", "_x", "a", "a b", "é"]);
      });

      it("filters by modifiedAfter, and shows deletions only with includeDeleted", async () => {
        await store.commitPage(page([record("1"), record("2")], 1));
        const [first] = await everything(store);
        await nextMillisecond();
        await store.commitPage(page([record("3")], 2, { deletedIds: ["2"] }));

        const changed = await store.listRecords({
          connectionId: ACME,
          model: CONVERSATIONS,
          modifiedAfter: first!.updatedAt,
        });
        expect(ids(changed.records)).toEqual(["3"]);
        const withDeleted = await store.listRecords({
          connectionId: ACME,
          model: CONVERSATIONS,
          modifiedAfter: first!.updatedAt,
          includeDeleted: true,
        });
        expect(withDeleted.records.map((r) => [r.id, r.deletedAt === null])).toEqual([
          ["2", false],
          ["3", true],
        ]);
        // modifiedAfter and the cursor combine.
        const firstOfTwo = await store.listRecords({
          connectionId: ACME,
          model: CONVERSATIONS,
          modifiedAfter: first!.updatedAt,
          includeDeleted: true,
          limit: 1,
        });
        const rest = await store.listRecords({
          connectionId: ACME,
          model: CONVERSATIONS,
          modifiedAfter: first!.updatedAt,
          includeDeleted: true,
          limit: 1,
          cursor: firstOfTwo.nextCursor!,
        });
        expect([...ids(firstOfTwo.records), ...ids(rest.records)]).toEqual(["2", "3"]);
        expect(rest.nextCursor).toBeNull();
      });

      it("pages 100 records by default and at most 1000", async () => {
        const many = Array.from({ length: 1001 }, (_, i) => record(String(i).padStart(4, "0")));
        await store.commitPage(page(many));
        const byDefault = await store.listRecords({ connectionId: ACME, model: CONVERSATIONS });
        expect(byDefault.records).toHaveLength(100);
        expect(byDefault.nextCursor).not.toBeNull();

        const capped = await store.listRecords({
          connectionId: ACME,
          model: CONVERSATIONS,
          limit: 5000,
        });
        expect(capped.records).toHaveLength(1000);
        const last = await store.listRecords({
          connectionId: ACME,
          model: CONVERSATIONS,
          limit: 5000,
          cursor: capped.nextCursor!,
        });
        expect(ids(last.records)).toEqual(["1000"]);
        expect(last.nextCursor).toBeNull();
      });

      it("rejects a cursor it did not make, a bad modifiedAfter and a bad limit with bad_request", async () => {
        const base = { connectionId: ACME, model: CONVERSATIONS };
        const attempts = [
          store.listRecords({ ...base, cursor: "not-a-cursor" }),
          store.listRecords({
            ...base,
            cursor: Buffer.from('["yesterday","1"]').toString("base64url"),
          }),
          store.listRecords({ ...base, modifiedAfter: "last tuesday" }),
          store.listRecords({ ...base, limit: 0 }),
          store.listRecords({ ...base, limit: 2.5 }),
        ];
        for (const attempt of attempts) {
          const error: unknown = await attempt.catch((e: unknown) => e);
          expect(isHelpScoutError(error), String(error)).toBe(true);
          expect(error).toMatchObject({ code: "bad_request" });
        }
      });

      it("returns an empty page for a model with no records", async () => {
        expect(
          await store.listRecords({ connectionId: ACME, model: "articles", includeDeleted: true }),
        ).toEqual({ records: [], nextCursor: null });
      });
    });

    describe("counts", () => {
      it("counts live records per model of one connection, 0 for a model whose records are all deleted", async () => {
        expect(await store.counts(ACME)).toEqual({});
        await store.commitPage(page([record("1"), record("2"), record("3")]));
        await store.commitPage(page([record("1")], 1, { model: "customers" }));
        await store.commitPage(page([record("1")], 1, { model: "tags", deletedIds: ["1"] }));
        await store.commitPage(page([], 2, { deletedIds: ["3"] }));
        await store.commitPage(page([record("1")], 1, { connectionId: "globex" }));
        expect(await store.counts(ACME)).toEqual({ conversations: 2, customers: 1, tags: 0 });
      });
    });

    describe("migrate", () => {
      it("is idempotent: migrating again, also from another store on the same database, keeps the data", async () => {
        await store.migrate();
        await store.migrate();
        await store.commitPage(page([record("1")]));
        await store.migrate();

        const other = openAnother();
        await other.migrate();
        expect(ids(await everything(other))).toEqual(["1"]);
        expect(await other.getCheckpoint(ACME, CONVERSATIONS)).toEqual(checkpoint(1));
        const [version] = await database.inspect<{ versions: number }>(
          (t) => `SELECT count(*)::int AS versions FROM ${t.migrations}`,
        );
        expect(version!.versions).toBe(1);
      });
    });

    describe("connections", () => {
      it("keeps connections apart: same model and ids from two stores on one database", async () => {
        const globex = openAnother();
        await store.commitPage(page([record("1", "Acme 1"), record("2", "Acme 2")], 1));
        await globex.commitPage(
          page([record("1", "Globex 1"), record("3", "Globex 3")], 7, { connectionId: "globex" }),
        );

        expect((await everything(store))[0]!.payload).toEqual(conversation("1", "Acme 1"));
        expect(ids(await everything(globex, CONVERSATIONS, "globex"))).toEqual(["1", "3"]);
        expect(await store.getCheckpoint(ACME, CONVERSATIONS)).toEqual(checkpoint(1));
        expect(await store.getCheckpoint("globex", CONVERSATIONS)).toEqual(checkpoint(7));

        // A sweep of acme that saw nothing, and a deletion in globex, stay in their connection.
        expect(await store.sweep(ACME, CONVERSATIONS, new Set(), checkpoint(2))).toBe(2);
        await globex.commitPage(page([], 8, { connectionId: "globex", deletedIds: ["2"] }));
        expect(await globex.counts("globex")).toEqual({ conversations: 2 });
        expect(await store.counts(ACME)).toEqual({ conversations: 0 });
        expect(await globex.getCheckpoint("globex", CONVERSATIONS)).toEqual(checkpoint(8));
      });
    });
  });
}
