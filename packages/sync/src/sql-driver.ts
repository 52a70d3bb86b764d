/** Something that runs one SQL statement: the driver itself, or a transaction in progress. */
export interface SqlQueryable {
  /** Runs one statement with `$1`-style parameters and returns its rows. */
  query<R>(text: string, params?: readonly unknown[]): Promise<{ rows: R[] }>;
}

/**
 * The little a {@link SqlRecordStore} needs from a Postgres-compatible database. Both built-in
 * drivers (PGlite, `pg`) run the very same SQL.
 */
export interface SqlDriver extends SqlQueryable {
  /**
   * Runs `fn` in one transaction: committed when `fn` resolves, rolled back when it throws (the
   * error is rethrown). Every statement of the transaction must go through the `tx` it is given.
   */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /** Releases what the driver opened (not what it was given). Safe to call twice. */
  close(): Promise<void>;
}
