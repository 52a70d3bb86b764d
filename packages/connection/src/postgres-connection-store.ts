import pg from "pg";
import { type SecretBox, secretBoxFromEnv } from "./secret-box.js";
import { SqlConnectionStore, type SqlDriver } from "./sql-connection-store.js";

/** Options of {@link createPostgresConnectionStore}: a connection string or your own pool. */
export type PostgresConnectionStoreOptions = (
  | {
      /** `postgres://user:password@host:5432/db`; the store opens (and closes) its own pool. */
      connectionString: string;
      pool?: never;
    }
  | {
      /** A `pg` pool to share; the store never ends it. Needs room for 2 clients while locking. */
      pool: pg.Pool;
      connectionString?: never;
    }
) & {
  /** Schema holding the tables (created if missing); default: the search path (`public`). */
  schema?: string;
  /** Seals credentials. Default {@link secretBoxFromEnv}, which throws if no key is set. */
  secretBox?: SecretBox;
  /** Clock for OAuth state expiry, in Unix milliseconds. Default `Date.now`. */
  now?: () => number;
};

/**
 * Session-level advisory lock on one dedicated client: held by the server across processes and
 * machines, and released by the server if this process dies (the session ends with it).
 */
async function advisoryLock<T>(pool: pg.Pool, name: string, task: () => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A client whose unlock failed may still hold the lock: destroy it instead of pooling it.
  let broken: Error | undefined;
  try {
    // hashtextextended: 64-bit hash of the name (Postgres 11+), the key space of pg_advisory_lock.
    await client.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [name]);
    try {
      return await task();
    } finally {
      await client
        .query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [name])
        .catch((error: Error) => {
          broken = error;
        });
    }
  } catch (error) {
    broken ??= error as Error;
    throw error;
  } finally {
    client.release(broken);
  }
}

/**
 * The store for many processes and machines: PostgreSQL through `pg`, with credentials sealed by
 * a {@link SecretBox} and locks as Postgres advisory locks, so exactly one process refreshes a
 * token. Same schema and SQL as the PGlite store.
 *
 * Tasks run inside `withLock` use the pool too, so a shared pool needs at least 2 clients.
 *
 * @throws HelpScoutError `encryption_key_missing` when no `secretBox` is given and
 *   `TERAPI_ENCRYPTION_KEY` is unset, before any connection is opened.
 * @example
 * ```ts
 * const store = createPostgresConnectionStore({ connectionString: process.env.DATABASE_URL! });
 * ```
 */
export function createPostgresConnectionStore(
  options: PostgresConnectionStoreOptions,
): SqlConnectionStore {
  const secretBox = options.secretBox ?? secretBoxFromEnv();
  let owned = options.pool === undefined;
  const pool = options.pool ?? new pg.Pool({ connectionString: options.connectionString });
  // An idle client's network error is emitted on the pool; unhandled, it would crash the process.
  // The pool drops that client by itself, and the next query opens a new one.
  if (owned) pool.on("error", () => {});
  const driver: SqlDriver = {
    query: async <R>(text: string, params?: readonly unknown[]) => {
      const result = await pool.query(text, params as unknown[] | undefined);
      return { rows: result.rows as R[] };
    },
    withLock: (name, task) => advisoryLock(pool, name, task),
    close: async () => {
      if (!owned) return;
      owned = false; // pool.end() throws when called twice
      await pool.end();
    },
  };
  return new SqlConnectionStore({ driver, secretBox, schema: options.schema, now: options.now });
}
