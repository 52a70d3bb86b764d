import { HelpScoutError } from "@terapi/helpscout-auth";
import type { SqlDriver } from "./sql-connection-store.js";

/**
 * Qualified table names of one schema.
 *
 * @internal
 */
export interface SqlTables {
  /** `CREATE SCHEMA` statement, when a schema other than the search path is used. */
  createSchema: string | undefined;
  connections: string;
  states: string;
  migrations: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Table names, qualified with `schema` when given (validated, so it is safe to put into SQL).
 *
 * @internal
 */
export function sqlTables(schema?: string): SqlTables {
  if (schema !== undefined && !IDENTIFIER.test(schema)) {
    throw new HelpScoutError({
      code: "configuration_error",
      message: `@terapi/connection: schema "${schema}" is not a plain SQL identifier (letters, digits, _; at most 63).`,
    });
  }
  const prefix = schema === undefined ? "" : `"${schema}".`;
  return {
    createSchema: schema === undefined ? undefined : `CREATE SCHEMA IF NOT EXISTS "${schema}"`,
    connections: `${prefix}terapi_connections`,
    states: `${prefix}terapi_oauth_states`,
    migrations: `${prefix}terapi_schema_migrations`,
  };
}

/**
 * Schema versions, oldest first. Append, never edit: a database that has a version skips it.
 * Every statement is idempotent, so a migration cut off half-way is simply run again.
 */
const MIGRATIONS: ReadonlyArray<{ version: number; statements: (t: SqlTables) => string[] }> = [
  {
    version: 1,
    statements: (t) => [
      `CREATE TABLE IF NOT EXISTS ${t.connections} (
        provider_config_key text NOT NULL,
        connection_id text NOT NULL,
        credentials text NOT NULL, -- sealed JSON (SecretBox), never plaintext
        needs_reauthorization boolean NOT NULL DEFAULT false,
        metadata jsonb,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (provider_config_key, connection_id)
      )`,
      `CREATE TABLE IF NOT EXISTS ${t.states} (
        state text PRIMARY KEY,
        value jsonb NOT NULL,
        expires_at timestamptz NOT NULL
      )`,
      `CREATE INDEX IF NOT EXISTS terapi_oauth_states_expires_at ON ${t.states} (expires_at)`,
    ],
  },
];

/**
 * Brings the tables up to the latest version. Runs under a store lock because concurrent
 * `CREATE … IF NOT EXISTS` can still collide in Postgres' catalogs.
 *
 * @internal
 */
export async function migrate(
  driver: SqlDriver,
  tables: SqlTables,
  lockName: string,
): Promise<void> {
  await driver.withLock(lockName, async () => {
    if (tables.createSchema !== undefined) await driver.query(tables.createSchema);
    await driver.query(
      `CREATE TABLE IF NOT EXISTS ${tables.migrations} (
        version integer PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
    const { rows } = await driver.query<{ version: number }>(
      `SELECT version FROM ${tables.migrations}`,
    );
    const applied = new Set(rows.map((row) => Number(row.version)));
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements(tables)) await driver.query(statement);
      await driver.query(
        `INSERT INTO ${tables.migrations} (version) VALUES ($1) ON CONFLICT (version) DO NOTHING`,
        [migration.version],
      );
    }
  });
}
