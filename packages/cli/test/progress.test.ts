import { describeRequest, HelpScoutError } from "@terapi/helpscout-auth";
import type { ModelSummary, SyncProgressEvent } from "@terapi/helpscout-sync";
import { describe, expect, it } from "vitest";
import { createProgress } from "../src/progress.js";
import { rateBudgetPolicy } from "../src/rate-budget-policy.js";

function totals(fetched: number, pages: number): ModelSummary {
  return {
    model: "conversations",
    api: "mailbox",
    mode: "full",
    resumed: false,
    pages,
    fetched,
    inserted: fetched,
    updated: 0,
    unchanged: 0,
    deleted: 0,
    requests: pages,
    durationMs: 10,
  };
}

const start: SyncProgressEvent = {
  type: "model-start",
  model: "conversations",
  api: "mailbox",
  mode: "full",
  resumed: false,
};
const page = (fetched: number, pages: number): SyncProgressEvent => ({
  type: "page",
  model: "conversations",
  api: "mailbox",
  page: { inserted: 50, updated: 0, unchanged: 0, deleted: 0, fetched: 50 },
  totals: totals(fetched, pages),
  rate: undefined,
});
const done = (fetched: number, pages: number): SyncProgressEvent => ({
  type: "model-done",
  model: "conversations",
  api: "mailbox",
  summary: totals(fetched, pages),
});

function capture(isTTY: boolean) {
  const written: string[] = [];
  let now = 0;
  const progress = createProgress(
    { write: (text: string) => written.push(text), isTTY },
    { now: () => now },
  );
  return { progress, written, tick: (ms: number) => (now += ms) };
}

/** An answer of the Mailbox API with its rate-limit headers. */
const answer = (remaining: number) =>
  new Response("{}", {
    headers: {
      "x-ratelimit-limit-minute": "200",
      "x-ratelimit-remaining-minute": String(remaining),
    },
  });

describe("progress on stderr when it is not a terminal", () => {
  it("prints a plain line when a model starts, every 2 s while it runs, and when it is done", async () => {
    const { progress, written, tick } = capture(false);
    const policy = rateBudgetPolicy("mailbox", progress.budget);

    progress.event(start);
    await policy(await describeRequest("http://x/v2/conversations"), async () => answer(150));
    progress.event(page(50, 1));
    tick(2_500);
    progress.event(page(100, 2));
    progress.event(page(150, 3));
    progress.event(done(150, 3));
    progress.finish();

    expect(
      written
        .join("")
        .split("\n")
        .filter(Boolean)
        .map((line) => line.replace(/ +/g, " ")),
    ).toEqual([
      "conversations 0 records 0 pages",
      "conversations 100 records 2 pages mailbox budget 50/200 per min (25%)",
      "conversations 150 records 3 pages mailbox budget 50/200 per min (25%) done",
    ]);
    expect(written.join("")).not.toContain("\x1b[");
  });

  it("marks a model that failed", () => {
    const { progress, written } = capture(false);

    progress.event(start);
    progress.event({
      type: "model-failed",
      model: "conversations",
      api: "mailbox",
      summary: totals(50, 1),
      error: new Error("boom"),
    });

    expect(written.at(-1)).toMatch(/conversations +50 records +1 page +failed\n$/);
  });
});

describe("progress on a terminal", () => {
  it("redraws one line per model in place, with a full bar once a model is done", () => {
    const { progress, written, tick } = capture(true);

    progress.event(start);
    progress.event({ ...start, model: "articles", api: "docs" });
    tick(200);
    progress.event(done(150, 3));
    progress.finish();

    const last = written.at(-1) ?? "";
    // Back up over the two lines drawn before, clear and redraw each.
    expect(last.startsWith("\x1b[2F\x1b[2K")).toBe(true);
    const lines = last.split("\n").filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/conversations \[#{20}\] +150 records +3 pages +done$/);
    expect(lines[1]).toMatch(/articles +\[[·#]{20}\] +0 records +0 pages$/);
  });

  it("never draws wider than the terminal", () => {
    const written: string[] = [];
    const progress = createProgress({
      write: (t: string) => written.push(t),
      isTTY: true,
      columns: 40,
    });

    progress.event(start);

    for (const line of written.join("").split("\n").filter(Boolean)) {
      expect(line.replace("\x1b[2K", "").length).toBeLessThanOrEqual(40);
    }
  });
});

describe("rateBudgetPolicy", () => {
  it("reports the Docs budget headers and passes the answer through unchanged", async () => {
    const readings: unknown[] = [];
    const policy = rateBudgetPolicy("docs", (reading) => readings.push(reading));
    const response = new Response("{}", {
      headers: { "x-ratelimit-limit": "2000", "x-ratelimit-remaining": "1990" },
    });

    const result = await policy(await describeRequest("http://x/v1/sites"), async () => response);

    expect(result).toBe(response);
    expect(readings).toEqual([{ api: "docs", status: 200, limit: 2000, remaining: 1990 }]);
  });

  it("counts a 429 and rethrows it for the retry policy", async () => {
    const { progress } = capture(false);
    const policy = rateBudgetPolicy("mailbox", progress.budget);
    const refused = new HelpScoutError({ code: "rate_limited", status: 429, message: "slow down" });

    await expect(
      policy(await describeRequest("http://x/v2/conversations"), async () => {
        throw refused;
      }),
    ).rejects.toBe(refused);
    expect(progress.budgets().mailbox).toMatchObject({ requests: 1, rateLimited: 1 });
  });
});
