import { HelpScoutError } from "@terapi/helpscout-auth";
import { canonicalJson, sha256 } from "./content-hash.js";
import { migrateRecordTables, type RecordTables, recordTables } from "./record-schema.js";
import type { SqlDriver, SqlQueryable } from "./sql-driver.js";
import type {
  Checkpoint,
  ListRecordsOptions,
  PageInput,
  PageResult,
  RecordChanges,
  RecordChangesResult,
  RecordStore,
  SyncRecord,
} from "./types.js";

/** Options of {@link SqlRecordStore}. */
export interface SqlRecordStoreOptions {
  /** The database. */
  driver: SqlDriver;
  /** Schema holding the tables (created if missing); default: the connection's search path. */
  schema?: string;
}

/** Page size of {@link SqlRecordStore.listRecords} when none is asked for. */
export const DEFAULT_RECORDS_LIMIT = 100;
/** The largest page {@link SqlRecordStore.listRecords} returns; larger limits are lowered to it. */
export const MAX_RECORDS_LIMIT = 1000;

interface RecordRow {
  id: string;
  payload: unknown;
  hash: string;
  first_seen_at: Date | string;
  last_modified_at: Date | string | null;
  deleted_at: Date | string | null;
  updated_at: Date | string;
}

const iso = (value: Date | string) => new Date(value).toISOString();
const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value));
// Row times are kept to the millisecond, what an ISO string (and so a cursor) can hold.
const NOW = "date_trunc('milliseconds', now())";

/** A local argument problem, reported the way the rest of the library reports errors. */
const badRequest = (message: string) =>
  new HelpScoutError({ code: "bad_request", message: `@terapi/helpscout-sync: ${message}` });

/** The cursor's content: where the previous page ended. */
interface CursorPosition {
  updatedAt: string;
  id: string;
}

function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.updatedAt, position.id]), "utf8").toString(
    "base64url",
  );
}

function decodeCursor(cursor: string): CursorPosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    decoded = undefined;
  }
  if (
    Array.isArray(decoded) &&
    decoded.length === 2 &&
    typeof decoded[0] === "string" &&
    typeof decoded[1] === "string" &&
    !Number.isNaN(Date.parse(decoded[0]))
  ) {
    return { updatedAt: decoded[0], id: decoded[1] };
  }
  throw badRequest(
    "the records cursor is not one this store returned; pass a previous page's nextCursor as is.",
  );
}

function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_RECORDS_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) {
    throw badRequest(`limit must be a positive integer, got ${String(limit)}.`);
  }
  return Math.min(limit, MAX_RECORDS_LIMIT);
}

/**
 * The records of a page as one JSON array for `jsonb_to_recordset`, each with its content hash.
 * A record listed twice counts once: the later one wins. The canonical JSON that is hashed is
 * also what is stored, so it is serialized once.
 */
function pageRows(records: PageInput["records"]): { json: string; count: number } {
  const latest = new Map<string, PageInput["records"][number]>();
  for (const record of records) {
    const id = String(record.id);
    latest.delete(id); // keep the later position too
    latest.set(id, record);
  }
  const rows: string[] = [];
  for (const [id, record] of latest) {
    const payload = canonicalJson(record.payload);
    rows.push(
      `{"id":${JSON.stringify(id)},"hash":"${sha256(payload)}","last_modified_at":${JSON.stringify(
        record.lastModifiedAt ?? null,
      )},"payload":${payload}}`,
    );
  }
  return { json: `[${rows.join(",")}]`, count: latest.size };
}

/**
 * A {@link RecordStore} on SQL: one schema and the same statements on PGlite and Postgres.
 * Tables are created on first use by an idempotent, versioned migration.
 *
 * - {@link SqlRecordStore.commitPage} is one transaction of at most three statements, whatever
 *   the page size: one multi-row upsert (records whose content hash is unchanged are not written
 *   at all), one update marking deletions, one checkpoint upsert.
 * - Every write of a row sets its `updatedAt` (to the transaction's time, in milliseconds) and
 *   takes a new table-wide change number (`seq`). Deleting sets `deletedAt` and `updatedAt`, so
 *   readers following `updatedAt` see deletions too; a record that shows up again is live again.
 * - {@link SqlRecordStore.listRecords} pages by keyset on (`updatedAt`, `id`), ids compared
 *   byte-wise. Rows a writer commits later with an earlier transaction time could slip behind a
 *   reader's cursor, so sync one model of one connection from one writer at a time (as the
 *   runner does).
 *
 * @see {@link createPgliteRecordStore} and {@link createPostgresRecordStore}, which build one.
 */
