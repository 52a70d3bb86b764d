import { randomBytes } from "node:crypto";
import { TEST_DATABASE_URL } from "@terapi/test-support";
import pg from "pg";

/** A Postgres login for one test file, whose password is a canary. */
export interface CanaryDatabase {
  /** Connection string with the canary role and password (or the admin URL, see `canaryRole`). */
  url: string;
  /** False when the admin could not create a role: `url` is then TEST_DATABASE_URL itself. */
  canaryRole: boolean;
  /** A fresh schema name for this file (created by the stores on first use). */
  schema(name: string): string;
  /** Drops the schemas of this file and the role. */
  drop(): Promise<void>;
}

/**
 * Creates a login role whose password is `password` and which may create schemas in the test
 * database, so that every store of the test connects with a canary secret in its URL. Without the
 * privilege to create roles, falls back to TEST_DATABASE_URL (and says so in `canaryRole`).
 */
export async function createCanaryDatabase(password: string): Promise<CanaryDatabase> {
  const suffix = randomBytes(4).toString("hex");
  const role = `reliability_${suffix}`;
  const schemas: string[] = [];
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  let url = TEST_DATABASE_URL;
  let canaryRole = false;
  try {
    const { rows } = await admin.query<{ db: string }>("SELECT current_database() AS db");
    const db = pg.escapeIdentifier(rows[0]?.db ?? "");
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD ${pg.escapeLiteral(password)}`);
    await admin.query(`GRANT CREATE, CONNECT ON DATABASE ${db} TO ${role}`);
    const parsed = new URL(TEST_DATABASE_URL);
    parsed.username = role;
    parsed.password = password;
    url = parsed.toString();
    canaryRole = true;
  } catch {
    // Not allowed to create roles: run as the admin; the database password is then no canary.
  } finally {
    await admin.end();
  }
  return {
    url,
    canaryRole,
    schema(name) {
      const schema = `rel_${name}_${suffix}`;
      schemas.push(schema);
      return schema;
    },
    async drop() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        for (const schema of schemas) {
          await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
        }
        if (canaryRole) {
          await client.query(`DROP OWNED BY ${role} CASCADE`);
          await client.query(`DROP ROLE IF EXISTS ${role}`);
        }
      } finally {
        await client.end();
      }
    },
  };
}
