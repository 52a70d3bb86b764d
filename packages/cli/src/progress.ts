import type { SyncProgressEvent } from "@terapi/helpscout-sync";
import type { CliOutput } from "./io.js";
import type { ApiName, BudgetReading } from "./rate-budget-policy.js";

/** Where one model's sync stands. */
export interface ModelProgress {
  model: string;
  /** The API it comes from, to show that API's rate budget beside it. */
  api: ApiName | undefined;
  /** Records fetched so far. */
  records: number;
  /** Pages fetched so far. */
  pages: number;
  /** All records of the model, when known. */
  total: number | undefined;
  done: boolean;
  /** The model stopped on an error. */
  failed?: boolean;
}

/** What the rate-limit headers said last, per API, and what was counted. */
export interface BudgetState {
  limit: number | undefined;
  remaining: number | undefined;
  /** Answers seen (every attempt). */
  requests: number;
  /** Answers that were 429. */
  rateLimited: number;
}

/** Shows the progress of a sync on stderr. */
export interface ProgressReporter {
  /** A model's counts so far. */
  model(update: ModelProgress): void;
  /** A runner event (`onProgress` of `runSync`), shown as {@link ProgressReporter.model}. */
  event(event: SyncProgressEvent): void;
  /** A reading from {@link rateBudgetPolicy}. */
  budget(reading: BudgetReading): void;
  /** Budget state per API, e.g. for the summary. */
  budgets(): Readonly<Record<ApiName, BudgetState>>;
  /** Draws the final state; nothing is written afterwards. */
  finish(): void;
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  /** Clock in ms, for tests. */
  now?: () => number;
  /** Least time between two redraws on a terminal. Default 100 ms. */
  redrawMs?: number;
  /** Least time between two plain lines of one model when not a terminal. Default 2 s. */
  lineMs?: number;
}

const BAR_WIDTH = 20;
const WINDOW_NAME: Record<ApiName, string> = { mailbox: "min", docs: "10 min" };

/**
 * Per-model progress on `output` (stderr): on a terminal, one line per model with a progress bar,
 * redrawn in place; otherwise plain lines (when a model starts, every couple of seconds, and when
 * it is done). Each line shows records, pages and the rate budget its API has used this window,
 * read from `X-RateLimit-Remaining-Minute` (Mailbox) or `X-RateLimit-Remaining` (Docs).
 */
export function createProgress(output: CliOutput, options: ProgressOptions = {}): ProgressReporter {
  const now = options.now ?? (() => performance.now());
  const tty = output.isTTY === true;
  const redrawMs = options.redrawMs ?? 100;
  const lineMs = options.lineMs ?? 2_000;
  const models = new Map<string, ModelProgress>();
  const printedAt = new Map<string, number>();
  const budgets: Record<ApiName, BudgetState> = { mailbox: emptyBudget(), docs: emptyBudget() };
  let drawnLines = 0;
  let drawnAt = Number.NEGATIVE_INFINITY;
  let finished = false;

  const lineOf = (progress: ModelProgress) =>
    fit(formatLine(progress, budgets, { bar: tty }), output.columns);
  const redraw = () => {
    const lines = [...models.values()].map(lineOf);
    const up = drawnLines > 0 ? `\x1b[${drawnLines}F` : "";
    output.write(`${up}${lines.map((line) => `\x1b[2K${line}\n`).join("")}`);
    drawnLines = lines.length;
    drawnAt = now();
  };

  const reporter: ProgressReporter = {
    event(event) {
      const totals =
        "totals" in event ? event.totals : "summary" in event ? event.summary : undefined;
      reporter.model({
        model: event.model,
        api: event.api,
        records: totals?.fetched ?? 0,
        pages: totals?.pages ?? 0,
        total: undefined,
        done: event.type === "model-done" || event.type === "model-failed",
        failed: event.type === "model-failed",
      });
    },
    model(update) {
      if (finished) return;
      const first = !models.has(update.model);
      const before = models.get(update.model);
      models.set(update.model, { ...update });
      if (tty) {
        if (first || update.done || now() - drawnAt >= redrawMs) redraw();
        return;
      }
      const last = printedAt.get(update.model);
      const justDone = update.done && !before?.done;
      if (first || justDone || (last !== undefined && now() - last >= lineMs && !update.done)) {
        output.write(`${lineOf(update)}\n`);
        printedAt.set(update.model, now());
      }
    },
    budget(reading) {
      const state = budgets[reading.api];
      state.requests += 1;
      if (reading.status === 429) state.rateLimited += 1;
      if (reading.limit !== undefined) state.limit = reading.limit;
      if (reading.remaining !== undefined) state.remaining = reading.remaining;
      if (tty && !finished && models.size > 0 && now() - drawnAt >= redrawMs) redraw();
    },
    budgets: () => budgets,
    finish() {
      if (finished) return;
      if (tty && models.size > 0) redraw();
      finished = true;
    },
  };
  return reporter;
}

/**
 * One model's line, e.g. `conversations [####…] 1,250 records  25 pages  mailbox budget …`; the
 * bar only on a terminal.
 */
export function formatLine(
  progress: ModelProgress,
  budgets: Readonly<Record<ApiName, BudgetState>>,
  options: { bar: boolean } = { bar: true },
): string {
  const { model, records, pages, total, done } = progress;
  const count = total === undefined ? number(records) : `${number(records)}/${number(total)}`;
  const parts = [
    model.padEnd(13),
    ...(options.bar ? [bar(done ? 1 : total ? records / total : undefined, pages)] : []),
    `${count} ${records === 1 ? "record" : "records"}`.padStart(18),
    `${number(pages)} ${pages === 1 ? "page" : "pages"}`.padStart(9),
  ];
  const budget = progress.api === undefined ? undefined : budgets[progress.api];
  if (progress.api && budget?.limit !== undefined && budget.remaining !== undefined) {
    const used = Math.max(0, budget.limit - budget.remaining);
    const share = Math.round((used / budget.limit) * 100);
    parts.push(
      `  ${progress.api} budget ${used}/${budget.limit} per ${WINDOW_NAME[progress.api]} (${share}%)`,
    );
  }
  if (budget && budget.rateLimited > 0) parts.push(`  429s: ${budget.rateLimited}`);
  if (progress.failed) parts.push("  failed");
  else if (done) parts.push("  done");
  return parts.join(" ");
}

/** A progress bar; without a known fraction, a block that moves one step per page. */
function bar(fraction: number | undefined, pages: number): string {
  if (fraction === undefined) {
    const at = pages % (BAR_WIDTH - 3);
    return `[${"·".repeat(at)}${"#".repeat(4)}${"·".repeat(BAR_WIDTH - 4 - at)}]`;
  }
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * BAR_WIDTH);
  return `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}]`;
}

function fit(line: string, columns: number | undefined): string {
  return columns !== undefined && columns > 10 && line.length >= columns
    ? `${line.slice(0, columns - 2)}…`
    : line;
}

function emptyBudget(): BudgetState {
  return { limit: undefined, remaining: undefined, requests: 0, rateLimited: 0 };
}

/** A whole number with thousands separators. */
export function number(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}
