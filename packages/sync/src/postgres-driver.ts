import type pg from "pg";
import type { SqlDriver, SqlQueryable } from "./sql-driver.js";

/**
 * A {@link SqlDriver} on a `pg` pool. `owned`: whether {@link SqlDriver.close} ends the pool.
 *
 * Plain statements use any pooled client; a transaction checks out one client and runs
 * `BEGIN` … `COMMIT` on it (`ROLLBACK` when the work throws). A client whose connection failed
 * during the transaction, or whose `ROLLBACK` failed, is destroyed instead of returned to the pool.
 *
 * @internal
 */
export function createPostgresDriver(pool: pg.Pool, owned: boolean): SqlDriver {
  let open = owned;
  return {
    query: async <R>(text: string, params?: readonly unknown[]) => {
      const result = await pool.query(text, params as unknown[] | undefined);
      return { rows: result.rows as R[] };
    },
    transaction: async (fn) => {
      const client = await pool.connect();
      // A connection lost between two statements is emitted on the checked-out client, where
      // nobody else listens: without this listener it would crash the process.
      let broken: Error | undefined;
      const onError = (error: Error) => {
        broken ??= error;
      };
      client.on("error", onError);
      const tx: SqlQueryable = {
        query: async <R>(text: string, params?: readonly unknown[]) => {
          const result = await client.query(text, params as unknown[] | undefined);
          return { rows: result.rows as R[] };
        },
      };
      try {
        await client.query("BEGIN").catch((error: Error) => {
          broken ??= error; // BEGIN fails when the connection does: do not pool it
          throw error;
        });
        try {
          const result = await fn(tx);
          await client.query("COMMIT");
          return result;
        } catch (error) {
          // After a failed COMMIT the transaction is over already; ROLLBACK then only warns.
          await client.query("ROLLBACK").catch((rollbackError: Error) => {
            broken ??= rollbackError;
          });
          throw error;
        }
      } finally {
        client.off("error", onError);
        client.release(broken);
      }
    },
    close: async () => {
      if (!open) return;
      open = false; // pool.end() throws when called twice
      await pool.end();
    },
  };
}