export class SqlRecordStore implements RecordStore {
  readonly #driver: SqlDriver;
  readonly #tables: RecordTables;
  #ready: Promise<void> | undefined;

  /** @throws HelpScoutError `configuration_error` when `schema` is not a plain SQL identifier. */
  constructor(options: SqlRecordStoreOptions) {
    this.#driver = options.driver;
    this.#tables = recordTables(options.schema);
  }

  /** Creates or upgrades the tables. Idempotent; the other methods run it first if needed. */
  migrate(): Promise<void> {
    const ready: Promise<void> = migrateRecordTables(this.#driver, this.#tables).catch(
      (error: unknown) => {
        if (this.#ready === ready) this.#ready = undefined; // the next call tries again
        throw error;
      },
    );
    this.#ready = ready;
    return ready;
  }

  #ensureMigrated(): Promise<void> {
    return this.#ready ?? this.migrate();
  }

  async commitPage(input: PageInput): Promise<PageResult> {
    await this.#ensureMigrated();
    const { connectionId, model } = input;
    const rows = pageRows(input.records);
    const deletedIds = [...new Set((input.deletedIds ?? []).map(String))];
    const checkpoint = JSON.stringify(input.checkpoint);
    const t = this.#tables;
    return this.#driver.transaction(async (tx) => {
      let inserted = 0;
      let updated = 0;
      if (rows.count > 0) {
        // `existing` and the INSERT see the same snapshot: the rows as they were before it.
        // (A JSON null payload comes out of jsonb_to_recordset as SQL NULL, hence COALESCE.)
        const { rows: result } = await tx.query<{ inserted: number; updated: number }>(
          `WITH input AS (
            SELECT * FROM jsonb_to_recordset($3::jsonb)
              AS i(id text, payload jsonb, hash text, last_modified_at timestamptz)
          ),
          existing AS (
            SELECT r.id FROM ${t.records} r JOIN input i ON i.id = r.id
            WHERE r.connection_id = $1 AND r.model = $2
          ),
          written AS (
            INSERT INTO ${t.records} AS r
              (connection_id, model, id, payload, hash, first_seen_at, last_modified_at, updated_at)
            SELECT $1, $2, i.id, COALESCE(i.payload, 'null'::jsonb), i.hash, ${NOW}, i.last_modified_at, ${NOW} FROM input i
            ON CONFLICT (connection_id, model, id) DO UPDATE SET
              payload = EXCLUDED.payload,
              hash = EXCLUDED.hash,
              last_modified_at = EXCLUDED.last_modified_at,
              deleted_at = NULL,
              updated_at = EXCLUDED.updated_at,
              seq = DEFAULT
            WHERE r.hash <> EXCLUDED.hash OR r.deleted_at IS NOT NULL
            RETURNING r.id
          )
          SELECT count(*) FILTER (WHERE e.id IS NULL)::int AS inserted,
                 count(*) FILTER (WHERE e.id IS NOT NULL)::int AS updated
          FROM written w LEFT JOIN existing e ON e.id = w.id`,
          [connectionId, model, rows.json],
        );
        inserted = Number(result[0]?.inserted ?? 0);
        updated = Number(result[0]?.updated ?? 0);
      }
      const deleted = await this.#markDeleted(tx, connectionId, model, deletedIds);
      await this.#writeCheckpoint(tx, connectionId, model, checkpoint);
      return { inserted, updated, unchanged: rows.count - inserted - updated, deleted };
    });
  }

  /**
   * Upserts and deletions outside a sync run (webhook events), in one transaction of at most two
   * statements and without a checkpoint. A record older than the stored one (both
   * `lastModifiedAt` known: earlier than a live record's, or not later than a deleted record's)
   * is skipped and counted `stale`, so deliveries arriving out of order never roll a record back
   * and a late retry of a create cannot bring back a deleted record.
   */
  async applyRecordChanges(changes: RecordChanges): Promise<RecordChangesResult> {
    await this.#ensureMigrated();
    const { connectionId, model } = changes;
    const rows = pageRows(changes.records ?? []);
    const deletedIds = [...new Set((changes.deletedIds ?? []).map(String))];
    const t = this.#tables;
    return this.#driver.transaction(async (tx) => {
      let inserted = 0;
      let updated = 0;
      let unchanged = 0;
      if (rows.count > 0) {
        const { rows: result } = await tx.query<{
          inserted: number;
          updated: number;
          unchanged: number;
        }>(
          `WITH input AS (
            SELECT * FROM jsonb_to_recordset($3::jsonb)
              AS i(id text, payload jsonb, hash text, last_modified_at timestamptz)
          ),
          existing AS (
            SELECT r.id, r.hash, r.deleted_at FROM ${t.records} r JOIN input i ON i.id = r.id
            WHERE r.connection_id = $1 AND r.model = $2
          ),
          written AS (
            INSERT INTO ${t.records} AS r
              (connection_id, model, id, payload, hash, first_seen_at, last_modified_at, updated_at)
            SELECT $1, $2, i.id, COALESCE(i.payload, 'null'::jsonb), i.hash, ${NOW}, i.last_modified_at, ${NOW} FROM input i
            ON CONFLICT (connection_id, model, id) DO UPDATE SET
              payload = EXCLUDED.payload,
              hash = EXCLUDED.hash,
              last_modified_at = EXCLUDED.last_modified_at,
              deleted_at = NULL,
              updated_at = EXCLUDED.updated_at,
              seq = DEFAULT
            WHERE (r.hash <> EXCLUDED.hash OR r.deleted_at IS NOT NULL)
              AND (r.last_modified_at IS NULL OR EXCLUDED.last_modified_at IS NULL
                OR (r.deleted_at IS NULL AND EXCLUDED.last_modified_at >= r.last_modified_at)
                OR EXCLUDED.last_modified_at > r.last_modified_at)
            RETURNING r.id
          )
          SELECT
            (SELECT count(*) FROM written w
              WHERE NOT EXISTS (SELECT 1 FROM existing e WHERE e.id = w.id))::int AS inserted,
            (SELECT count(*) FROM written w
              WHERE EXISTS (SELECT 1 FROM existing e WHERE e.id = w.id))::int AS updated,
            (SELECT count(*) FROM existing e JOIN input i ON i.id = e.id
              WHERE e.hash = i.hash AND e.deleted_at IS NULL)::int AS unchanged`,
          [connectionId, model, rows.json],
        );
        inserted = Number(result[0]?.inserted ?? 0);
        updated = Number(result[0]?.updated ?? 0);
        unchanged = Number(result[0]?.unchanged ?? 0);
      }
      const deleted = await this.#markDeleted(tx, connectionId, model, deletedIds);
      const stale = rows.count - inserted - updated - unchanged;
      return { inserted, updated, unchanged, deleted, stale };
    });
  }

  async getCheckpoint(connectionId: string, model: string): Promise<Checkpoint | undefined> {
    await this.#ensureMigrated();
    const { rows } = await this.#driver.query<{ checkpoint: Checkpoint }>(
      `SELECT checkpoint FROM ${this.#tables.checkpoints} WHERE connection_id = $1 AND model = $2`,
      [connectionId, model],
    );
    return rows[0]?.checkpoint;
  }

  async sweep(
    connectionId: string,
    model: string,
    seenIds: ReadonlySet<string>,
    checkpoint: Checkpoint,
  ): Promise<number> {
    await this.#ensureMigrated();
    const seen = [...seenIds].map(String);
    const checkpointJson = JSON.stringify(checkpoint);
    const t = this.#tables;
    return this.#driver.transaction(async (tx) => {
      // NOT EXISTS over unnest: a hashed anti-join, fast with 100,000 seen ids.
      const { rows } = await tx.query<{ swept: number }>(
        `WITH marked AS (
          UPDATE ${t.records} AS r
          SET deleted_at = ${NOW}, updated_at = ${NOW}, seq = DEFAULT
          WHERE r.connection_id = $1 AND r.model = $2 AND r.deleted_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM unnest($3::text[]) AS seen(id) WHERE seen.id = r.id)
          RETURNING 1
        )
        SELECT count(*)::int AS swept FROM marked`,
        [connectionId, model, seen],
      );
      await this.#writeCheckpoint(tx, connectionId, model, checkpointJson);
      return Number(rows[0]?.swept ?? 0);
    });
  }

  /**
   * @throws HelpScoutError `bad_request` for a cursor this store did not return, an unparsable
   *   `modifiedAfter` or a `limit` that is not a positive integer.
   */
  async listRecords(
    options: ListRecordsOptions,
  ): Promise<{ records: SyncRecord[]; nextCursor: string | null }> {
    const limit = pageLimit(options.limit);
    const params: unknown[] = [options.connectionId, options.model];
    const conditions = ["connection_id = $1", "model = $2"];
    if (options.includeDeleted !== true) conditions.push("deleted_at IS NULL");
    if (options.modifiedAfter !== undefined) {
      const after = Date.parse(options.modifiedAfter);
      if (Number.isNaN(after)) {
        throw badRequest(`modifiedAfter "${options.modifiedAfter}" is not an ISO 8601 time.`);
      }
      params.push(new Date(after).toISOString());
      conditions.push(`updated_at > $${params.length}::timestamptz`);
    }
    if (options.cursor !== undefined) {
      const position = decodeCursor(options.cursor);
      params.push(position.updatedAt, position.id);
      conditions.push(
        `(updated_at, id) > ($${params.length - 1}::timestamptz, $${params.length}::text)`,
      );
    }
    params.push(limit + 1); // one more tells whether there is a next page
    await this.#ensureMigrated();
    const { rows } = await this.#driver.query<RecordRow>(
      `SELECT id, payload, hash, first_seen_at, last_modified_at, deleted_at, updated_at
      FROM ${this.#tables.records}
      WHERE ${conditions.join(" AND ")}
      ORDER BY updated_at, id
      LIMIT $${params.length}`,
      params,
    );
    const records = rows.slice(0, limit).map(
      (row): SyncRecord => ({
        model: options.model,
        connectionId: options.connectionId,
        id: row.id,
        payload: row.payload,
        hash: row.hash,
        firstSeenAt: iso(row.first_seen_at),
        lastModifiedAt: isoOrNull(row.last_modified_at),
        deletedAt: isoOrNull(row.deleted_at),
        updatedAt: iso(row.updated_at),
      }),
    );
    const last = records[records.length - 1];
    const nextCursor =
      rows.length > limit && last !== undefined
        ? encodeCursor({ updatedAt: last.updatedAt, id: last.id })
        : null;
    return { records, nextCursor };
  }

  /** Live records per model of a connection; a model whose records are all deleted counts 0. */
  async counts(connectionId: string): Promise<Record<string, number>> {
    await this.#ensureMigrated();
    const { rows } = await this.#driver.query<{ model: string; live: number }>(
      `SELECT model, count(*) FILTER (WHERE deleted_at IS NULL)::int AS live
      FROM ${this.#tables.records} WHERE connection_id = $1
      GROUP BY model ORDER BY model`,
      [connectionId],
    );
    return Object.fromEntries(rows.map((row) => [row.model, Number(row.live)]));
  }

  /** Closes the database if the store opened it; a database it was given stays open. */
  async close(): Promise<void> {
    await this.#ready?.catch(() => undefined);
    await this.#driver.close();
  }

  /** Marks the live records among `ids` deleted; returns how many it marked. */
  async #markDeleted(
    tx: SqlQueryable,
    connectionId: string,
    model: string,
    ids: readonly string[],
  ): Promise<number> {
    if (ids.length === 0) return 0;
    const { rows } = await tx.query<{ deleted: number }>(
      `WITH marked AS (
        UPDATE ${this.#tables.records}
        SET deleted_at = ${NOW}, updated_at = ${NOW}, seq = DEFAULT
        WHERE connection_id = $1 AND model = $2 AND deleted_at IS NULL
          AND id = ANY($3::text[])
        RETURNING 1
      )
      SELECT count(*)::int AS deleted FROM marked`,
      [connectionId, model, ids],
    );
    return Number(rows[0]?.deleted ?? 0);
  }

  async #writeCheckpoint(
    tx: SqlQueryable,
    connectionId: string,
    model: string,
    checkpoint: string,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO ${this.#tables.checkpoints} (connection_id, model, checkpoint)
      VALUES ($1, $2, $3::jsonb)
      ON CONFLICT (connection_id, model) DO UPDATE SET checkpoint = EXCLUDED.checkpoint`,
      [connectionId, model, checkpoint],
    );
  }
}
