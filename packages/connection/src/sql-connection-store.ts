import { HelpScoutError, isHelpScoutError } from "@terapi/helpscout-auth";
import type { SecretBox } from "./secret-box.js";
import { migrate, type SqlTables, sqlTables } from "./sql-schema.js";
import type {
  Connection,
  ConnectionKey,
  ConnectionStore,
  Credentials,
  OAuthState,
} from "./types.js";

/**
 * The little a {@link SqlConnectionStore} needs from a Postgres-compatible database. Both built-in
 * drivers (PGlite, `pg`) run the very same SQL.
 */
export interface SqlDriver {
  /** Runs one statement with `$1`-style parameters. */
  query<R>(text: string, params?: readonly unknown[]): Promise<{ rows: R[] }>;
  /** Runs `task` holding the named lock, across everyone sharing the database; others wait. */
  /** Holds the driver's lock (named per schema) while `task` runs. */
  withLock<T>(name: string, task: () => Promise<T>): Promise<T>;
  /** Releases what the driver opened (not what it was given). */
  close(): Promise<void>;
}

/** Options of {@link SqlConnectionStore}. */
export interface SqlConnectionStoreOptions {
  /** The database. */
  driver: SqlDriver;
  /** Seals credentials before every write. Required: this store never writes plaintext. */
  secretBox: SecretBox;
  /** Schema holding the tables (created if missing); default: the connection's search path. */
  schema?: string;
  /** Clock for OAuth state expiry, in Unix milliseconds. Default `Date.now`. */
  now?: () => number;
}

interface ConnectionRow {
  provider_config_key: string;
  connection_id: string;
  credentials: string;
  needs_reauthorization: boolean;
  metadata: Record<string, unknown> | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const COLUMNS =
  "provider_config_key, connection_id, credentials, needs_reauthorization, metadata, created_at, updated_at";
const iso = (value: Date | string) => new Date(value).toISOString();
// Binds sealed credentials to their row, so a copied ciphertext does not open elsewhere.
const context = (key: ConnectionKey) => JSON.stringify([key.providerConfigKey, key.connectionId]);

/**
 * A {@link ConnectionStore} on SQL, with credentials always sealed by a {@link SecretBox}. Tables
 * are created on first use by an idempotent, versioned migration (`terapi_schema_migrations`).
 * Timestamps come back as `Date#toISOString()`.
 *
 * @see {@link createPgliteConnectionStore} and {@link createPostgresConnectionStore}, which build one.
 */
export class SqlConnectionStore implements ConnectionStore {
  readonly #driver: SqlDriver;
  readonly #box: SecretBox;
  readonly #tables: SqlTables;
  readonly #lockPrefix: string;
  readonly #now: () => number;
  #ready: Promise<void> | undefined;

  constructor(options: SqlConnectionStoreOptions) {
    // The type requires it; this also stops plain-JS callers from writing plaintext.
    if (!options.secretBox) {
      throw new HelpScoutError({
        code: "encryption_key_missing",
        message:
          "@terapi/connection: a SQL connection store needs a secretBox to seal credentials.",
      });
    }
    this.#driver = options.driver;
    this.#box = options.secretBox;
    this.#tables = sqlTables(options.schema);
    this.#lockPrefix = `terapi:${options.schema ?? ""}:`;
    this.#now = options.now ?? Date.now;
  }

  /** Creates or upgrades the tables; called by every method, callable early to fail fast. */
  migrate(): Promise<void> {
    this.#ready ??= migrate(this.#driver, this.#tables, `${this.#lockPrefix}migrate`).catch(
      (error: unknown) => {
        this.#ready = undefined;
        throw error;
      },
    );
    return this.#ready;
  }

