/**
 * Refresh storm: 500 concurrent Mailbox calls on one stored OAuth connection whose token is at
 * expiry cause exactly one refresh grant at the emulator's token endpoint, and all 500 succeed —
 * in one process, and in 4 processes × 125 calls sharing a Postgres connection store.
 */

import { createPostgresConnectionStore, createSecretBox, type Terapi } from "@terapi/connection";
import type { RunningEmulator } from "@terapi/helpscout-emulator";
import { postgresAvailable } from "@terapi/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Canaries, createCanaries } from "../src/canaries.js";
import { type CanaryDatabase, createCanaryDatabase } from "../src/canary-database.js";
import { issuedTokens, startCanaryEmulator } from "../src/canary-emulator.js";
import {
  connectThroughConsent,
  countingTokenFetch,
  emulatorTerapi,
} from "../src/emulator-terapi.js";
import { guardAgainstLeaks } from "../src/leak-guard.js";
import { mailboxStorm, type StormResult } from "../src/mailbox-storm.js";
import { startNode } from "../src/node-process.js";
import { report } from "../src/report.js";
import { transcript } from "../src/transcript.js";

const SCOPE = "refresh storm";
const CALLS = 500;
const PROCESSES = 4;
/** Help Scout's access tokens live 48 hours; moving the emulator's clock by that expires one. */
const TOKEN_LIFETIME_MS = 172_800_000;

const postgres = await postgresAvailable();
const canaries: Canaries = createCanaries();
let running: RunningEmulator | undefined;
let database: CanaryDatabase | undefined;
let terapi: Terapi;
let schema = "";
const counter = countingTokenFetch();
let closeStore: () => Promise<void> = async () => {};

guardAgainstLeaks(SCOPE, () => ({
  ...canaries,
  ...(running ? issuedTokens(running.emulator) : {}),
}));

beforeAll(async () => {
  if (!postgres) return;
  running = await startCanaryEmulator(canaries, { seed: 3, rateLimits: { enabled: false } });
  database = await createCanaryDatabase(canaries.databasePassword);
  if (!database.canaryRole)
    report(SCOPE, "no CREATEROLE privilege: the database password is not a canary");
  schema = database.schema("storm");
  const store = createPostgresConnectionStore({
    connectionString: database.url,
    schema,
    secretBox: createSecretBox(canaries.encryptionKey),
  });
  closeStore = async () => store.close?.();
  const { emulator, url } = running;
  terapi = emulatorTerapi({
    url,
    store,
    clientId: canaries.appId,
    clientSecret: canaries.appSecret,
    now: () => emulator.clock.now(),
    fetch: counter.fetch,
  });
  await connectThroughConsent(terapi, "storm");
});

afterAll(async () => {
  await closeStore();
  await running?.close();
  await database?.drop();
});

/** Access tokens the emulator issued so far: each grant (code, refresh) issues exactly one. */
const issued = () => running?.emulator.tokens.access.size ?? 0;

function expectAllSucceeded(result: StormResult): void {
  for (const error of result.errors) transcript.addError(SCOPE, error);
  expect(result.failures).toEqual({});
  expect(result.ok).toBe(result.calls);
}

describe.skipIf(!postgres)("a refresh storm on a Postgres connection store", () => {
  it(`${CALLS} concurrent calls at expiry (emulator clock) → 1 refresh grant, all succeed`, async () => {
    const emulator = running!.emulator;
    const before = { grants: counter.refreshGrants(), issued: issued() };
    emulator.clock.advance(TOKEN_LIFETIME_MS);
    const started = performance.now();
    const result = await mailboxStorm({
      terapi,
      connectionId: "storm",
      url: running!.url,
      calls: CALLS,
    });
    const ms = Math.round(performance.now() - started);
    const grants = counter.refreshGrants() - before.grants;
    report(
      SCOPE,
      `in-process, expired by the clock: ${result.ok}/${CALLS} ok in ${ms} ms, ${grants} refresh grant(s) sent, ${issued() - before.issued} token(s) issued, ${result.tokens.length} distinct token(s) on the wire, ${result.unauthorized} 401s`,
    );
    expectAllSucceeded(result);
    expect(grants).toBe(1);
    expect(issued() - before.issued).toBe(1);
    expect(result.tokens).toHaveLength(1);
    // Refreshed before use: no call was sent with the expired token.
    expect(result.unauthorized).toBe(0);
  });

  it(`${CALLS} concurrent calls after the emulator expired the token (401s) → 1 refresh grant`, async () => {
    const before = { grants: counter.refreshGrants(), issued: issued() };
    const expired = await fetch(`${running!.url}/_emulator/tokens/expire`, { method: "POST" });
    expect(expired.ok).toBe(true);
    const result = await mailboxStorm({
      terapi,
      connectionId: "storm",
      url: running!.url,
      calls: CALLS,
    });
    const grants = counter.refreshGrants() - before.grants;
    report(
      SCOPE,
      `in-process, expired at the server: ${result.ok}/${CALLS} ok, ${result.unauthorized} 401s answered by ${grants} refresh grant(s), ${issued() - before.issued} token(s) issued`,
    );
    expectAllSucceeded(result);
    expect(result.unauthorized).toBeGreaterThan(0);
    expect(grants).toBe(1);
    expect(issued() - before.issued).toBe(1);
  });

  it(`${PROCESSES} processes × ${CALLS / PROCESSES} calls at expiry → still 1 refresh grant`, async () => {
    const { url, emulator } = running!;
    const before = issued();
    emulator.clock.advance(TOKEN_LIFETIME_MS);
    const workers = Array.from({ length: PROCESSES }, (_, index) =>
      startNode("test/processes/storm-worker.ts", {
        label: `storm worker ${index + 1}`,
        transcript,
        env: {
          STORM_URL: url,
          STORM_DB_URL: database!.url,
          STORM_SCHEMA: schema,
          STORM_APP_ID: canaries.appId,
          STORM_APP_SECRET: canaries.appSecret,
          STORM_CALLS: String(CALLS / PROCESSES),
          TERAPI_ENCRYPTION_KEY: canaries.encryptionKey,
        },
      }),
    );
    await Promise.all(workers.map((worker) => worker.waitFor("ready\n")));
    const started = performance.now();
    for (const worker of workers) worker.child.stdin?.write("go\n");
    const exits = await Promise.all(workers.map((worker) => worker.exited));
    const ms = Math.round(performance.now() - started);
    expect(exits.map((exit) => exit.code)).toEqual(workers.map(() => 0));
    const results = workers.map(
      (worker) =>
        JSON.parse(worker.stdout().trim().split("\n").at(-1) ?? "{}") as Omit<
          StormResult,
          "errors"
        > & { refreshGrants: number },
    );
    const grants = results.reduce((sum, result) => sum + result.refreshGrants, 0);
    const tokens = new Set(results.flatMap((result) => result.tokens));
    report(
      SCOPE,
      `${PROCESSES} processes: ${results.map((r) => `${r.ok}/${r.calls} ok, ${r.refreshGrants} grant(s)`).join("; ")} in ${ms} ms; ${grants} refresh grant(s) in all, ${issued() - before} token(s) issued, ${tokens.size} distinct token(s) on the wire`,
    );
    for (const result of results) {
      expect(result.failures).toEqual({});
      expect(result.ok).toBe(CALLS / PROCESSES);
    }
    expect(grants).toBe(1);
    expect(issued() - before).toBe(1);
    expect(tokens.size).toBe(1);
  });
});
