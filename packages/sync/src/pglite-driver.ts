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
 * A {@link SqlDriver} on a PGlite database, or on one still opening (its failure surfaces on the
 * first statement). `owned`: whether {@link SqlDriver.close} closes it.
 *
 * PGlite is a single session that queues its work: a statement sent while a transaction is open
 * waits for the transaction to end, so readers never see a page half-committed.
 *
 * @internal
 */
export function createPgliteDriver(database: PGlite | Promise<PGlite>, owned: boolean): SqlDriver {
  let open = owned;
  const opening = Promise.resolve(database);
  // The failure surfaces on the first statement; this only stops it counting as unhandled before.
  opening.catch(() => undefined);
  return {
    query: async (text, params) => run(await opening, text, params),
    transaction: async (fn) =>
      (await opening).transaction((tx) => {
        const queryable: SqlQueryable = { query: (text, params) => run(tx, text, params) };
        return fn(queryable);
      }),
    close: async () => {
      if (!open) return;
      open = false;
      const db = await opening.catch(() => undefined);
      if (db !== undefined && !db.closed) await db.close();
    },
  };
}
