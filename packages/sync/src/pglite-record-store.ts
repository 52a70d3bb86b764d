import type { PGlite } from "@electric-sql/pglite";
import { openPgliteDataDir } from "@terapi/connection";
import { createPgliteDriver } from "./pglite-driver.js";
import { recordTables } from "./record-schema.js";
import { SqlRecordStore } from "./sql-record-store.js";

/** Options of {@link createPgliteRecordStore}. */
export interface PgliteRecordStoreOptions {
  /**
   * Directory the database lives in (created if missing, so that a crash during the first open
   * leaves nothing half-made: see `openPgliteDataDir`). Default `.data/helpscout-sync`,
   * relative to the working directory; `memory://` keeps it in memory. Ignored when `db` is given.
   */
  dataDir?: string;
  /**
   * An open PGlite to use instead, e.g. one shared with the connection store: a data directory
   * can be open in only one PGlite at a time. The store does not close a database it was given.
   */
  db?: PGlite;
  /** Schema holding the tables (created if missing); default `public`. */
  schema?: string;
}

/**
 * The embedded default record store: PGlite (Postgres compiled to WebAssembly) persisting in a
 * data directory, no server needed. Same schema and SQL as {@link createPostgresRecordStore}.
 *
 * A data directory is opened by one process at a time: use the Postgres store to share records
 * between processes.
 *
 * @example
 * ```ts
 * const store = createPgliteRecordStore({ dataDir: ".data/helpscout-sync" });
 * const { records } = await store.listRecords({ connectionId: "acme", model: "conversations" });
 * await store.close();
 * ```
 */
export function createPgliteRecordStore(options: PgliteRecordStoreOptions = {}): SqlRecordStore {
  recordTables(options.schema); // fails on a bad schema before anything is opened
  const owned = options.db === undefined;
  const db =
    options.db === undefined
      ? openPgliteDataDir(options.dataDir ?? ".data/helpscout-sync")
      : Promise.resolve(options.db);
  return new SqlRecordStore({ driver: createPgliteDriver(db, owned), schema: options.schema });
}
