import { randomBytes } from "node:crypto";
import { createPostgresConnectionStore, createSecretBox } from "@terapi/connection";
import { type RunningEmulator, startEmulator } from "@terapi/helpscout-emulator";
import { createPostgresRecordStore, syncModels } from "@terapi/helpscout-sync";
import { createSyncQueue } from "@terapi/helpscout-sync/queue";
import {
  postgresAvailable,
  redisAvailable,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
} from "@terapi/test-support";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectionTerapi } from "../src/credentials.js";
import { leakedSecrets, runCli } from "./fixtures/run-cli.js";

const available = (await postgresAvailable()) && (await redisAvailable());
const schema = `helpscout_worker_${randomBytes(4).toString("hex")}`;
const prefix = `test-worker-${randomBytes(4).toString("hex")}`;
const encryptionKey = randomBytes(32).toString("base64");
// The worker's tables and the connections go into this run's own schema (search_path).
const databaseUrl = (() => {
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
})();

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function until(done: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(!available)("helpscout worker", () => {
  let running: RunningEmulator;
  beforeAll(async () => {
    await admin(`CREATE SCHEMA ${schema}`);
    running = await startEmulator({ seed: 3, size: { conversations: 120, articles: 6 } });
    // Connect acme as an app would: the code flow against the emulator, and the Docs key.
    const store = createPostgresConnectionStore({
      connectionString: databaseUrl,
      secretBox: createSecretBox(encryptionKey),
    });
    const terapi = connectionTerapi(
      store,
      { clientId: "acme-app", clientSecret: "acme-secret" },
      running.url,
    );
    const { url } = await terapi.authorizationUrl("helpscout-mailbox", "acme");
    const consent = await fetch(`${url}&auto=approve`, { redirect: "manual" });
    const callback = new URL(consent.headers.get("location") ?? "");
    await terapi.handleCallback("helpscout-mailbox", {
      code: callback.searchParams.get("code") ?? "",
      state: callback.searchParams.get("state") ?? "",
    });
    await terapi.createApiKeyConnection("helpscout-docs", "acme", "acme-docs-key");
    await store.close();
  });
  afterAll(async () => {
    await running?.close();
    await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it("runs queued sync jobs into Postgres, one line per job, until stopped", async () => {
    const env = { HELPSCOUT_EMULATOR_URL: running.url, TERAPI_ENCRYPTION_KEY: encryptionKey };
    const controller = new AbortController();
    let out = "";
    const worker = runCli(
      [
        "worker",
        ...["--redis", TEST_REDIS_URL, "--db", databaseUrl, "--prefix", prefix],
        ...["--lease-ms", "5000"],
      ],
      env,
      { signal: controller.signal, onStdout: (text) => (out += text) },
    );
    await until(() => out.includes("worker ready"));
    expect(out).toMatch(
      /^worker ready: queue test-worker-\w+:sync on redis:\/\/[^ ]+, .*4 jobs at once, a crashed run locked for 5 s/m,
    );

    const queue = createSyncQueue({ connection: TEST_REDIS_URL, prefix });
    try {
      await queue.enqueue({ connectionId: "acme" });
      await until(() => (out.match(/: done /g) ?? []).length === syncModels.length);
    } finally {
      await queue.close();
    }
    controller.abort();
    const result = await worker;

    expect(result.code, result.stderr).toBe(0);
    for (const model of syncModels) {
      expect(result.stdout).toMatch(
        new RegExp(`^acme ${model.name}: started \\(enqueue, attempt 1/5\\)$`, "m"),
      );
    }
    const conversations = running.emulator.account("acme").mailbox.conversations.size;
    expect(result.stdout).toMatch(
      new RegExp(
        `^acme conversations: done incremental: 3 pages, \\d+ fetched, ${conversations} inserted, 0 updated, 0 deleted, 3 requests, [\\d.]+ s$`,
        "m",
      ),
    );
    expect(result.stdout).toContain(
      `worker stopped: ${syncModels.length} synced, 0 to retry, 0 failed`,
    );
    expect(leakedSecrets(result.stdout + result.stderr, [encryptionKey])).toEqual([]);

    const records = createPostgresRecordStore({ connectionString: databaseUrl });
    try {
      const counts = await records.counts("acme");
      const account = running.emulator.account("acme");
      expect(counts.conversations).toBe(account.mailbox.conversations.size);
      expect(counts.articles).toBe(account.docs.articles.size);
    } finally {
      await records.close();
    }
  });

  it("refuses a missing --redis and a --db that is not a Postgres URL, without echoing it", async () => {
    const missing = await runCli(["worker", "--db", databaseUrl], {});
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^helpscout: --redis is required/);

    const wrong = await runCli(
      ["worker", "--redis", TEST_REDIS_URL, "--db", "mysql://admin:hunter22@db.example/x"],
      {},
    );
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^helpscout: --db must be a postgres:\/\/ URL/);
    expect(wrong.stderr).not.toContain("hunter22");

    const lease = await runCli(
      ["worker", "--redis", TEST_REDIS_URL, "--db", databaseUrl, "--lease-ms", "500"],
      {},
    );
    expect(lease.code).toBe(2);
    expect(lease.stderr).toMatch(/^helpscout: --lease-ms must be/);
  });

  it("says which environment variable is missing before it touches the queue", async () => {
    const result = await runCli(["worker", "--redis", TEST_REDIS_URL, "--db", databaseUrl], {
      HELPSCOUT_EMULATOR_URL: running.url,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/TERAPI_ENCRYPTION_KEY/);
  });
});
