import type { RecordStore } from "@terapi/helpscout-sync";
import type { Snapshot } from "./emulator-snapshot.js";

/** A store's records of one model: live ones by id with their hash, and any listed twice. */
export interface StoredModel {
  live: Map<string, string>;
  deleted: Set<string>;
  /** Ids the records API returned more than once (a duplicate row would show here). */
  duplicates: string[];
}

/** Every record of `model`, deleted ones too, through the public records API. */
export async function storedModel(
  store: RecordStore,
  connectionId: string,
  model: string,
): Promise<StoredModel> {
  const result: StoredModel = { live: new Map(), deleted: new Set(), duplicates: [] };
  let cursor: string | undefined;
  do {
    const page = await store.listRecords({
      connectionId,
      model,
      includeDeleted: true,
      limit: 1000,
      ...(cursor ? { cursor } : {}),
    });
    for (const record of page.records) {
      if (result.live.has(record.id) || result.deleted.has(record.id)) {
        result.duplicates.push(record.id);
      }
      if (record.deletedAt === null) result.live.set(record.id, record.hash);
      else result.deleted.add(record.id);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return result;
}

/** The store's live records as a {@link Snapshot} of the given models. */
export async function storeSnapshot(
  store: RecordStore,
  connectionId: string,
  models: Iterable<string>,
): Promise<{ snapshot: Snapshot; duplicates: string[] }> {
  const snapshot: Snapshot = new Map();
  const duplicates: string[] = [];
  for (const model of models) {
    const stored = await storedModel(store, connectionId, model);
    snapshot.set(model, stored.live);
    duplicates.push(...stored.duplicates.map((id) => `${model}/${id}`));
  }
  return { snapshot, duplicates };
}

/** How a store differs from what it should hold, per model (empty lists when equal). */
export interface SnapshotDiff {
  /** `model/id` the store lacks. */
  missing: string[];
  /** `model/id` the store has (live) that the source does not. */
  extra: string[];
  /** `model/id` whose content hash differs. */
  changed: string[];
}

/** Compares two snapshots id by id and hash by hash. */
export function diffSnapshots(expected: Snapshot, actual: Snapshot): SnapshotDiff {
  const diff: SnapshotDiff = { missing: [], extra: [], changed: [] };
  for (const [model, hashes] of expected) {
    const stored = actual.get(model) ?? new Map<string, string>();
    for (const [id, hash] of hashes) {
      const got = stored.get(id);
      if (got === undefined) diff.missing.push(`${model}/${id}`);
      else if (got !== hash) diff.changed.push(`${model}/${id}`);
    }
    for (const id of stored.keys()) if (!hashes.has(id)) diff.extra.push(`${model}/${id}`);
  }
  return diff;
}

/** `conversations 300, customers 150, …`: record counts of a snapshot, for reports. */
export function describeSnapshot(snapshot: Snapshot): string {
  return [...snapshot].map(([model, ids]) => `${model} ${ids.size}`).join(", ");
}
