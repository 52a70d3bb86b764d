import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RecordChanges, RecordStore, SyncRecord } from "../src/index.js";
import {
  type ContractDatabase,
  checkpoint,
  conversation,
  type RecordStoreContractOptions,
} from "./record-store-contract.js";

const ACME = "acme";
const CONVERSATIONS = "conversations";

const record = (id: string, subject: string, lastModifiedAt: string | null) => ({
  id,
  payload: conversation(id, subject),
  lastModifiedAt,
});

const changes = (extra: Partial<RecordChanges>): RecordChanges => ({
  connectionId: ACME,
  model: CONVERSATIONS,
  ...extra,
});

async function all(store: RecordStore): Promise<Map<string, SyncRecord>> {
  const { records } = await store.listRecords({
    connectionId: ACME,
    model: CONVERSATIONS,
    includeDeleted: true,
    limit: 1000,
  });
  return new Map(records.map((r) => [r.id, r]));
}

const subjectOf = (r: SyncRecord | undefined) =>
  (r?.payload as { subject?: string } | undefined)?.subject;
/** Waits past the current millisecond, so the next write gets a later `updatedAt`. */
const nextMillisecond = () => new Promise((resolve) => setTimeout(resolve, 5));

/**
 * `applyRecordChanges` (webhook writes) on each store: no checkpoint, never older over newer,
 * deletions, atomicity. Same databases as {@link describeRecordStoreContract}.
 */
