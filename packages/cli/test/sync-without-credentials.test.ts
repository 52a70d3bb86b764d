import { createEmulator } from "@terapi/helpscout-emulator";
import { afterAll, describe, expect, it } from "vitest";
import { LOCAL_EMULATOR_EPOCH, LOCAL_EMULATOR_SEED } from "../src/local-emulator.js";
import { MODEL_NAMES } from "../src/models.js";
import type { SyncReport } from "../src/summary.js";
import { emulatorCounts } from "./fixtures/emulator-counts.js";
import { leakedSecrets, parseSummaryTable, runCli, tempDataDir } from "./fixtures/run-cli.js";

// The emulator `helpscout sync` starts holds exactly this data (same seed, same clock).
const expected = emulatorCounts(
  createEmulator({ seed: LOCAL_EMULATOR_SEED, clock: { startAt: LOCAL_EMULATOR_EPOCH } }).account(),
);
const data = tempDataDir();
afterAll(() => data.remove());

describe("helpscout sync with no credentials in the environment", () => {
  it("starts the emulator, says so, and syncs every model into the data dir", async () => {
    const run = await runCli(["sync", "all", "--data-dir", data.dir]);

    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/started a local emulator at http:\/\/127\.0\.0\.1:\d+/);
    const table = parseSummaryTable(run.stdout);
    // Every declared model, in sync order, then the total.
    expect(Object.keys(table)).toEqual([...MODEL_NAMES, "total"]);
    expect([...MODEL_NAMES].sort()).toEqual(Object.keys(expected).sort());
    for (const [model, count] of Object.entries(expected)) {
      expect({ model, stored: table[model]?.inserted }).toEqual({ model, stored: count });
      expect(table[model]?.requests).toBeGreaterThan(0);
    }
    expect(table.total?.inserted).toBe(Object.values(expected).reduce((a, b) => a + b, 0));
    expect(leakedSecrets(run.stdout + run.stderr, ["acme-secret", "acme-docs-key"])).toEqual([]);
  });

  it("prints only one JSON object with --json, and a second run fetches only changes", async () => {
    const run = await runCli(["sync", "--json", "--data-dir", data.dir]);

    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as SyncReport;
    expect(run.stdout.trim().split("\n")).toHaveLength(1);
    expect(report).toMatchObject({ connectionId: "acme", store: "pglite", source: "emulator" });
    expect(report.mode).toBe("incremental");
    expect(report.models.map((row) => row.model).sort()).toEqual(Object.keys(expected).sort());
    // Same data as the first run: nothing new, nothing rewritten.
    expect(report.totals.inserted).toBe(0);
    expect(report.totals.updated).toBe(0);
    expect(report.totals.deleted).toBe(0);
    // Incremental models ask only for what changed since their watermark (plus a 1 s overlap).
    for (const model of ["conversations", "customers"]) {
      const row = report.models.find((candidate) => candidate.model === model);
      expect(row?.requests).toBe(1);
      expect(row?.fetched).toBeLessThan((expected[model] ?? 0) / 10);
    }
    expect(report.rateLimited).toBe(0);
  });

  it("lists synced conversations with `records conversations --limit 5 --json`", async () => {
    const run = await runCli([
      "records",
      "conversations",
      "--limit",
      "5",
      "--json",
      "--data-dir",
      data.dir,
    ]);

    expect(run.code, run.stderr).toBe(0);
    const page = JSON.parse(run.stdout) as {
      records: { model: string; id: string; payload: { id: number; subject: string } }[];
      nextCursor: string | null;
    };
    expect(page.records).toHaveLength(5);
    for (const record of page.records) {
      expect(record.model).toBe("conversations");
      expect(record.id).toBe(String(record.payload.id));
      expect(typeof record.payload.subject).toBe("string");
    }
    expect(page.nextCursor).toEqual(expect.any(String));

    const next = await runCli([
      "records",
      "conversations",
      "--limit",
      "5",
      "--json",
      "--cursor",
      page.nextCursor ?? "",
      "--data-dir",
      data.dir,
    ]);
    const ids = (JSON.parse(next.stdout) as { records: { id: string }[] }).records.map((r) => r.id);
    expect(ids).toHaveLength(5);
    expect(ids.filter((id) => page.records.some((record) => record.id === id))).toEqual([]);
  });

  it("prints a table of records with id, modification time and subject", async () => {
    const run = await runCli(["records", "conversations", "--limit", "3", "--data-dir", data.dir]);

    expect(run.code, run.stderr).toBe(0);
    const [header, ...rows] = run.stdout.trimEnd().split("\n");
    expect(header).toMatch(/^id\s+modified\s+title$/);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatch(/^\d+\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\s+#\d+ \S/);
    expect(run.stderr).toMatch(/More: add --cursor \S+/);
  });
});
