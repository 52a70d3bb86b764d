/**
 * Secrets: every other file of the suite scans everything it captured for its canaries (see
 * src/leak-guard.ts). This file proves the scanner finds a secret in every form it looks for,
 * then provokes the failures most likely to echo a secret — refused credentials in every package,
 * the CLI's sync, records and proxy commands with canaries in their environment and on their
 * command line — and lets the same guard scan all of it. Last, the turbo test logs of the other
 * packages are searched for the emulator's well-known test credentials.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  clientCredentialsTokenSource,
  createPostgresConnectionStore,
  createSecretBox,
  MemoryConnectionStore,
  remoteTokenSource,
} from "@terapi/connection";
import { isHelpScoutError } from "@terapi/helpscout-auth";
import { createDocsClient } from "@terapi/helpscout-docs";
import type { RunningEmulator } from "@terapi/helpscout-emulator";
import { createMailboxClient } from "@terapi/helpscout-mailbox";
import { createPgliteRecordStore, runSync } from "@terapi/helpscout-sync";
import { createWebhookHandler } from "@terapi/helpscout-webhooks";
import { TEST_DATABASE_URL } from "@terapi/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Canaries, createCanaries } from "../src/canaries.js";
import {
  clientCredentialsToken,
  issuedTokens,
  startCanaryEmulator,
} from "../src/canary-emulator.js";
import { connectThroughConsent, emulatorTerapi } from "../src/emulator-terapi.js";
import { guardAgainstLeaks } from "../src/leak-guard.js";
import { findLeaks, secretForms } from "../src/leak-scan.js";
import { PACKAGE_DIR, startNode } from "../src/node-process.js";
import { report } from "../src/report.js";
import { transcript } from "../src/transcript.js";

const SCOPE = "secrets";
const canaries: Canaries = createCanaries();
let running: RunningEmulator | undefined;
let dataDir = "";
const CLI = join(
  createRequire(import.meta.url).resolve("@terapi/helpscout-cli/package.json"),
  "..",
  "dist/bin/helpscout.js",
);

guardAgainstLeaks(SCOPE, () => ({
  ...canaries,
  ...(running ? issuedTokens(running.emulator) : {}),
}));

beforeAll(async () => {
  running = await startCanaryEmulator(canaries, {
    seed: 26,
    size: { conversations: 60, customers: 20, articles: 15 },
    rateLimits: { enabled: false },
  });
  dataDir = mkdtempSync(join(tmpdir(), "reliability-secrets-"));
});

afterAll(async () => {
  await running?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Runs `promise`, which must fail, and records its error in every serialisation. */
async function failure(label: string, promise: Promise<unknown>): Promise<unknown> {
  const error = await promise.then(
    () => new Error(`${label}: expected a failure`),
    (caught: unknown) => caught,
  );
  transcript.addError(`${SCOPE} ${label}`, error);
  return error;
}

/** Runs the `helpscout` command line with `env` added; resolves with its exit code and output. */
async function cli(label: string, args: string[], env: Record<string, string>) {
  const child = startNode(CLI, { label: `helpscout ${label}`, transcript, args, env });
  const { code } = await child.exited;
  return { code, stdout: child.stdout() };
}

describe("the leak scanner", () => {
  it("finds a secret plain, URL- and form-encoded, and in base64 at any alignment", () => {
    const secret = canaries.docsApiKey;
    const named = { docsApiKey: secret };
    const basic = (prefix: string) => Buffer.from(`${prefix}${secret}:X`).toString("base64");
    const found = (text: string) => findLeaks(`Authorization: ${text}`, named).map((l) => l.form);
    expect(found(secret)).toContain("plain");
    expect(found(encodeURIComponent(secret))).toContain("url-encoded");
    // (For this secret the two encodings coincide: either name may be reported.)
    expect(found(new URLSearchParams({ key: secret }).toString())).toEqual(
      expect.arrayContaining([expect.stringMatching(/^(url|form)-encoded$/)]),
    );
    for (const prefix of ["", "a", "ab"])
      expect(found(`Basic ${basic(prefix)}`)).toContain("base64");
    expect(
      found(Buffer.from(`x${secret}`).toString("base64url")).some((form) =>
        form.startsWith("base64"),
      ),
    ).toBe(true);
    // …and nothing where the secret is not.
    expect(findLeaks(`a ${secret.slice(0, 10)} b ${secret.slice(10)}`, named)).toEqual([]);
    expect(secretForms(secret).map((form) => form.form)).toEqual(
      expect.arrayContaining(["plain", "url-encoded", "base64"]),
    );
  });
});

