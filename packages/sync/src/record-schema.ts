import { HelpScoutError } from "@terapi/helpscout-auth";
import type { SqlDriver } from "./sql-driver.js";

/**
 * Qualified names of the record store's tables in one schema.
 *
 * @internal
 */
export interface RecordTables {
  /** The schema, when one other than the search path is used. */
  schema: string | undefined;
  /** One row per synced object. */
  records: string;
  /** One checkpoint per connection and model. */
  checkpoints: string;
  /** Applied schema versions. */
  migrations: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Table names, qualified with `schema` when given (validated, so it is safe to put into SQL).
 *
 * @throws HelpScoutError `configuration_error` when `schema` is not a plain SQL identifier.
 * @internal
 */
export function recordTables(schema?: string): RecordTables {
  if (schema !== undefined && !IDENTIFIER.test(schema)) {
    throw new HelpScoutError({
      code: "configuration_error",
      message: `@terapi/helpscout-sync: schema "${schema}" is not a plain SQL identifier (letters, digits, _; at most 63).`,
    });
  }
  const prefix = schema === undefined ? "" : `"${schema}".`;
  return {
    schema,
    records: `${prefix}helpscout_records`,
    checkpoints: `${prefix}helpscout_checkpoints`,
    migrations: `${prefix}helpscout_sync_migrations`,
  };
}

/**
 * Schema versions, oldest first. Append, never edit: a database that has a version skips it.
 * Every statement is idempotent besides.
 */
const MIGRATIONS: ReadonlyArray<{ version: number; statements: (t: RecordTables) => string[] }> = [
  {
    version: 1,
    statements: (t) => [
      // Ids are compared byte-wise (COLLATE "C"), so the records API orders them the same way on
      // every database, whatever its default collation.
      `CREATE TABLE IF NOT EXISTS ${t.records} (
        connection_id text COLLATE "C" NOT NULL,
        model text COLLATE "C" NOT NULL,
        id text COLLATE "C" NOT NULL,
        payload jsonb NOT NULL,
        hash text NOT NULL, -- sha256 (hex) of the canonical JSON of payload
        first_seen_at timestamptz NOT NULL,
        last_modified_at timestamptz,
        deleted_at timestamptz,
        updated_at timestamptz NOT NULL, -- when the row last changed, in milliseconds
        seq bigserial NOT NULL, -- table-wide change number, taken anew by every write of the row
        PRIMARY KEY (connection_id, model, id)
      )`,
      // The records API: one model of one connection, ordered by row change then id.
      `CREATE INDEX IF NOT EXISTS helpscout_records_by_change
        ON ${t.records} (connection_id, model, updated_at, id)`,
      `CREATE TABLE IF NOT EXISTS ${t.checkpoints} (
        connection_id text COLLATE "C" NOT NULL,
        model text COLLATE "C" NOT NULL,
        checkpoint jsonb NOT NULL,
        PRIMARY KEY (connection_id, model)
      )`,
    ],
  },
];

/** The latest schema version {@link migrateRecordTables} brings a database to. */
export const RECORD_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/**
 * Brings the tables up to the latest version. Idempotent, and safe to run from many processes at
 * once: it runs in one transaction holding a transaction-level advisory lock named for the schema
 * (concurrent `CREATE … IF NOT EXISTS` can still collide in Postgres' catalogs), so pending
 * versions are applied whole or not at all. An up-to-date database gets no DDL at all, so a role
 * without `CREATE` rights can use tables someone else migrated.
 *
 * @internal
 */
export async function migrateRecordTables(driver: SqlDriver, tables: RecordTables): Promise<void> {
  const lockName = `helpscout-sync:migrate:${tables.schema ?? ""}`;
  await driver.transaction(async (tx) => {
    // hashtextextended: 64-bit hash of the name (Postgres 11+); released at COMMIT/ROLLBACK.
    await tx.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [lockName]);
    const { rows: found } = await tx.query<{ found: string | null }>(
      "SELECT to_regclass($1)::text AS found",
      [tables.migrations],
    );
    let applied = new Set<number>();
    if (found[0]?.found == null) {
      if (tables.schema !== undefined) {
        await tx.query(`CREATE SCHEMA IF NOT EXISTS "${tables.schema}"`);
      }
      await tx.query(
        `CREATE TABLE IF NOT EXISTS ${tables.migrations} (
          version integer PRIMARY KEY,
          applied_at timestamptz NOT NULL DEFAULT now()
        )`,
      );
    } else {
      const { rows } = await tx.query<{ version: number }>(
        `SELECT version FROM ${tables.migrations}`,
      );
      applied = new Set(rows.map((row) => Number(row.version)));
    }
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements(tables)) await tx.query(statement);
      await tx.query(
        `INSERT INTO ${tables.migrations} (version) VALUES ($1) ON CONFLICT (version) DO NOTHING`,
        [migration.version],
      );
    }
  });
}
