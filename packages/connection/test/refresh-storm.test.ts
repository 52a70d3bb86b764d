import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { postgresAvailable, TEST_DATABASE_URL } from "@terapi/test-support";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresConnectionStore, createSecretBox } from "../src/index.js";
import { oauthConnection } from "./store-contract.js";

const run = promisify(execFile);
const available = await postgresAvailable(TEST_DATABASE_URL);
const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const schema = `terapi_storm_${process.pid}_${randomBytes(4).toString("hex")}`;
const key = randomBytes(32).toString("base64");

/** A token endpoint on 127.0.0.1 that counts refresh grants and rotates the refresh token. */
let refreshes = 0;
let tokenServer: Server;
let tokenUrl = "";

beforeAll(async () => {
  tokenServer = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on("end", () => {
      const grant = new URLSearchParams(body);
      if (grant.get("grant_type") !== "refresh_token") {
        res.writeHead(400).end();
        return;
      }
      refreshes += 1;
      // Slow enough that every process is waiting while the first one refreshes.
      setTimeout(() => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            token_type: "bearer",
            access_token: `fresh-access-${refreshes}`,
            refresh_token: `rotated-refresh-${refreshes}`,
            expires_in: 172_800,
          }),
        );
      }, 300);
    });
  });
  await new Promise<void>((resolve) => tokenServer.listen(0, "127.0.0.1", resolve));
  const address = tokenServer.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  tokenUrl = `http://127.0.0.1:${address.port}/v2/oauth2/token`;
});

afterAll(async () => {
  tokenServer.close();
  if (!available) return;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
});

describe.skipIf(!available)("refresh storm across processes (Postgres store)", () => {
  it("500 concurrent getConnection() in 4 processes at expiry → exactly one refresh", async () => {
    const store = createPostgresConnectionStore({
      connectionString: TEST_DATABASE_URL,
      schema,
      secretBox: createSecretBox(key),
    });
    const expiring = oauthConnection("acme", "expiring-access");
    if (expiring.credentials.type === "API_KEY") throw new Error("fixture is OAuth");
    expiring.credentials.expiresAt = new Date(Date.now() + 60_000).toISOString();
    await store.put(expiring);

    const workers = [125, 125, 125, 125].map((calls) =>
      run(
        process.execPath,
        [
          "--import",
          "tsx",
          "test/fixtures/refresh-worker.ts",
          TEST_DATABASE_URL,
          schema,
          tokenUrl,
          String(calls),
        ],
        { cwd: packageDir, env: { ...process.env, TERAPI_ENCRYPTION_KEY: key }, timeout: 60_000 },
      ),
    );
    const tokens = (await Promise.all(workers)).map(({ stdout }) => JSON.parse(stdout) as string[]);

    expect(refreshes).toBe(1);
    expect(tokens).toEqual([
      ["fresh-access-1"],
      ["fresh-access-1"],
      ["fresh-access-1"],
      ["fresh-access-1"],
    ]);
    const stored = await store.get({
      providerConfigKey: "helpscout-mailbox",
      connectionId: "acme",
    });
    expect(stored?.credentials).toMatchObject({
      accessToken: "fresh-access-1",
      refreshToken: "rotated-refresh-1",
    });
    await store.close?.();
  }, 90_000);
});
