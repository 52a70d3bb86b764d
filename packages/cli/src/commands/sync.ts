import { HelpScoutError } from "@terapi/helpscout-auth";
import { createDocsClient, type DocsClient } from "@terapi/helpscout-docs";
import { createMailboxClient, type MailboxClient } from "@terapi/helpscout-mailbox";
import { runSync, SyncError, type SyncSummary } from "@terapi/helpscout-sync";
import { CREDENTIAL_ENV_HELP, connectionIdOf, resolveCredentials } from "../credentials.js";
import type { CliIo } from "../io.js";
import { apiOf, MODEL_NAMES, MODELS_BY_API } from "../models.js";
import { createProgress } from "../progress.js";
import type { ApiName } from "../rate-budget-policy.js";
import { rateBudgetPolicy } from "../rate-budget-policy.js";
import { openRecordStore } from "../record-store.js";
import { formatSummaryTable, rowsOf, type SyncReport, totalsOf } from "../summary.js";
import { syncThrottles } from "../throttles.js";
import { numberFlag, parseFlags, UsageError } from "../usage-error.js";

/** `helpscout sync --help`. */
export const SYNC_USAGE = `Usage: helpscout sync [all|mailbox|docs] [options]

Syncs Help Scout into the record store: only what changed since the last run (each page and its
checkpoint are committed together, so an interrupted sync resumes where it stopped). Progress per
model goes to stderr, a summary table to stdout.

Options:
  --full               list everything again and mark records gone upstream as deleted
  --models a,b         only these models (see Models below)
  --connection ID      store records under this connection id (default: HELPSCOUT_CONNECTION_ID,
                       else "default" with credentials, else "acme" for the emulator)
  --reserve SHARE      share of the rate budget to leave for others, 0 to 0.9 (default 0)
  --json               print one JSON object with the summary instead of the table
  --data-dir DIR       where the embedded store lives (default .data: .data/helpscout-sync)
  --db URL             sync into Postgres instead (postgres://user:password@host/db)
  --help               show this help

Models:
  mailbox  ${MODELS_BY_API.mailbox.join(", ")}
  docs     ${MODELS_BY_API.docs.join(", ")}

${CREDENTIAL_ENV_HELP}
`;

const TARGETS = ["all", "mailbox", "docs"] as const;
type Target = (typeof TARGETS)[number];

