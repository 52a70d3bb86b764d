import type { PGlite } from "@electric-sql/pglite";
import type { SqlDriver, SqlQueryable } from "./sql-driver.js";

async function run<R>(
  target: Pick<PGlite, "query">,
  text: string,
  params?: readonly unknown[],
): Promise<{ rows: R[] }> {
  const result = await target.query<R>(text, params as unknown[] | undefined);
  return { rows: result.rows };
}

/**
 * A {@link SqlDriver} on a PGlite database. `owned`: whether {@link SqlDriver.close} closes it.
 *
 * PGlite is a single session that queues its work: a statement sent while a transaction is open
 * waits for the transaction to end, so readers never see a page half-committed.
 *
 * @internal
 */
export function createPgliteDriver(db: PGlite, owned: boolean): SqlDriver {
  let open = owned;
  return {
    query: (text, params) => run(db, text, params),
    transaction: (fn) =>
      db.transaction((tx) => {
        const queryable: SqlQueryable = { query: (text, params) => run(tx, text, params) };
        return fn(queryable);
      }),
    close: async () => {
      if (!open) return;
      open = false;
      if (!db.closed) await db.close();
    },
  };
}