export function describeRecordChangesContract(name: string, options: RecordStoreContractOptions) {
  describe.skipIf(options.skip === true)(`${name} (applyRecordChanges)`, () => {
    let database: ContractDatabase;
    let store: RecordStore;
    beforeEach(async () => {
      database = await options.database();
      store = database.open();
    });
    afterEach(async () => {
      await store.close();
      await database.dispose();
    });

    it("upserts without writing a checkpoint, and leaves a sync's checkpoint exactly as it was", async () => {
      const result = await store.applyRecordChanges(
        changes({ records: [record("1", "Hi", "2026-03-01T10:00:00Z")] }),
      );
      expect(result).toEqual({ inserted: 1, updated: 0, unchanged: 0, deleted: 0, stale: 0 });
      expect(await store.getCheckpoint(ACME, CONVERSATIONS)).toBeUndefined();

      const syncCheckpoint = checkpoint(4, {
        mode: "incremental",
        watermark: "2026-02-01T00:00:00Z",
      });
      await store.commitPage({
        connectionId: ACME,
        model: CONVERSATIONS,
        records: [record("2", "Synced", "2026-02-01T00:00:00Z")],
        checkpoint: syncCheckpoint,
      });
      await store.applyRecordChanges(
        changes({ records: [record("2", "Changed", "2026-03-02T00:00:00Z")], deletedIds: ["1"] }),
      );
      expect(await store.getCheckpoint(ACME, CONVERSATIONS)).toEqual(syncCheckpoint);
      const stored = await all(store);
      expect(subjectOf(stored.get("2"))).toBe("Changed");
      expect(stored.get("2")?.lastModifiedAt).toBe("2026-03-02T00:00:00.000Z");
      expect(stored.get("1")?.deletedAt).toEqual(expect.any(String));
    });

    it("uses the sync's content hash: the same payload from a sync page is unchanged, not rewritten", async () => {
      await store.applyRecordChanges(
        changes({ records: [record("1", "Same", "2026-03-01T10:00:00Z")] }),
      );
      const before = await all(store);
      await nextMillisecond();
      const page = await store.commitPage({
        connectionId: ACME,
        model: CONVERSATIONS,
        records: [record("1", "Same", "2026-03-01T10:00:00Z")],
        checkpoint: checkpoint(1),
      });
      expect(page).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
      const again = await store.applyRecordChanges(
        changes({ records: [record("1", "Same", "2026-03-01T10:00:00Z")] }),
      );
      expect(again).toEqual({ inserted: 0, updated: 0, unchanged: 1, deleted: 0, stale: 0 });
      expect(await all(store)).toEqual(before);
    });

    it("never replaces a record with an older version (a delivery that came late), but takes an equal or newer one", async () => {
      await store.applyRecordChanges(
        changes({ records: [record("1", "Status closed", "2026-03-01T10:05:00Z")] }),
      );
      const late = await store.applyRecordChanges(
        changes({ records: [record("1", "Created", "2026-03-01T10:00:00Z")] }),
      );
      expect(late).toEqual({ inserted: 0, updated: 0, unchanged: 0, deleted: 0, stale: 1 });
      expect(subjectOf((await all(store)).get("1"))).toBe("Status closed");

      const sameSecond = await store.applyRecordChanges(
        changes({ records: [record("1", "Tagged", "2026-03-01T10:05:00Z")] }),
      );
      expect(sameSecond.updated).toBe(1);
      const newer = await store.applyRecordChanges(
        changes({ records: [record("1", "Replied", "2026-03-01T10:06:00Z")] }),
      );
      expect(newer.updated).toBe(1);
      expect(subjectOf((await all(store)).get("1"))).toBe("Replied");

      // Without a time on either side, the change is taken (nothing to compare).
      const untimed = await store.applyRecordChanges(
        changes({ records: [record("1", "No time", null)] }),
      );
      expect(untimed.updated).toBe(1);
    });

    it("marks deletions once, ignores unknown ids, and keeps a deleted record deleted against late upserts", async () => {
      await store.applyRecordChanges(
        changes({
          records: [record("1", "One", "2026-03-01T10:00:00Z"), record("2", "Two", null)],
        }),
      );
      const deleted = await store.applyRecordChanges(changes({ deletedIds: ["1", "404", "1"] }));
      expect(deleted).toEqual({ inserted: 0, updated: 0, unchanged: 0, deleted: 1, stale: 0 });
      expect((await store.applyRecordChanges(changes({ deletedIds: ["1"] }))).deleted).toBe(0);
      expect(await store.counts(ACME)).toEqual({ conversations: 1 });

      // A retried create (same time) arriving after the delete stays out.
      const retried = await store.applyRecordChanges(
        changes({ records: [record("1", "One", "2026-03-01T10:00:00Z")] }),
      );
      expect(retried.stale).toBe(1);
      expect((await all(store)).get("1")?.deletedAt).toEqual(expect.any(String));

      // A later change (restored from the trash) brings it back.
      const restored = await store.applyRecordChanges(
        changes({ records: [record("1", "Restored", "2026-03-01T11:00:00Z")] }),
      );
      expect(restored.updated).toBe(1);
      const row = (await all(store)).get("1");
      expect(row?.deletedAt).toBeNull();
      expect(subjectOf(row)).toBe("Restored");
    });

    it("changes the row's updatedAt only when it writes, so records API readers see webhook changes", async () => {
      await store.applyRecordChanges(changes({ records: [record("1", "A", null)] }));
      const first = (await all(store)).get("1")!;
      await nextMillisecond();
      await store.applyRecordChanges(changes({ records: [record("1", "A", null)] }));
      expect((await all(store)).get("1")).toEqual(first);
      await nextMillisecond();
      await store.applyRecordChanges(changes({ records: [record("1", "B", null)] }));
      const second = (await all(store)).get("1")!;
      expect(Date.parse(second.updatedAt)).toBeGreaterThan(Date.parse(first.updatedAt));
      expect(second.firstSeenAt).toBe(first.firstSeenAt);
      const { records } = await store.listRecords({
        connectionId: ACME,
        model: CONVERSATIONS,
        modifiedAfter: first.updatedAt,
      });
      expect(records.map((r) => r.id)).toEqual(["1"]);
    });

    it("applies upserts and deletions all or nothing", async () => {
      await store.applyRecordChanges(changes({ records: [record("1", "Keep", null)] }));
      const before = await all(store);
      await expect(
        store.applyRecordChanges(
          changes({
            records: [
              record("3", "Fine", null),
              { id: "2", payload: { text: "nul \u0000 byte" }, lastModifiedAt: null },
            ],
            deletedIds: ["1"],
          }),
        ),
      ).rejects.toThrow();
      expect(await all(store)).toEqual(before);
    });
  });
}
