import pg from "pg";
import { urlWithoutPassword } from "./url-without-password.js";

/** The test database: `TEST_DATABASE_URL`, or the one `scripts/services.sh` starts. */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? "postgres://postgres:postgres@127.0.0.1:5432/helpscout_test";

/**
 * Whether Postgres answers at `url`. When it does not: throws under CI (`CI` set), so the
 * Postgres tests fail loudly instead of silently passing; elsewhere warns and returns false, so
 * the caller can skip them.
 */
export async function postgresAvailable(url: string = TEST_DATABASE_URL): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch (error) {
    const message =
      `Postgres is not reachable at ${urlWithoutPassword(url)} (${(error as Error).message}). ` +
      "Start it with `bash scripts/services.sh` from the repository root, or set TEST_DATABASE_URL.";
    if (process.env.CI)
      throw new Error(`${message} CI is set, so the Postgres tests fail rather than skip.`);
    process.emitWarning(`${message} Skipping the Postgres tests.`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
