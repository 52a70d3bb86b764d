import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { createPgliteConnectionStore, createSecretBox } from "@terapi/connection";
import { type RunningEmulator, startEmulator } from "@terapi/helpscout-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliRun, leakedSecrets, runCli, tempDataDir } from "./fixtures/run-cli.js";

const KEY = "cli-proxy-key-0123456789";
let running: RunningEmulator;
beforeAll(async () => {
  running = await startEmulator({ seed: 4 });
});
afterAll(() => running.close());

/** An access token of the emulator's acme app (client credentials). */
async function emulatorToken(): Promise<string> {
  const answer = await fetch(`${running.url}/v2/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      grant_type: "client_credentials",
      client_id: "acme-app",
      client_secret: "acme-secret",
    }),
  });
  return ((await answer.json()) as { access_token: string }).access_token;
}

/**
 * Runs `helpscout proxy --port 0 …` until `use` is done with its URL, then stops it as Ctrl-C
 * would, and returns what it printed and its exit code.
 */
async function withProxy(
  args: string[],
  env: Record<string, string>,
  use: (url: string) => Promise<void>,
): Promise<CliRun> {
  const controller = new AbortController();
  let url: (value: string) => void = () => {};
  const listening = new Promise<string>((resolve) => {
    url = resolve;
  });
  let printed = "";
  const run = runCli(["proxy", "--port", "0", ...args], env, {
    signal: controller.signal,
    onStdout: (text) => {
      printed += text;
      const found = /listening on (http:\/\/\S+)/.exec(printed);
      if (found?.[1]) url(found[1]);
    },
  });
  const first = await Promise.race([listening, run]);
  if (typeof first !== "string") return first;
  try {
    await use(first);
  } finally {
    controller.abort();
  }
  return run;
}

describe("helpscout proxy", () => {
  it("serves the emulator's acme account out of the box, and says so", async () => {
    const data = tempDataDir();
    try {
      let status = 0;
      let email: unknown;
      const run = await withProxy(["--data-dir", data.dir], {}, async (url) => {
        const me = await fetch(`${url}/mailbox/v2/users/me`, {
          headers: { "connection-id": "acme" },
        });
        status = me.status;
        email = ((await me.json()) as { email?: unknown }).email;
      });
      expect(run.code, run.stderr).toBe(0);
      expect([status, typeof email]).toEqual([200, "string"]);
      expect(run.stderr).toMatch(
        /No Help Scout credentials .*: started a local emulator at http:\/\/127\.0\.0\.1:\d+ and serving its "acme" account as Connection-Id: acme\./,
      );
      expect(run.stderr).toContain("No proxy key: any program on this machine can call the proxy");
      expect(run.stdout).toMatch(/^Help Scout proxy listening on http:\/\/127\.0\.0\.1:\d+\n/);
      expect(run.stdout).toMatch(
        /\n {2}acme {2,}the emulator's account at http:\/\/127\.0\.0\.1:\d+ \(Mailbox, Docs\)\n/,
      );
      expect(run.stdout).toContain('curl -H "Connection-Id: acme" http://127.0.0.1:');
      expect(run.stderr).toMatch(/GET \/mailbox\/v2\/users\/me acme → 200 \(\d+ ms\)/);
      expect(run.stderr).toMatch(/Proxy stopped\.\n$/);
      expect(leakedSecrets(run.stdout + run.stderr, ["acme-secret", "acme-docs-key"])).toEqual([]);
    } finally {
      data.remove();
    }
  });

  it("refuses to serve real credentials without a key", async () => {
    const run = await runCli(["proxy", "--port", "0"], {
      HELPSCOUT_DOCS_API_KEY: "real-docs-key-123456",
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("set HELPSCOUT_PROXY_KEY (or --key)");
    expect(run.stdout).toBe("");
    expect(leakedSecrets(run.stderr, ["real-docs-key-123456"])).toEqual([]);

    const short = await runCli(["proxy", "--port", "0", "--key", "short"], {});
    expect(short.code).toBe(2);
    expect(short.stderr).toContain("at least 16 characters");
  });

  it("serves environment credentials as `default` to callers with the key, and leaks nothing", async () => {
    const env = {
      HELPSCOUT_EMULATOR_URL: running.url,
      HELPSCOUT_APP_ID: "acme-app",
      HELPSCOUT_APP_SECRET: "acme-secret",
      HELPSCOUT_DOCS_API_KEY: "acme-docs-key",
      HELPSCOUT_PROXY_KEY: KEY,
    };
    const answers: { status: number; text: string }[] = [];
    const run = await withProxy([], env, async (url) => {
      const calls: [string, Record<string, string>][] = [
        ["/docs/v1/sites", { "connection-id": "default" }],
        ["/docs/v1/sites", { "connection-id": "default", authorization: `Bearer ${KEY}` }],
        ["/mailbox/v2/mailboxes", { "connection-id": "default", authorization: `Bearer ${KEY}` }],
        ["/mailbox/v2/mailboxes", { "connection-id": "acme", authorization: `Bearer ${KEY}` }],
      ];
      for (const [path, headers] of calls) {
        const answer = await fetch(`${url}${path}`, { headers });
        answers.push({ status: answer.status, text: await answer.text() });
      }
    });
    expect(run.code, run.stderr).toBe(0);
    expect(answers.map((a) => a.status)).toEqual([401, 200, 200, 404]);
    expect(run.stdout).toMatch(
      /\n {2}default {2,}credentials from the environment \(Mailbox, Docs\)\n/,
    );
    expect(run.stdout).toContain(
      'curl -H "Authorization: Bearer $HELPSCOUT_PROXY_KEY" -H "Connection-Id: default"',
    );
    const everything = run.stdout + run.stderr + answers.map((a) => a.text).join("");
    expect(leakedSecrets(everything, [KEY, "acme-secret", "acme-docs-key"])).toEqual([]);
  });

  it("serves the connections stored in the data dir under their ids", async () => {
    const data = tempDataDir();
    const encryptionKey = randomBytes(32).toString("base64");
    const env = {
      TERAPI_ENCRYPTION_KEY: encryptionKey,
      HELPSCOUT_EMULATOR_URL: running.url,
      HELPSCOUT_PROXY_KEY: KEY,
    };
    try {
      // As `helpscout connect` leaves them: a Mailbox OAuth connection and a Docs key.
      const accessToken = await emulatorToken();
      const store = createPgliteConnectionStore({
        dataDir: join(data.dir, "connections"),
        secretBox: createSecretBox(encryptionKey),
      });
      const now = new Date().toISOString();
      const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
      await store.put({
        providerConfigKey: "helpscout-mailbox",
        connectionId: "customer-9",
        credentials: { type: "OAUTH2", accessToken, expiresAt },
        createdAt: now,
        updatedAt: now,
      });
      await store.put({
        providerConfigKey: "helpscout-docs",
        connectionId: "customer-9",
        credentials: { type: "API_KEY", apiKey: "acme-docs-key" },
        createdAt: now,
        updatedAt: now,
      });
      await store.close();

      const statuses: number[] = [];
      const run = await withProxy(["--data-dir", data.dir], env, async (url) => {
        const calls: [string, string][] = [
          ["/mailbox/v2/users/me", "customer-9"],
          ["/docs/v1/sites", "customer-9"],
          ["/mailbox/v2/users/me", "customer-10"],
        ];
        for (const [path, id] of calls) {
          const answer = await fetch(`${url}${path}`, {
            headers: { "connection-id": id, authorization: `Bearer ${KEY}` },
          });
          statuses.push(answer.status);
          await answer.arrayBuffer();
        }
      });
      expect(run.code, run.stderr).toBe(0);
      expect(statuses).toEqual([200, 200, 404]);
      expect(run.stdout).toMatch(/\n {2}customer-9 {2}stored connection \(Docs, Mailbox\)\n/);
      const secrets = [KEY, encryptionKey, accessToken, "acme-docs-key"];
      expect(leakedSecrets(run.stdout + run.stderr, secrets)).toEqual([]);
    } finally {
      data.remove();
    }
  });
});
