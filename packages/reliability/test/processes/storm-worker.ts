/**
 * One process of the cross-process refresh storm: opens the shared Postgres connection store,
 * prints "ready", waits for "go" on stdin, fires STORM_CALLS concurrent Mailbox calls on the
 * connection, and prints one JSON line with what happened (codes and token fingerprints only).
 *
 * Environment: STORM_URL (emulator), STORM_DB_URL, STORM_SCHEMA, STORM_APP_ID, STORM_APP_SECRET,
 * STORM_CALLS, TERAPI_ENCRYPTION_KEY.
 */
import { createPostgresConnectionStore } from "@terapi/connection";
import {
  countingTokenFetch,
  emulatorTerapi,
  remoteEmulatorClock,
} from "../../src/emulator-terapi.js";
import { mailboxStorm } from "../../src/mailbox-storm.js";

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`storm-worker: ${name} is not set`);
  return value;
};

const url = env("STORM_URL");
const store = createPostgresConnectionStore({
  connectionString: env("STORM_DB_URL"),
  schema: env("STORM_SCHEMA"),
});
const counter = countingTokenFetch();
const terapi = emulatorTerapi({
  url,
  store,
  clientId: env("STORM_APP_ID"),
  clientSecret: env("STORM_APP_SECRET"),
  now: await remoteEmulatorClock(url),
  fetch: counter.fetch,
});
// Open the pool before the signal, so every process starts its calls at the same moment.
await store.list("helpscout-mailbox");
process.stdout.write("ready\n");
await new Promise<void>((resolve) => {
  process.stdin.on("data", (chunk: Buffer) => {
    if (chunk.toString().includes("go")) resolve();
  });
});
const result = await mailboxStorm({
  terapi,
  connectionId: "storm",
  url,
  calls: Number(env("STORM_CALLS")),
});
for (const error of result.errors) process.stderr.write(`${String(error)}\n`);
const { errors: _, ...summary } = result;
process.stdout.write(`${JSON.stringify({ ...summary, refreshGrants: counter.refreshGrants() })}\n`);
await store.close?.();
process.stdin.destroy();
