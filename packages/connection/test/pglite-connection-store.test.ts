import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createPgliteConnectionStore, createSecretBox } from "../src/index.js";
import { describeStoreContract, oauthConnection } from "./store-contract.js";

// Opening a PGlite (WebAssembly start, initdb for a new directory) takes 1-2 s alone and several
// seconds when test files run in parallel on a busy machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

const root = mkdtempSync(join(tmpdir(), "terapi-pglite-"));
let dirs = 0;
const freshDir = () => join(root, `db-${dirs++}`);
const secretBox = createSecretBox(randomBytes(32));

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describeStoreContract("PGlite store", {
  create: async () => {
    const store = createPgliteConnectionStore({ dataDir: freshDir(), secretBox });
    await store.migrate(); // open the database in the hook, not in the test
    return store;
  },
});

describe("createPgliteConnectionStore", () => {
  it("persists in its data directory: a new store on the same directory sees the data", async () => {
    const dataDir = freshDir();
    const acme = oauthConnection("acme");
    const first = createPgliteConnectionStore({ dataDir, secretBox });
    await first.put(acme);
    await first.putState("s1", {
      providerConfigKey: "helpscout-mailbox",
      connectionId: "acme",
      expiresAt: Date.now() + 60_000,
    });
    await first.close();

    const second = createPgliteConnectionStore({ dataDir, secretBox });
    expect(await second.get(acme)).toEqual(acme);
    expect(await second.takeState("s1")).toMatchObject({ connectionId: "acme" });
    await second.close();
  });

  it("writes no plaintext token: not in the table, not anywhere in the data directory", async () => {
    const dataDir = freshDir();
    const accessToken = `plaintext-access-${randomBytes(8).toString("hex")}`;
    // A positive control: metadata is stored as is, so the scan below must find it.
    const marker = `plain-metadata-${randomBytes(8).toString("hex")}`;
    const acme = { ...oauthConnection("acme", accessToken), metadata: { marker } };
    const db = new PGlite(dataDir);
    const store = createPgliteConnectionStore({ db, secretBox });
    await store.put(acme);
    await store.put({ ...acme, updatedAt: "2026-01-02T00:00:00.000Z" });

    const { rows } = await db.query<{ row: string; credentials: string }>(
      "SELECT row_to_json(c)::text AS row, credentials FROM terapi_connections c",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.credentials).toMatch(/^v1\./);
    expect(rows[0]!.row).not.toContain(accessToken);
    expect(rows[0]!.row).not.toContain("rt-acme");

    await store.close(); // a database it was given stays open…
    expect(db.closed).toBe(false);
    await db.close(); // …and closing it flushes everything to disk.
    const contents = filesUnder(dataDir).map((file) => readFileSync(file));
    expect(contents.some((bytes) => bytes.includes(marker))).toBe(true);
    expect(contents.filter((bytes) => bytes.includes(accessToken))).toHaveLength(0);
  });

  it("fails at construction, before creating anything, when TERAPI_ENCRYPTION_KEY is missing", () => {
    vi.stubEnv("TERAPI_ENCRYPTION_KEY", "");
    try {
      const dataDir = freshDir();
      expect(() => createPgliteConnectionStore({ dataDir })).toThrow(
        expect.objectContaining({ code: "encryption_key_missing" }),
      );
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("uses TERAPI_ENCRYPTION_KEY by default", async () => {
    vi.stubEnv("TERAPI_ENCRYPTION_KEY", randomBytes(32).toString("base64"));
    try {
      const store = createPgliteConnectionStore({ dataDir: "memory://" });
      await store.put(oauthConnection("acme"));
      expect(await store.get(oauthConnection("acme"))).toEqual(oauthConnection("acme"));
      await store.close();
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
