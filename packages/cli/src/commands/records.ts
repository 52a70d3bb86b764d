import type { SyncRecord } from "@terapi/helpscout-sync";
import { connectionIdOf } from "../credentials.js";
import type { CliIo } from "../io.js";
import { MODEL_NAMES, MODELS_BY_API } from "../models.js";
import { openRecordStore } from "../record-store.js";
import { integerFlag, parseFlags, UsageError } from "../usage-error.js";

/** `helpscout records --help`. */
export const RECORDS_USAGE = `Usage: helpscout records <model> [options]

Lists synced records of one model, most recently changed last, from the store \`helpscout sync\`
wrote.

Models:
  mailbox  ${MODELS_BY_API.mailbox.join(", ")}
  docs     ${MODELS_BY_API.docs.join(", ")}

Options:
  --connection ID        whose records (default: HELPSCOUT_CONNECTION_ID, else "default" with
                         credentials in the environment, else "acme" for the emulator)
  --limit N              records per page, 1 to 1000 (default 20)
  --modified-after ISO   only records changed in the store after this time
  --cursor C             the next page (printed after a full page)
  --include-deleted      also records deleted upstream
  --json                 print one JSON object {records, nextCursor}
  --data-dir DIR         where the embedded store lives (default .data)
  --db URL               read from Postgres instead (postgres://…)
  --help                 show this help
`;

/** `helpscout records <model>`: a page of stored records. */
export async function recordsCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    {
      connection: { type: "string" },
      limit: { type: "string" },
      "modified-after": { type: "string" },
      cursor: { type: "string" },
      "include-deleted": { type: "boolean" },
      json: { type: "boolean" },
      "data-dir": { type: "string" },
      db: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    RECORDS_USAGE,
  );
  if (values.help) {
    io.stdout.write(RECORDS_USAGE);
    return 0;
  }
  const [model, ...extra] = positionals;
  if (model === undefined) throw new UsageError("name a model, e.g. conversations", RECORDS_USAGE);
  if (!MODEL_NAMES.includes(model)) {
    throw new UsageError(
      `unknown model "${model}"; one of ${MODEL_NAMES.join(", ")}`,
      RECORDS_USAGE,
    );
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`, RECORDS_USAGE);
  const limit = integerFlag("--limit", values.limit, 20, RECORDS_USAGE, { min: 1, max: 1000 });
  const modifiedAfter = values["modified-after"];
  if (modifiedAfter !== undefined && Number.isNaN(Date.parse(modifiedAfter))) {
    throw new UsageError(
      `--modified-after must be an ISO 8601 time such as 2026-01-31T12:00:00Z, got "${modifiedAfter}"`,
      RECORDS_USAGE,
    );
  }
  const connectionId = connectionIdOf(io.env, values.connection);

  const { store } = await openRecordStore({
    dataDir: values["data-dir"] ?? ".data",
    db: values.db,
  });
  try {
    const page = await store.listRecords({
      connectionId,
      model,
      limit,
      ...(modifiedAfter ? { modifiedAfter: new Date(modifiedAfter).toISOString() } : {}),
      ...(values.cursor ? { cursor: values.cursor } : {}),
      ...(values["include-deleted"] ? { includeDeleted: true } : {}),
    });
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ model, connectionId, ...page })}\n`);
      return 0;
    }
    if (page.records.length === 0) {
      io.stderr.write(
        `No ${model} records for connection "${connectionId}"${values.cursor || modifiedAfter ? " here" : ": run `helpscout sync` first"}.\n`,
      );
      return 0;
    }
    io.stdout.write(formatRecords(page.records, io.stdout.columns));
    if (page.nextCursor) io.stderr.write(`More: add --cursor ${page.nextCursor}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

/** A table of records: id, Help Scout's modification time, deleted mark and a title. */
export function formatRecords(records: readonly SyncRecord[], columns = 120): string {
  const idWidth = Math.max(2, ...records.map((record) => record.id.length));
  const lines = [`${"id".padEnd(idWidth)}  ${"modified".padEnd(20)}  title`];
  for (const record of records) {
    const modified = record.lastModifiedAt?.slice(0, 19).concat("Z") ?? "-";
    const title = `${record.deletedAt ? "[deleted] " : ""}${titleOf(record.payload)}`;
    const line = `${record.id.padEnd(idWidth)}  ${modified.padEnd(20)}  ${title}`;
    lines.push(line.length > columns ? `${line.slice(0, columns - 1)}…` : line);
  }
  return `${lines.join("\n")}\n`;
}

/** A human name for a payload: subject, name, title, a person's name or email, or a URL. */
function titleOf(payload: unknown): string {
  if (typeof payload !== "object" || payload === null) return "";
  const fields = payload as Record<string, unknown>;
  const text = (key: string) => (typeof fields[key] === "string" ? (fields[key] as string) : "");
  if (text("subject")) {
    return typeof fields.number === "number"
      ? `#${fields.number} ${text("subject")}`
      : text("subject");
  }
  const person = [text("firstName"), text("lastName")].filter(Boolean).join(" ");
  return (
    text("name") ||
    text("title") ||
    person ||
    text("email") ||
    text("urlMapping") ||
    text("url") ||
    ""
  );
}