describe("errors that handle secrets", () => {
  it("refused or broken credentials fail with typed errors in every package", async () => {
    const { url, emulator } = running!;
    const errors: unknown[] = [];
    // Mailbox: a token the emulator issued, then revoked.
    const token = await clientCredentialsToken(url, canaries);
    await fetch(`${url}/_emulator/tokens/revoke`, {
      method: "POST",
      body: JSON.stringify({ token }),
    });
    errors.push(
      await failure(
        "mailbox revoked token",
        createMailboxClient({ accessToken: token, baseUrl: url, throttle: false }).GET(
          "/v2/users/me",
        ),
      ),
    );
    // Docs: a key that starts with the canary key but is not it.
    errors.push(
      await failure(
        "docs wrong key",
        createDocsClient({
          apiKey: `${canaries.docsApiKey}-wrong`,
          baseUrl: url,
          throttle: false,
        }).GET("/v1/sites"),
      ),
    );
    // Connection: client credentials with a secret that extends the canary secret.
    const wrongApp = clientCredentialsTokenSource({
      clientId: canaries.appId,
      clientSecret: `${canaries.appSecret}-wrong`,
      tokenUrl: `${url}/v2/oauth2/token`,
    });
    errors.push(await failure("client credentials refused", wrongApp.getToken()));
    // Connection: a refresh token the emulator revoked → needs_reauthorization.
    const terapi = emulatorTerapi({
      url,
      store: new MemoryConnectionStore(),
      clientId: canaries.appId,
      clientSecret: canaries.appSecret,
      now: () => emulator.clock.now(),
      fetch: globalThis.fetch,
    });
    await connectThroughConsent(terapi, "revoked");
    await fetch(`${url}/_emulator/tokens/revoke`, { method: "POST" });
    emulator.clock.advance(172_800_000);
    errors.push(
      await failure("refresh refused", terapi.getConnection("helpscout-mailbox", "revoked")),
    );
    // Connection: a remote terapi server that refuses the secret key.
    const remote = remoteTokenSource({
      baseUrl: `${url}/_emulator/no-such-terapi`,
      secretKey: canaries.proxyKey,
      providerConfigKey: "helpscout-mailbox",
      connectionId: "acme",
    });
    errors.push(await failure("remote token source", remote.getToken()));
    // Secret box: a key that is the canary key plus garbage, so not a key at all.
    errors.push(
      await failure(
        "secret box bad key",
        Promise.resolve().then(() => createSecretBox(`${canaries.encryptionKey}!!`)),
      ),
    );
    // Postgres: the canary password for a role that does not exist.
    const url2 = new URL(TEST_DATABASE_URL);
    url2.username = "no_such_role";
    url2.password = canaries.databasePassword;
    const store = createPostgresConnectionStore({
      connectionString: url2.toString(),
      secretBox: createSecretBox(canaries.encryptionKey),
    });
    errors.push(await failure("postgres wrong password", store.list()));
    await store.close?.();
    // Webhooks: a secret over Help Scout's 40 characters that contains the canary secret.
    errors.push(
      await failure(
        "webhook secret too long",
        Promise.resolve().then(() =>
          createWebhookHandler({ secret: `${canaries.webhookSecret}${"x".repeat(40)}` }),
        ),
      ),
    );
    // Sync: a run whose token was revoked (every model fails).
    const revoked = await clientCredentialsToken(url, canaries);
    await fetch(`${url}/_emulator/tokens/revoke`, {
      method: "POST",
      body: JSON.stringify({ token: revoked }),
    });
    const records = createPgliteRecordStore({ dataDir: "memory://" });
    errors.push(
      await failure(
        "sync with revoked token",
        runSync({
          store: records,
          connectionId: "acme",
          mailbox: createMailboxClient({ accessToken: revoked, baseUrl: url, throttle: false }),
          docs: createDocsClient({
            apiKey: `${canaries.docsApiKey}-wrong`,
            baseUrl: url,
            throttle: false,
          }),
        }),
      ),
    );
    await records.close();

    const codes = errors.map((error) => (error as { code?: string }).code ?? String(error));
    report(SCOPE, `${errors.length} provoked failures: ${codes.join(", ")}`);
    expect(codes.slice(0, 6)).toEqual([
      "unauthorized",
      "unauthorized",
      "unauthorized",
      "needs_reauthorization",
      "connection_not_found",
      "configuration_error",
    ]);
    // errors[6] is pg's own DatabaseError (28P01): the stores pass driver errors through.
    expect(isHelpScoutError(errors[7])).toBe(true);
    expect(codes[8]).toBe("sync_failed");
  });
});

