import type { PGlite } from "@electric-sql/pglite";
import { openPgliteDataDir } from "./pglite-data-dir.js";
import { type SecretBox, secretBoxFromEnv } from "./secret-box.js";
import { SqlConnectionStore, type SqlDriver } from "./sql-connection-store.js";

/** Options of {@link createPgliteConnectionStore}. */
export interface PgliteConnectionStoreOptions {
  /**
   * Directory the database lives in (created if missing, by {@link openPgliteDataDir}, so a crash
   * during the first open leaves nothing half-made). Default `.data/terapi`, relative to the
   * working directory; `memory://` keeps it in memory. Ignored when `db` is given.
   */
  dataDir?: string;
  /**
   * An open PGlite to use instead, e.g. the one the sync store uses: a data directory can be open
   * in only one PGlite at a time. The store does not close a database it was given.
   */
  db?: PGlite;
  /** Seals credentials. Default {@link secretBoxFromEnv}, which throws if no key is set. */
  secretBox?: SecretBox;
  /** Clock for OAuth state expiry, in Unix milliseconds. Default `Date.now`. */
  now?: () => number;
}

/**
 * Named locks within this process: each name is a promise chain, so holders run one at a time
 * and a failed holder does not block the next.
 */
function inProcessLocks(): SqlDriver["withLock"] {
  const tails = new Map<string, Promise<unknown>>();
  return async (name, task) => {
    const run = (tails.get(name) ?? Promise.resolve()).then(task, task);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    tails.set(name, settled);
    try {
      return await run;
    } finally {
      if (tails.get(name) === settled) tails.delete(name);
    }
  };
}

/**
 * The embedded default store: PGlite (Postgres compiled to WebAssembly) persisting in a data
 * directory, with credentials sealed by a {@link SecretBox}.
 *
 * Why PGlite: it runs the same schema and SQL as the Postgres store (one {@link SqlConnectionStore}
 * for both, so moving to a server changes no query), it needs no server or native build, and the
 * sync store uses PGlite too, so an app has one embedded database, not two.
 *
 * Locks are an in-process queue: a PGlite data directory is opened by one process only, so no
 * other process can share the store. Use the Postgres store for more than one process.
 *
 * @throws HelpScoutError `encryption_key_missing` when no `secretBox` is given and
 *   `TERAPI_ENCRYPTION_KEY` is unset, before anything is opened.
 * @example
 * ```ts
 * const terapi = new Terapi({ store: createPgliteConnectionStore() });
 * ```
 */
export function createPgliteConnectionStore(
  options: PgliteConnectionStoreOptions = {},
): SqlConnectionStore {
  const secretBox = options.secretBox ?? secretBoxFromEnv();
  const owned = options.db === undefined;
  const opening =
    options.db === undefined
      ? openPgliteDataDir(options.dataDir ?? ".data/terapi")
      : Promise.resolve(options.db);
  // The failure surfaces on the first query; this only stops it counting as unhandled before.
  opening.catch(() => undefined);
  const driver: SqlDriver = {
    query: async (text, params) => (await opening).query(text, params as unknown[] | undefined),
    withLock: inProcessLocks(),
    close: async () => {
      if (!owned) return;
      const database = await opening.catch(() => undefined);
      if (database !== undefined && !database.closed) await database.close();
    },
  };
  return new SqlConnectionStore({ driver, secretBox, now: options.now });
}
