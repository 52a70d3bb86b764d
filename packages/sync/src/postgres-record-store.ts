import pg from "pg";
import { createPostgresDriver } from "./postgres-driver.js";
import { recordTables } from "./record-schema.js";
import { SqlRecordStore } from "./sql-record-store.js";

/** Options of {@link createPostgresRecordStore}: a connection string or your own pool. */
export type PostgresRecordStoreOptions = (
  | {
      /** `postgres://user:password@host:5432/db`; the store opens (and closes) its own pool. */
      connectionString: string;
      pool?: never;
    }
  | {
      /** A `pg` pool to share; the store never ends it. */
      pool: pg.Pool;
      connectionString?: never;
    }
) & {
  /** Schema holding the tables (created if missing); default: the search path (`public`). */
  schema?: string;
};

/**
 * The record store for a Postgres server, through `pg`: records shared by many processes and
 * machines. Same schema and SQL as {@link createPgliteRecordStore}; each page is committed in a
 * transaction on one pooled client.
 *
 * @throws HelpScoutError `configuration_error` when `schema` is not a plain SQL identifier.
 * @example
 * ```ts
 * const store = createPostgresRecordStore({ connectionString: process.env.DATABASE_URL! });
 * console.log(await store.counts("acme"));
 * await store.close();
 * ```
 */
export function createPostgresRecordStore(options: PostgresRecordStoreOptions): SqlRecordStore {
  recordTables(options.schema); // fails on a bad schema before anything is opened
  const owned = options.pool === undefined;
  const pool = options.pool ?? new pg.Pool({ connectionString: options.connectionString });
  // An idle client's network error is emitted on the pool; unhandled, it would crash the process.
  // The pool drops that client by itself, and the next query opens a new one.
  if (owned) pool.on("error", () => {});
  return new SqlRecordStore({ driver: createPostgresDriver(pool, owned), schema: options.schema });
}
