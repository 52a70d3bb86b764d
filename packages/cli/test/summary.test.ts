import type { SyncSummary } from "@terapi/helpscout-sync";
import { describe, expect, it } from "vitest";
import { formatSummaryTable, rowsOf } from "../src/summary.js";

const summary: SyncSummary = {
  connectionId: "acme",
  requests: 206,
  durationMs: 61_000,
  models: [
    {
      model: "conversations",
      api: "mailbox",
      mode: "incremental",
      resumed: false,
      pages: 200,
      fetched: 10_000,
      inserted: 9_990,
      updated: 4,
      unchanged: 6,
      deleted: 0,
      requests: 201,
      durationMs: 60_440,
    },
    {
      model: "tags",
      api: "mailbox",
      mode: "full",
      resumed: false,
      pages: 1,
      fetched: 12,
      inserted: 0,
      updated: 0,
      unchanged: 11,
      deleted: 1,
      requests: 1,
      durationMs: 35,
    },
  ],
};

describe("the summary table", () => {
  it("lists every model with its counts, requests and seconds, then the totals", () => {
    const table = formatSummaryTable(rowsOf(summary), 61);

    expect(table).toBe(
      [
        "model          fetched  inserted  updated  unchanged  deleted  requests  seconds",
        "-------------  -------  --------  -------  ---------  -------  --------  -------",
        "conversations   10,000     9,990        4          6        0       201     60.4",
        "tags                12         0        0         11        1         1      0.0",
        "-------------  -------  --------  -------  ---------  -------  --------  -------",
        "total           10,012     9,990        4         17        1       202     61.0",
        "",
      ].join("\n"),
    );
  });
});