  /** Reads and opens one connection; throws `configuration_error` if it cannot be decrypted. */
  async get(key: ConnectionKey): Promise<Connection | undefined> {
    await this.migrate();
    const { rows } = await this.#driver.query<ConnectionRow>(
      `SELECT ${COLUMNS} FROM ${this.#tables.connections} WHERE provider_config_key = $1 AND connection_id = $2`,
      [key.providerConfigKey, key.connectionId],
    );
    return rows[0] === undefined ? undefined : this.#fromRow(rows[0]);
  }

  /** Inserts or replaces the connection (every column, including `createdAt`). */
  async put(connection: Connection): Promise<void> {
    await this.migrate();
    const sealed = this.#box.seal(JSON.stringify(connection.credentials), context(connection));
    await this.#driver.query(
      `INSERT INTO ${this.#tables.connections} (${COLUMNS})
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::timestamptz, $7::timestamptz)
       ON CONFLICT (provider_config_key, connection_id) DO UPDATE SET
         credentials = excluded.credentials,
         needs_reauthorization = excluded.needs_reauthorization,
         metadata = excluded.metadata,
         created_at = excluded.created_at,
         updated_at = excluded.updated_at`,
      [
        connection.providerConfigKey,
        connection.connectionId,
        sealed,
        connection.needsReauthorization === true,
        connection.metadata === undefined ? null : JSON.stringify(connection.metadata),
        connection.createdAt,
        connection.updatedAt,
      ],
    );
  }

  /** Deletes one connection; `true` if it existed. */
  async delete(key: ConnectionKey): Promise<boolean> {
    await this.migrate();
    const { rows } = await this.#driver.query(
      `DELETE FROM ${this.#tables.connections} WHERE provider_config_key = $1 AND connection_id = $2 RETURNING 1`,
      [key.providerConfigKey, key.connectionId],
    );
    return rows.length > 0;
  }

  /** Every connection, or one provider's, ordered by provider and connection id. */
  async list(providerConfigKey?: string): Promise<Connection[]> {
    await this.migrate();
    const { rows } = await this.#driver.query<ConnectionRow>(
      `SELECT ${COLUMNS} FROM ${this.#tables.connections}
       WHERE $1::text IS NULL OR provider_config_key = $1::text
       ORDER BY provider_config_key, connection_id`,
      [providerConfigKey ?? null],
    );
    return rows.map((row) => this.#fromRow(row));
  }

  withLock<T>(name: string, task: () => Promise<T>): Promise<T> {
    return this.#driver.withLock(`${this.#lockPrefix}${name}`, task);
  }

  /** Stores the state; also drops states that have expired, so the table does not grow. */
  async putState(state: string, value: OAuthState): Promise<void> {
    await this.migrate();
    const expiresAt = new Date(value.expiresAt).toISOString();
    await this.#driver.query(
      `INSERT INTO ${this.#tables.states} (state, value, expires_at) VALUES ($1, $2::jsonb, $3::timestamptz)
       ON CONFLICT (state) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
      [state, JSON.stringify(value), expiresAt],
    );
    await this.#driver.query(
      `DELETE FROM ${this.#tables.states} WHERE expires_at < $1::timestamptz`,
      [new Date(this.#now()).toISOString()],
    );
  }

  /** Deletes and returns the state in one statement (one use, even under races); expired → `undefined`. */
  async takeState(state: string): Promise<OAuthState | undefined> {
    await this.migrate();
    const { rows } = await this.#driver.query<{ value: OAuthState }>(
      `DELETE FROM ${this.#tables.states} WHERE state = $1 RETURNING value`,
      [state],
    );
    const value = rows[0]?.value;
    // Compared with the store's clock, not the database's, so an injected `now` is honoured.
    return value === undefined || value.expiresAt <= this.#now() ? undefined : value;
  }

  /** Closes what the driver opened (a pool or database passed in stays open). */
  async close(): Promise<void> {
    await this.#driver.close();
  }

  #fromRow(row: ConnectionRow): Connection {
    const key = { providerConfigKey: row.provider_config_key, connectionId: row.connection_id };
    let credentials: Credentials;
    try {
      credentials = JSON.parse(this.#box.open(row.credentials, context(key))) as Credentials;
    } catch (error) {
      // JSON.parse messages quote the input, so they must not reach the error.
      const reason = isHelpScoutError(error)
        ? error.message.replace(/^@terapi\/connection: /, "")
        : "they are not valid JSON.";
      throw new HelpScoutError({
        code: "configuration_error",
        message: `@terapi/connection: cannot read the credentials of connection "${key.connectionId}" (${key.providerConfigKey}): ${reason}`,
      });
    }
    return {
      ...key,
      credentials,
      ...(row.needs_reauthorization ? { needsReauthorization: true } : {}),
      ...(row.metadata === null ? {} : { metadata: row.metadata }),
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
    };
  }
}
