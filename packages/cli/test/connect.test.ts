import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { createPgliteConnectionStore, createSecretBox } from "@terapi/connection";
import { type RunningEmulator, startEmulator } from "@terapi/helpscout-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncReport } from "../src/summary.js";
import { leakedSecrets, runCli, tempDataDir } from "./fixtures/run-cli.js";

const key = randomBytes(32).toString("base64");
let running: RunningEmulator;
beforeAll(async () => {
  running = await startEmulator({ seed: 3 });
});
afterAll(() => running.close());

/** The stored Mailbox connection `id` of a data dir, read with the key. */
async function storedConnection(dataDir: string, id: string) {
  const store = createPgliteConnectionStore({
    dataDir: join(dataDir, "connections"),
    secretBox: createSecretBox(key),
  });
  try {
    return await store.get({ providerConfigKey: "helpscout-mailbox", connectionId: id });
  } finally {
    await store.close();
  }
}

describe("helpscout connect", () => {
  it("completes the authorization-code flow against an emulator it starts, unattended", async () => {
    const data = tempDataDir();
    try {
      const run = await runCli(["connect", "--data-dir", data.dir], { TERAPI_ENCRYPTION_KEY: key });

      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toMatch(
        /Open this URL to authorize:\n {2}http:\/\/127\.0\.0\.1:\d+\/authentication\/authorizeClientApplication\?client_id=acme-app&state=[\w-]+&redirect_uri=/,
      );
      expect(run.stdout).toMatch(
        /^Connected "acme" as \S.* <\S+@\S+> \(stored: .*connections\)\.\n$/,
      );
      const connection = await storedConnection(data.dir, "acme");
      expect(connection?.credentials).toMatchObject({
        type: "OAUTH2",
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
      });
      const credentials = connection?.credentials as { accessToken: string; refreshToken: string };
      const secrets = [credentials.accessToken, credentials.refreshToken, "acme-secret", key];
      expect(leakedSecrets(run.stdout + run.stderr, secrets)).toEqual([]);
    } finally {
      data.remove();
    }
  });

  it("stores a connection that `sync` then uses through HELPSCOUT_CONNECTION_ID", async () => {
    const data = tempDataDir();
    const env = { TERAPI_ENCRYPTION_KEY: key, HELPSCOUT_EMULATOR_URL: running.url };
    try {
      const connect = await runCli(
        ["connect", "--connection", "customer-7", "--data-dir", data.dir],
        env,
      );
      expect(connect.code, connect.stderr).toBe(0);
      expect(connect.stderr).toContain(
        `Sync it with: HELPSCOUT_EMULATOR_URL=${running.url} HELPSCOUT_CONNECTION_ID=customer-7 helpscout sync`,
      );

      const sync = await runCli(
        ["sync", "mailbox", "--models", "users,tags", "--json", "--data-dir", data.dir],
        { ...env, HELPSCOUT_CONNECTION_ID: "customer-7" },
      );

      expect(sync.code, sync.stderr).toBe(0);
      const report = JSON.parse(sync.stdout) as SyncReport;
      expect(report).toMatchObject({ connectionId: "customer-7", source: "connection" });
      expect(report.models.map((row) => [row.model, row.inserted])).toEqual([
        ["users", 8],
        ["tags", running.emulator.account().mailbox.tags.size],
      ]);
      const tokens = [
        ...running.emulator.tokens.access.keys(),
        ...running.emulator.tokens.refresh.keys(),
      ];
      expect(tokens.length).toBeGreaterThan(0);
      const output = connect.stdout + connect.stderr + sync.stdout + sync.stderr;
      expect(leakedSecrets(output, [...tokens, "acme-secret", key])).toEqual([]);
    } finally {
      data.remove();
    }
  });

  it("keeps the emulator connection in memory, and says so, without TERAPI_ENCRYPTION_KEY", async () => {
    const data = tempDataDir();
    try {
      const run = await runCli(["connect", "--data-dir", data.dir], {
        HELPSCOUT_EMULATOR_URL: running.url,
      });

      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain("TERAPI_ENCRYPTION_KEY is not set");
      expect(run.stdout).toContain("(stored: memory only)");
    } finally {
      data.remove();
    }
  });

  it("fails with exit 1 and how to fix it for a connection that was never stored", async () => {
    const data = tempDataDir();
    try {
      const run = await runCli(["sync", "--data-dir", data.dir], {
        TERAPI_ENCRYPTION_KEY: key,
        HELPSCOUT_CONNECTION_ID: "nobody",
      });

      expect(run.code).toBe(1);
      expect(run.stderr).toContain('no stored connection "nobody"');
      expect(run.stderr).toContain("helpscout connect --connection nobody");
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.stdout).toBe("");
    } finally {
      data.remove();
    }
  });
});
