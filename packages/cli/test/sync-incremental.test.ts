import { type RunningEmulator, startEmulator } from "@terapi/helpscout-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MODELS_BY_API } from "../src/models.js";
import type { SyncReport } from "../src/summary.js";
import { leakedSecrets, runCli, tempDataDir } from "./fixtures/run-cli.js";

let running: RunningEmulator;
let env: Record<string, string>;
const data = tempDataDir();

beforeAll(async () => {
  running = await startEmulator({ seed: 11, size: { conversations: 180, customers: 90 } });
  env = { HELPSCOUT_EMULATOR_URL: running.url };
});
afterAll(async () => {
  await running.close();
  data.remove();
});

async function syncMailbox(...flags: string[]): Promise<SyncReport> {
  const run = await runCli(["sync", "mailbox", "--json", "--data-dir", data.dir, ...flags], env);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toContain(`using the emulator at ${running.url}`);
  expect(leakedSecrets(run.stdout + run.stderr, issuedTokens())).toEqual([]);
  return JSON.parse(run.stdout) as SyncReport;
}

function issuedTokens(): string[] {
  const { access, refresh } = running.emulator.tokens;
  return [...access.keys(), ...refresh.keys(), "acme-secret"];
}

const row = (report: SyncReport, model: string) => report.models.find((r) => r.model === model);

describe("helpscout sync against a running emulator (HELPSCOUT_EMULATOR_URL)", () => {
  it("syncs only the Mailbox models with `sync mailbox`", async () => {
    const report = await syncMailbox();

    expect(report.source).toBe("emulator");
    expect(report.models.map((r) => r.model)).not.toContain("articles");
    expect(row(report, "conversations")?.inserted).toBe(180);
    // Pages of a modifiedSince listing may overlap; a record seen twice is stored once.
    expect(row(report, "conversations")?.fetched).toBeGreaterThanOrEqual(180);
    expect(row(report, "customers")?.inserted).toBe(90);
  });

  it("fetches and applies only the conversations that changed since the last run", async () => {
    const answer = await fetch(`${running.url}/_emulator/accounts/acme/changes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ conversations: 4 }),
    });
    expect(answer.ok).toBe(true);

    const report = await syncMailbox();

    const conversations = row(report, "conversations");
    expect(conversations).toMatchObject({ inserted: 0, updated: 4, deleted: 0, requests: 1 });
    // The 4 changes, plus at most those of the last second before the watermark.
    expect(conversations?.fetched).toBeGreaterThanOrEqual(4);
    expect(conversations?.fetched).toBeLessThan(10);
    expect(report.totals.inserted).toBe(0);
    // Besides the conversations only folders change: their counts of active conversations.
    const changed = report.models.filter((r) => r.updated > 0).map((r) => r.model);
    expect(changed.filter((model) => model !== "folders")).toEqual(["conversations"]);
  });

  it("lists everything again with --full and finds nothing changed", async () => {
    const report = await syncMailbox("--full");

    expect(report.mode).toBe("full");
    expect(row(report, "conversations")).toMatchObject({
      fetched: expect.any(Number),
      inserted: 0,
      updated: 0,
      deleted: 0,
    });
    expect(row(report, "conversations")?.fetched).toBeGreaterThanOrEqual(180);
  });

  it("syncs only the Docs models with `sync docs`, articles with their full text", async () => {
    const run = await runCli(["sync", "docs", "--json", "--data-dir", data.dir], env);

    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as SyncReport;
    expect(report.models.map((r) => r.model)).toEqual(MODELS_BY_API.docs);
    expect(row(report, "articles")?.inserted).toBe(running.emulator.account().docs.articles.size);
    const records = await runCli(
      ["records", "articles", "--limit", "1", "--json", "--data-dir", data.dir],
      env,
    );
    const [article] = (JSON.parse(records.stdout) as { records: { payload: { text?: string } }[] })
      .records;
    expect(article?.payload.text).toEqual(expect.stringContaining("<"));
  });
});