describe("the helpscout command line", () => {
  const env = () => ({
    HELPSCOUT_EMULATOR_URL: running!.url,
    HELPSCOUT_APP_ID: canaries.appId,
    HELPSCOUT_APP_SECRET: canaries.appSecret,
    HELPSCOUT_DOCS_API_KEY: canaries.docsApiKey,
    TERAPI_ENCRYPTION_KEY: canaries.encryptionKey,
  });

  it("sync and records with canary credentials succeed; failing runs say why without them", async () => {
    const synced = await cli("sync", ["sync", "all", "--json", "--data-dir", dataDir], env());
    expect(synced.code).toBe(0);
    const listed = await cli(
      "records",
      ["records", "conversations", "--data-dir", dataDir, "--connection", "acme"],
      env(),
    );
    expect(listed.code).toBe(0);
    const wrongSecret = await cli(
      "sync (refused secret)",
      ["sync", "mailbox", "--data-dir", dataDir],
      {
        ...env(),
        HELPSCOUT_APP_SECRET: `${canaries.appSecret}-wrong`,
      },
    );
    expect(wrongSecret.code).toBe(1);
    const db = new URL(TEST_DATABASE_URL);
    db.username = "nobody";
    db.password = canaries.databasePassword;
    db.port = "1";
    const badDb = await cli(
      "sync (unreachable --db)",
      ["sync", "mailbox", "--db", db.toString()],
      env(),
    );
    expect(badDb.code).toBe(1);
    report(
      SCOPE,
      `helpscout sync/records exit codes: ok ${synced.code}, ${listed.code}; refused secret ${wrongSecret.code}; unreachable --db ${badDb.code}`,
    );
  });

  it("the proxy with a canary key answers callers without echoing the key or credentials", async () => {
    const proxy = startNode(CLI, {
      label: "helpscout proxy",
      transcript,
      args: ["proxy", "--port", "0", "--data-dir", dataDir],
      env: { ...env(), HELPSCOUT_PROXY_KEY: canaries.proxyKey },
    });
    try {
      await proxy.waitFor("Press Ctrl-C");
      const base = /listening on (\S+)/.exec(proxy.stdout())?.[1] ?? "";
      const call = async (path: string, key: string) => {
        const response = await fetch(`${base}${path}`, {
          headers: { authorization: `Bearer ${key}`, "connection-id": "default" },
        });
        transcript.add(`${SCOPE} proxy answer ${response.status}`, await response.text());
        return response.status;
      };
      const statuses = [
        await call("/mailbox/v2/users/me", canaries.proxyKey),
        await call("/docs/v1/sites", canaries.proxyKey),
        await call("/mailbox/v2/users/me", `${canaries.proxyKey}-wrong`),
        await call("/mailbox/v2/conversations/1", canaries.proxyKey),
      ];
      report(SCOPE, `proxy statuses: ${statuses.join(", ")}`);
      expect(statuses.slice(0, 3)).toEqual([200, 200, 401]);
      expect(statuses[3]).toBe(404);
    } finally {
      proxy.child.kill("SIGINT");
      await proxy.exited;
    }
  });
});

describe("the other packages' turbo test logs", () => {
  /**
   * The emulator's well-known credentials are public fixtures, not secrets — but the packages'
   * tests hand them to the code AS secrets, so one appearing in a test log means some code path
   * printed a secret it was given. Token shapes (40 hex characters after `Bearer` or a token
   * field) are looked for too. Logs exist only where `pnpm test` (turbo) ran; a run's logs may be
   * those of the previous run, since this task does not wait for the others.
   */
  it("hold none of the emulator's test credentials", () => {
    const root = join(PACKAGE_DIR, "..");
    const logs = readdirSync(root)
      .map((name) => join(root, name, ".turbo", "turbo-test.log"))
      .filter((path) => existsSync(path));
    if (logs.length === 0) {
      report(
        SCOPE,
        "no packages/*/.turbo/turbo-test.log (turbo has not run the tests here): skipped",
      );
      return;
    }
    const patterns = [
      /\bacme-secret\b/,
      /\bacme-docs-key\b/,
      /Bearer [0-9a-f]{40}\b/,
      /(access|refresh)_token["'=: ]+[0-9a-f]{40}\b/,
    ];
    const hits = logs.flatMap((path) => {
      const text = readFileSync(path, "utf8");
      return patterns
        .filter((pattern) => pattern.test(text))
        .map((pattern) => `${path}: ${pattern}`);
    });
    report(
      SCOPE,
      `scanned ${logs.length} turbo test logs for ${patterns.length} patterns: ${hits.length} hits`,
    );
    expect(hits).toEqual([]);
  });
});
