import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { killDuringFirstOpen } from "@terapi/test-support";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createPgliteConnectionStore, createSecretBox, openPgliteDataDir } from "../src/index.js";
import { oauthConnection } from "./store-contract.js";

// Each round spawns a process that opens PGlite (seconds on a busy machine), then reopens.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 30_000 });

const PACKAGE_DIR = join(import.meta.dirname, "..");
/** Kill moments, in ms after the worker starts opening: most within initdb (about 0.2–0.9 s in). */
const KILL_AFTER_MS = [150, 300, 500, 700, 1200];

const root = mkdtempSync(join(tmpdir(), "terapi-first-open-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const secretBox = createSecretBox(randomBytes(32));

describe("a PGlite connection store killed during its first open", () => {
  it("leaves a directory the next store opens, migrates and uses", async () => {
    const killedBeforeMigrated = await killDuringFirstOpen({
      cwd: PACKAGE_DIR,
      worker: "test/fixtures/first-open-worker.ts",
      root,
      killAfterMs: KILL_AFTER_MS,
      async reopen(dataDir, round) {
        const store = createPgliteConnectionStore({ dataDir, secretBox });
        try {
          await store.migrate();
          const connection = oauthConnection(`round-${round}`);
          await store.put(connection);
          expect(await store.get(connection)).toEqual(connection);
          const { providerConfigKey, connectionId } = connection;
          const state = { providerConfigKey, connectionId, expiresAt: Date.now() + 60_000 };
          await store.putState("state", state);
          expect(await store.takeState("state")).toEqual(state);
        } finally {
          await store.close();
        }
      },
    });
    // The test proves something only if kills landed before the first open completed.
    expect(killedBeforeMigrated).toBeGreaterThanOrEqual(4);
  });
});

describe("openPgliteDataDir", () => {
  it("two opens racing on one fresh directory both get the one directory that wins", async () => {
    const dataDir = join(root, "race", "db");
    const [first, second] = await Promise.all([
      openPgliteDataDir(dataDir),
      openPgliteDataDir(dataDir),
    ]);
    await first.close();
    await second.close();
    expect(readdirSync(join(root, "race"))).toEqual(["db"]); // the loser's staging is gone

    const writer = await openPgliteDataDir(dataDir);
    await writer.query("CREATE TABLE kept (id int)");
    await writer.query("INSERT INTO kept VALUES (7)");
    await writer.close();
    const reader = await openPgliteDataDir(dataDir);
    expect((await reader.query("SELECT id FROM kept")).rows).toEqual([{ id: 7 }]);
    await reader.close();
  });

  it("initialises an existing empty directory and removes only stale staging siblings", async () => {
    const parent = join(root, "stale");
    const dataDir = join(parent, "db");
    mkdirSync(dataDir, { recursive: true });
    mkdirSync(`${dataDir}.init-1-dead`);
    const anHourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(`${dataDir}.init-1-dead`, anHourAgo, anHourAgo);
    mkdirSync(`${dataDir}.init-2-live`); // another process may still be initialising it

    const db = await openPgliteDataDir(dataDir);
    expect((await db.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    await db.close();
    expect(readdirSync(parent).sort()).toEqual(["db", "db.init-2-live"]);
    expect(readdirSync(dataDir)).toContain("PG_VERSION");
  });

  it("passes a URL-style dataDir to PGlite unchanged", async () => {
    const db = await openPgliteDataDir("memory://");
    expect((await db.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    await db.close();
  });
});
