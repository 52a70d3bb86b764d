import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createSecretBox, SqlConnectionStore, type SqlDriver } from "../src/index.js";
import { oauthConnection } from "./store-contract.js";

// Opening a PGlite (WebAssembly start, initdb for a new directory) takes 1-2 s alone and several
// seconds when test files run in parallel on a busy machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

let db: PGlite;
let schemas = 0;
beforeAll(() => {
  db = new PGlite("memory://");
});
afterAll(async () => {
  await db.close();
});

/** A driver over the shared in-memory PGlite that records its statements. */
function recordingDriver(log: string[] = []): SqlDriver {
  return {
    query: (text, params) => {
      log.push(text);
      return db.query(text, params as unknown[] | undefined);
    },
    withLock: (_name, task) => task(),
    close: async () => {},
  };
}

const box = createSecretBox(randomBytes(32));
const newStore = (
  schema = `sql_test_${schemas++}`,
  options: { driver?: SqlDriver; now?: () => number } = {},
) =>
  new SqlConnectionStore({
    driver: options.driver ?? recordingDriver(),
    secretBox: box,
    schema,
    now: options.now,
  });

describe("SqlConnectionStore", () => {
  it("requires a SecretBox, in the types and at run time", () => {
    const construct = () =>
      // @ts-expect-error a SQL store cannot be built without a SecretBox
      new SqlConnectionStore({ driver: recordingDriver() });
    expect(construct).toThrow(expect.objectContaining({ code: "encryption_key_missing" }));
  });

  it("migrates once, idempotently, and concurrent first calls share the migration", async () => {
    const log: string[] = [];
    const store = newStore("sql_migrate", { driver: recordingDriver(log) });
    await Promise.all([store.list(), store.get(oauthConnection("a")), store.migrate()]);
    expect(log.filter((s) => s.includes("CREATE TABLE IF NOT EXISTS")).length).toBe(3);
    // A second store on the same schema finds version 1 and creates nothing.
    const again: string[] = [];
    await newStore("sql_migrate", { driver: recordingDriver(again) }).migrate();
    expect(again.filter((s) => s.includes("terapi_connections"))).toEqual([]);
    const { rows } = await db.query<{ version: number }>(
      "SELECT version FROM sql_migrate.terapi_schema_migrations",
    );
    expect(rows).toEqual([{ version: 1 }]);
  });

  it("retries a migration that failed", async () => {
    let fail = true;
    const flaky: SqlDriver = {
      ...recordingDriver(),
      query: (text, params) => {
        if (fail) return Promise.reject(new Error("connection refused"));
        return db.query(text, params as unknown[] | undefined);
      },
    };
    const store = newStore(undefined, { driver: flaky });
    await expect(store.list()).rejects.toThrow("connection refused");
    fail = false;
    expect(await store.list()).toEqual([]);
  });

  it("keeps each schema's tables apart and rejects schema names that are not identifiers", async () => {
    const a = newStore();
    await a.put(oauthConnection("acme"));
    expect(await newStore().list()).toEqual([]);
    expect(() => newStore('x"; DROP TABLE y; --')).toThrow(
      expect.objectContaining({ code: "configuration_error" }),
    );
  });

  it("binds sealed credentials to their row: a ciphertext copied to another connection does not open", async () => {
    const store = newStore("sql_swap");
    await store.put(oauthConnection("victim", "victim-token"));
    await store.put(oauthConnection("attacker", "attacker-token"));
    await db.query(
      `UPDATE sql_swap.terapi_connections SET credentials =
         (SELECT credentials FROM sql_swap.terapi_connections WHERE connection_id = 'victim')
       WHERE connection_id = 'attacker'`,
    );
    const error = await store.get(oauthConnection("attacker")).catch((e: Error) => e);
    expect(error).toMatchObject({ code: "configuration_error" });
    expect((error as Error).message).toContain('"attacker"');
    expect((error as Error).message).not.toContain("victim-token");
  });

  it("refuses to read with a different key, naming the connection but not the data", async () => {
    await newStore("sql_wrong_key").put(oauthConnection("acme", "the-token"));
    const other = new SqlConnectionStore({
      driver: recordingDriver(),
      secretBox: createSecretBox(randomBytes(32)),
      schema: "sql_wrong_key",
    });
    const error = await other.list().catch((e: Error) => e);
    expect(error).toMatchObject({ code: "configuration_error" });
    expect((error as Error).message).toMatch(/acme.*TERAPI_ENCRYPTION_KEY/);
    expect((error as Error).message).not.toContain("the-token");
  });

  it("judges state expiry by its own clock and drops expired states on putState", async () => {
    let now = 1_000_000;
    const store = newStore("sql_states", { now: () => now });
    const state = (expiresAt: number) => ({ providerConfigKey: "p", connectionId: "c", expiresAt });
    await store.putState("fresh", state(now + 10));
    await store.putState("stale", state(now + 5));
    now += 7;
    expect(await store.takeState("stale")).toBeUndefined();
    await store.putState("later", state(now + 100));
    now += 2;
    expect(await store.takeState("fresh")).toEqual(state(1_000_010));
    await store.putState("purge", state(now + 100)); // "fresh" was taken; nothing else expired
    now += 200;
    await store.putState("new", state(now + 100));
    const { rows } = await db.query<{ state: string }>(
      "SELECT state FROM sql_states.terapi_oauth_states ORDER BY state",
    );
    expect(rows.map((r) => r.state)).toEqual(["new"]);
  });
});
