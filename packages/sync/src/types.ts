/** Which API a model comes from. */
export type SyncApi = "mailbox" | "docs";

/** A stored record: the raw payload plus what the sync knows about it. */
export interface SyncRecord {
  /** e.g. `conversations`, `articles`. */
  model: string;
  /** Whose account (the connection id). */
  connectionId: string;
  /** Help Scout's id, as text (Mailbox ids are integers, Docs ids hex strings). */
  id: string;
  /** The object exactly as the API returned it. */
  payload: unknown;
  /** sha256 of the canonical payload: unchanged records are not rewritten. */
  hash: string;
  /** When this sync first stored it (ISO 8601). */
  firstSeenAt: string;
  /** Help Scout's modification time of the object, when it has one (ISO 8601). */
  lastModifiedAt: string | null;
  /** When the sync found it deleted; `null` while it exists. */
  deletedAt: string | null;
  /** When the row last changed (ISO 8601). */
  updatedAt: string;
}

/** Where a model's sync stands; stored with each page in the same transaction. */
export interface Checkpoint {
  /** The run that wrote it. */
  runId: string;
  /** `full` pages through everything (and sweeps deletes); `incremental` only what changed. */
  mode: "full" | "incremental";
  /** Model-specific position: the next page, the `modifiedSince` watermark, a cursor… */
  position: Record<string, string | number | null>;
  /** The watermark the next incremental run starts from, set when a run completes. */
  watermark: string | null;
  /** `true` once the run finished every page. */
  complete: boolean;
  startedAt: string;
  updatedAt: string;
}

/** One page of records to commit. */
export interface PageInput {
  connectionId: string;
  model: string;
  records: ReadonlyArray<{ id: string; payload: unknown; lastModifiedAt: string | null }>;
  /** Records deleted upstream (webhook, reconciliation), to mark `deletedAt`. */
  deletedIds?: readonly string[];
  /** Stored in the same transaction as the records. */
  checkpoint: Checkpoint;
}

/** What a committed page changed. */
export interface PageResult {
  inserted: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

/**
 * Records to write outside a sync run, e.g. from webhook events: no checkpoint is read or written,
 * so a sync in progress resumes exactly where it was.
 */
export interface RecordChanges {
  connectionId: string;
  model: string;
  /** Objects to upsert (Help Scout's id as text, the raw payload, its modification time). */
  records?: PageInput["records"];
  /** Records deleted upstream, to mark `deletedAt`. */
  deletedIds?: readonly string[];
}

/** What {@link RecordStore.applyRecordChanges} changed. */
export interface RecordChangesResult extends PageResult {
  /**
   * Records not written because the stored one is newer: its `lastModifiedAt` is later (a
   * delivery that arrived out of order), or it is deleted and not older than the change.
   */
  stale: number;
}

/** Options of {@link RecordStore.listRecords}, like the platform's records endpoint. */
export interface ListRecordsOptions {
  connectionId: string;
  model: string;
  /** Opaque cursor from the previous page's `nextCursor`. */
  cursor?: string;
  /** Only records whose row changed after this time (ISO 8601). */
  modifiedAfter?: string;
  /** Include records marked deleted. Default false. */
  includeDeleted?: boolean;
  /** Page size, default 100, at most 1000. */
  limit?: number;
}

/**
 * Where synced records live. Implementations share one schema and one SQL: PGlite (embedded,
 * the default: a data directory, no server) and Postgres (`pg`).
 */
export interface RecordStore {
  /** Creates or upgrades the tables (idempotent). */
  migrate(): Promise<void>;
  /**
   * Upserts a page of records, marks deletions and stores the checkpoint in ONE transaction:
   * a crash at any instant leaves either all of it or none of it.
   */
  commitPage(input: PageInput): Promise<PageResult>;
  /**
   * Upserts and marks deletions in one transaction WITHOUT touching any checkpoint: for changes
   * that arrive outside a sync run (webhook events). Unlike {@link RecordStore.commitPage}, an
   * upsert never replaces a record with an older version: when both carry a `lastModifiedAt`, the
   * stored one wins if it is later (or, for a deleted record, if it is not earlier), and the
   * record counts as `stale`. Unchanged content is not rewritten.
   */
  applyRecordChanges(changes: RecordChanges): Promise<RecordChangesResult>;
  /** The stored checkpoint of a model, if any. */
  getCheckpoint(connectionId: string, model: string): Promise<Checkpoint | undefined>;
  /**
   * Mark-and-sweep after a full run: marks deleted every live record of the model whose id is not
   * in `seenIds`, in one transaction with the final checkpoint. Returns how many it marked.
   */
  sweep(
    connectionId: string,
    model: string,
    seenIds: ReadonlySet<string>,
    checkpoint: Checkpoint,
  ): Promise<number>;
  /** A page of records, ordered by row change then id, with a cursor for the next page. */
  listRecords(
    options: ListRecordsOptions,
  ): Promise<{ records: SyncRecord[]; nextCursor: string | null }>;
  /** Live (not deleted) record counts per model of a connection. */
  counts(connectionId: string): Promise<Record<string, number>>;
  close(): Promise<void>;
}