/** `helpscout sync`: incremental (or `--full`) sync of Mailbox and/or Docs into the store. */
export async function syncCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    {
      full: { type: "boolean" },
      models: { type: "string" },
      connection: { type: "string" },
      reserve: { type: "string" },
      json: { type: "boolean" },
      "data-dir": { type: "string" },
      db: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    SYNC_USAGE,
  );
  if (values.help) {
    io.stdout.write(SYNC_USAGE);
    return 0;
  }
  const [target = "all", ...extra] = positionals;
  if (!(TARGETS as readonly string[]).includes(target)) {
    throw new UsageError(
      `unknown sync target "${target}"; one of ${TARGETS.join(", ")}`,
      SYNC_USAGE,
    );
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`, SYNC_USAGE);
  const models = modelsOf(values.models, target as Target);
  const reserve = numberFlag("--reserve", values.reserve, SYNC_USAGE, { min: 0, max: 0.9 }) ?? 0;
  const dataDir = values["data-dir"] ?? ".data";
  const connectionId = connectionIdOf(io.env, values.connection);
  const full = values.full === true;

  const credentials = await resolveCredentials(io.env, {
    dataDir,
    note: (text) => io.stderr.write(`${text}\n`),
  });
  try {
    const wanted = new Set(models.map(apiOf));
    const apis = pickApis(wanted, credentials, target as Target, io);
    const opened = await openRecordStore({ dataDir, db: values.db });
    try {
      const progress = createProgress(io.stderr);
      const clock = credentials.emulator?.emulator.clock;
      const throttles = syncThrottles({
        account: connectionId,
        reserve,
        ...(clock ? { clock } : {}),
      });
      let mailbox: MailboxClient | undefined;
      let docs: DocsClient | undefined;
      if (apis.has("mailbox") && credentials.mailbox) {
        mailbox = createMailboxClient({
          ...credentials.mailbox.credentials,
          ...(credentials.mailbox.baseUrl ? { baseUrl: credentials.mailbox.baseUrl } : {}),
          throttle: throttles.mailbox,
          policies: [rateBudgetPolicy("mailbox", progress.budget)],
        });
      }
      if (apis.has("docs") && credentials.docs) {
        docs = createDocsClient({
          ...credentials.docs.credentials,
          ...(credentials.docs.baseUrl ? { baseUrl: credentials.docs.baseUrl } : {}),
          throttle: throttles.docs,
          policies: [rateBudgetPolicy("docs", progress.budget)],
        });
      }
      const chosen = models.filter((model) => {
        const api = apiOf(model);
        return api !== undefined && apis.has(api);
      });
      const started = performance.now();
      let summary: SyncSummary;
      let failure: SyncError | undefined;
      try {
        summary = await runSync({
          store: opened.store,
          connectionId,
          models: chosen,
          full,
          ...(mailbox ? { mailbox } : {}),
          ...(docs ? { docs } : {}),
          ...(io.signal ? { signal: io.signal } : {}),
          onProgress: progress.event,
        });
      } catch (error) {
        // Models that failed (or an interrupt) still leave a summary worth printing.
        if (!(error instanceof SyncError)) throw error;
        failure = error;
        summary = error.summary;
      } finally {
        progress.finish();
      }
      const rows = rowsOf(summary);
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      const budgets = progress.budgets();
      const report: SyncReport = {
        connectionId,
        store: opened.kind,
        source: credentials.source,
        mode: full ? "full" : "incremental",
        models: rows,
        totals: totalsOf(rows, seconds),
        rateLimited: budgets.mailbox.rateLimited + budgets.docs.rateLimited,
        ...(failure ? { error: { code: String(failure.code), message: failure.message } } : {}),
      };
      const anything = rows.some((r) => r.fetched > 0 || r.deleted > 0);
      if (values.json) io.stdout.write(`${JSON.stringify(report)}\n`);
      else if (!failure || anything) io.stdout.write(formatSummaryTable(rows, seconds));
      if (failure) {
        io.stderr.write(failureMessage(failure, rows.length));
        return failure.code === "aborted" ? 130 : 1;
      }
      return 0;
    } finally {
      await opened.store.close();
    }
  } finally {
    await credentials.close();
  }
}

/** The models to sync: `--models`, checked, or every model of the target. */
function modelsOf(flag: string | undefined, target: Target): string[] {
  const ofTarget = target === "all" ? MODEL_NAMES : MODELS_BY_API[target];
  if (flag === undefined) return [...ofTarget];
  const asked = flag
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = asked.find((name) => !ofTarget.includes(name));
  if (unknown !== undefined || asked.length === 0) {
    throw new UsageError(
      `--models takes ${target === "all" ? "" : `${target} `}models from: ${ofTarget.join(", ")}${unknown ? `; got "${unknown}"` : ""}`,
      SYNC_USAGE,
    );
  }
  return asked;
}

/**
 * The APIs this run syncs: those asked for that have credentials. Asking for one explicitly
 * without its credentials fails; `all` skips a missing one with a note.
 */
function pickApis(
  wanted: Set<ApiName | undefined>,
  credentials: { mailbox: unknown; docs: unknown },
  target: Target,
  io: CliIo,
): Set<ApiName> {
  const apis = new Set<ApiName>();
  const hints: Record<ApiName, string> = {
    mailbox: "HELPSCOUT_APP_ID + HELPSCOUT_APP_SECRET, or HELPSCOUT_CONNECTION_ID",
    docs: "HELPSCOUT_DOCS_API_KEY",
  };
  for (const api of ["mailbox", "docs"] as const) {
    if (!wanted.has(api)) continue;
    if (credentials[api]) {
      apis.add(api);
    } else if (target === "all") {
      io.stderr.write(`No ${api} credentials (${hints[api]}): skipping the ${api} models.\n`);
    } else {
      throw new HelpScoutError({
        code: "configuration_error",
        message: `no ${api} credentials: set ${hints[api]}.`,
      });
    }
  }
  return apis;
}

/**
 * What went wrong in a run, one line per distinct cause (models failing for the same reason, e.g.
 * a refused App Secret, are named together), ending with what to do.
 */
function failureMessage(failure: SyncError, models: number): string {
  if (failure.code === "aborted") {
    return "helpscout: interrupted; every committed page is kept, run the same command to resume.\n";
  }
  const byCause = new Map<string, string[]>();
  for (const { model, error } of failure.failures) {
    const cause = error instanceof Error ? error.message : String(error);
    byCause.set(cause, [...(byCause.get(cause) ?? []), model]);
  }
  const lines = [...byCause].map(([cause, names]) => `  ${names.join(", ")}: ${cause}`);
  return `helpscout: ${failure.failures.length} of ${models} models failed (the next run resumes them):\n${lines.join("\n")}\n`;
}
