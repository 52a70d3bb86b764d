import { randomBytes } from "node:crypto";
import { type RunningEmulator, startEmulator } from "@terapi/helpscout-emulator";
import { postgresAvailable, TEST_DATABASE_URL } from "@terapi/test-support";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncReport } from "../src/summary.js";
import { runCli } from "./fixtures/run-cli.js";

const available = await postgresAvailable();
// Each run gets its own schema, chosen through the URL's search_path.
const schema = `helpscout_cli_${randomBytes(4).toString("hex")}`;
const databaseUrl = (() => {
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
})();
let running: RunningEmulator;

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe.skipIf(!available)("helpscout sync --db <postgres-url>", () => {
  beforeAll(async () => {
    await admin(`CREATE SCHEMA ${schema}`);
    running = await startEmulator({ seed: 5 });
  });
  afterAll(async () => {
    await running?.close();
    await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

  it("syncs into Postgres and reads the records back from it", async () => {
    const env = { HELPSCOUT_EMULATOR_URL: running.url };
    const sync = await runCli(
      ["sync", "mailbox", "--models", "mailboxes,tags", "--json", "--db", databaseUrl],
      env,
    );

    expect(sync.code, sync.stderr).toBe(0);
    const report = JSON.parse(sync.stdout) as SyncReport;
    expect(report.store).toBe("postgres");
    const tags = running.emulator.account().mailbox.tags.size;
    expect(report.models.map((row) => [row.model, row.inserted])).toEqual([
      ["mailboxes", running.emulator.account().mailbox.mailboxes.size],
      ["tags", tags],
    ]);

    const records = await runCli(["records", "tags", "--json", "--db", databaseUrl], env);
    expect(records.code, records.stderr).toBe(0);
    const page = JSON.parse(records.stdout) as { records: { payload: { name?: string } }[] };
    expect(page.records).toHaveLength(tags);
    expect(page.records.every((record) => typeof record.payload.name === "string")).toBe(true);
  });

  it("fails with exit 1 and no password when the database refuses the login", async () => {
    const url = new URL(TEST_DATABASE_URL);
    url.password = "not-the-password-4c1d";
    const run = await runCli(["records", "tags", "--db", url.toString()]);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^helpscout: /);
    expect(run.stderr).not.toContain("not-the-password-4c1d");
  });
});
