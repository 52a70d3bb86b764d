import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { killDuringFirstOpen } from "@terapi/test-support";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createPgliteRecordStore } from "../src/index.js";
import { checkpoint, conversation } from "./record-store-contract.js";

// Each round spawns a process that opens PGlite (seconds on a busy machine), then reopens.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 30_000 });

const PACKAGE_DIR = join(import.meta.dirname, "..");
/** Kill moments, in ms after the worker starts opening: most within initdb (about 0.2–0.9 s in). */
const KILL_AFTER_MS = [150, 300, 500, 700, 1200];

const root = mkdtempSync(join(tmpdir(), "helpscout-sync-first-open-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("a PGlite record store killed during its first open", () => {
  it("leaves a directory the next store opens, migrates and uses", async () => {
    const killedBeforeMigrated = await killDuringFirstOpen({
      cwd: PACKAGE_DIR,
      worker: "test/fixtures/first-open-worker.ts",
      root,
      killAfterMs: KILL_AFTER_MS,
      async reopen(dataDir) {
        const store = createPgliteRecordStore({ dataDir });
        try {
          await store.migrate();
          await store.commitPage({
            connectionId: "acme",
            model: "conversations",
            records: [{ id: "1", payload: conversation("1"), lastModifiedAt: null }],
            checkpoint: checkpoint(1),
          });
          const { records } = await store.listRecords({
            connectionId: "acme",
            model: "conversations",
          });
          expect(records.map((record) => record.id)).toEqual(["1"]);
          expect(await store.getCheckpoint("acme", "conversations")).toEqual(checkpoint(1));
        } finally {
          await store.close();
        }
      },
    });
    // The test proves something only if kills landed before the first open completed.
    expect(killedBeforeMigrated).toBeGreaterThanOrEqual(4);
  });
});
