import { randomBytes } from "node:crypto";
import { postgresAvailable, TEST_DATABASE_URL } from "@terapi/test-support";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { createPostgresRecordStore } from "../src/index.js";
import { describeRecordChangesContract } from "./record-changes-contract.js";

const available = await postgresAvailable(TEST_DATABASE_URL);
// A schema per database, unique to this run, so parallel runs and files never share tables.
const runId = `helpscout_sync_changes_${process.pid}_${randomBytes(4).toString("hex")}`;
let schemas = 0;

let admin: pg.Pool;
beforeAll(() => {
  admin = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 2 });
  admin.on("error", () => {});
});
afterAll(async () => {
  if (available) {
    const { rows } = await admin.query<{ name: string }>(
      "SELECT nspname AS name FROM pg_namespace WHERE starts_with(nspname, $1)",
      [runId],
    );
    for (const { name } of rows) await admin.query(`DROP SCHEMA "${name}" CASCADE`);
  }
  await admin.end();
});

describeRecordChangesContract("Postgres store", {
  skip: !available,
  database: async () => {
    const schema = `${runId}_${schemas++}`;
    return {
      open: () => createPostgresRecordStore({ connectionString: TEST_DATABASE_URL, schema }),
      inspect: async (sql) =>
        (
          await admin.query(
            sql({
              records: `"${schema}".helpscout_records`,
              migrations: `"${schema}".helpscout_sync_migrations`,
            }),
          )
        ).rows as never[],
      dispose: async () => {},
    };
  },
});
