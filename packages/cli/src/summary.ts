import type { SyncSummary } from "@terapi/helpscout-sync";
import { number } from "./progress.js";

/** One model's line of the summary. */
export interface SummaryRow {
  model: string;
  /** Records fetched from the API in this run. */
  fetched: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Records marked deleted (swept after a full run, or reported deleted). */
  deleted: number;
  /** API requests the model took. */
  requests: number;
  seconds: number;
}

/** What `helpscout sync --json` prints: one object, nothing else on stdout. */
export interface SyncReport {
  connectionId: string;
  /** `pglite` (the data directory) or `postgres` (`--db`). */
  store: "pglite" | "postgres";
  /** Where the credentials came from; `emulator` when none were set. */
  source: "environment" | "connection" | "emulator";
  /** Whole run or only changes, as asked (`--full`). */
  mode: "full" | "incremental";
  models: SummaryRow[];
  totals: Omit<SummaryRow, "model">;
  /** Answers refused with 429 during the run (retried), per the rate-limit policy. */
  rateLimited: number;
  /** Set when models failed or the run was interrupted: what went wrong. */
  error?: { code: string; message: string };
}

/** The summary rows of a runner's {@link SyncSummary}, in sync order. */
export function rowsOf(summary: SyncSummary): SummaryRow[] {
  return summary.models.map((model) => ({
    model: model.model,
    fetched: model.fetched,
    inserted: model.inserted,
    updated: model.updated,
    unchanged: model.unchanged,
    deleted: model.deleted,
    requests: model.requests,
    seconds: Math.round(model.durationMs / 100) / 10,
  }));
}

const COLUMNS = [
  "model",
  "fetched",
  "inserted",
  "updated",
  "unchanged",
  "deleted",
  "requests",
  "seconds",
] as const satisfies readonly (keyof SummaryRow)[];

/** Sums the rows (seconds too: the models of a run may overlap, so it is work, not wall time). */
export function totalsOf(rows: readonly SummaryRow[], seconds?: number): Omit<SummaryRow, "model"> {
  const sum = (key: Exclude<keyof SummaryRow, "model">) =>
    rows.reduce((total, row) => total + row[key], 0);
  return {
    fetched: sum("fetched"),
    inserted: sum("inserted"),
    updated: sum("updated"),
    unchanged: sum("unchanged"),
    deleted: sum("deleted"),
    requests: sum("requests"),
    seconds: seconds ?? sum("seconds"),
  };
}

/**
 * The summary table for stdout: a header, one row per model and a total row, numbers aligned
 * right.
 *
 * @example
 * model          fetched  inserted  updated  unchanged  deleted  requests  seconds
 * conversations      240       240        0          0        0         5      0.4
 */
export function formatSummaryTable(rows: readonly SummaryRow[], seconds?: number): string {
  const cells = (row: SummaryRow): string[] =>
    COLUMNS.map((key) =>
      key === "model" ? row.model : key === "seconds" ? row.seconds.toFixed(1) : number(row[key]),
    );
  const body = [
    [...COLUMNS],
    ...rows.map(cells),
    cells({ model: "total", ...totalsOf(rows, seconds) }),
  ];
  const widths = COLUMNS.map((_, i) => Math.max(...body.map((line) => line[i]?.length ?? 0)));
  const render = (line: string[]) =>
    line
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  const [header, ...rest] = body;
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  const lines = [render(header ?? []), rule, ...rest.slice(0, -1).map(render), rule];
  lines.push(render(rest.at(-1) ?? []));
  return `${lines.join("\n")}\n`;
}
