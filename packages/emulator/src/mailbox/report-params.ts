import type { Context } from "hono";
import type { EmulatorEnv } from "../types.js";
import { FieldErrors, notFound } from "./account-requests.js";

/** A report interval: Unix milliseconds and the ISO strings the caller sent, normalised. */
export interface Interval {
  start: number;
  end: number;
  startDate: string;
  endDate: string;
}

/** Who a user report is about: a user, or a team (its members' work and the team's own). */
export interface ReportSubject {
  id: number;
  type: "user" | "team";
  name: string;
  email?: string;
  /** The user ids whose replies, resolutions and ratings count (plus the team id for a team). */
  userIds: Set<number>;
}

/** The parameters every report shares, validated. */
export interface ReportQuery {
  current: Interval;
  previous?: Interval;
  mailboxes?: Set<number>;
  tags?: Set<number>;
  folders?: Set<number>;
  types?: Set<string>;
  viewBy: "day" | "week" | "month";
  page: number;
  rows: number;
  subject?: ReportSubject;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const CSV_IDS = /^\d{1,15}(,\d{1,15})*$/;
const CSV_TYPES = /^(email|chat|phone)(,(email|chat|phone))*$/;

/**
 * Reads the shared report parameters: `start`/`end` (required ISO 8601 date-times, `end` after
 * `start`), `previousStart`/`previousEnd` (both or neither), the CSV filters `mailboxes`, `tags`,
 * `folders`, `types`, `viewBy`, `page`, `rows` (1–50, default 25) and, with `user: true`, the
 * required `user` (a user or team id; unknown ids answer 404). Problems answer 400 with a field
 * error per parameter.
 */
export function parseReportQuery(
  c: Context<EmulatorEnv>,
  options: { user?: boolean } = {},
): ReportQuery | Response {
  const errors = new FieldErrors("QUERY");
  const current = interval(c, "start", "end", errors, true);
  const previous = interval(c, "previousStart", "previousEnd", errors, false);
  const ids = (name: string) => csv(c, name, CSV_IDS, errors)?.map(Number);
  const mailboxes = ids("mailboxes");
  const tags = ids("tags");
  const folders = ids("folders");
  const types = csv(c, "types", CSV_TYPES, errors);
  const viewBy = queryEnum(c, "viewBy", ["day", "week", "month"] as const, errors) ?? "day";
  const page = queryInt(c, "page", errors, 1, 100_000) ?? 1;
  const rows = queryInt(c, "rows", errors, 1, 50) ?? 25;
  queryEnum(c, "officeHours", ["true", "false"] as const, errors);
  const userId = options.user ? queryInt(c, "user", errors, 1, Number.MAX_SAFE_INTEGER) : undefined;
  if (options.user && c.req.query("user") === undefined) errors.add("user", "may not be null");
  if (!errors.empty || !current) return errors.respond(c);
  let subject: ReportSubject | undefined;
  if (userId !== undefined) {
    subject = findSubject(c, userId);
    if (!subject) return notFound(c, "User or team");
  }
  return {
    current,
    ...(previous ? { previous } : {}),
    ...(mailboxes ? { mailboxes: new Set(mailboxes) } : {}),
    ...(tags ? { tags: new Set(tags) } : {}),
    ...(folders ? { folders: new Set(folders) } : {}),
    ...(types ? { types: new Set(types) } : {}),
    viewBy,
    page,
    rows,
    ...(subject ? { subject } : {}),
  };
}

/** An optional query parameter that must be one of `values`. */
export function queryEnum<T extends string>(
  c: Context,
  name: string,
  values: readonly T[],
  errors: FieldErrors,
): T | undefined {
  const raw = c.req.query(name);
  if (raw === undefined) return undefined;
  if ((values as readonly string[]).includes(raw)) return raw as T;
  errors.add(name, `must be one of: ${values.join(", ")}`, raw);
  return undefined;
}

/** An optional integer query parameter within `[min, max]`. */
export function queryInt(
  c: Context,
  name: string,
  errors: FieldErrors,
  min: number,
  max: number,
): number | undefined {
  const raw = c.req.query(name);
  if (raw === undefined) return undefined;
  const value = /^-?\d{1,16}$/.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isSafeInteger(value) && value >= min && value <= max) return value;
  errors.add(name, `must be an integer between ${min} and ${max}`, raw);
  return undefined;
}

function interval(
  c: Context,
  startName: string,
  endName: string,
  errors: FieldErrors,
  required: boolean,
): Interval | undefined {
  const startRaw = c.req.query(startName);
  const endRaw = c.req.query(endName);
  if (!required && startRaw === undefined && endRaw === undefined) return undefined;
  const start = dateTime(startName, startRaw, errors);
  const end = dateTime(endName, endRaw, errors);
  if (start === undefined || end === undefined) return undefined;
  if (end < start) {
    errors.add(endName, `must not be before ${startName}`, endRaw);
    return undefined;
  }
  return { start, end, startDate: isoSeconds(start), endDate: isoSeconds(end) };
}

function dateTime(name: string, raw: string | undefined, errors: FieldErrors): number | undefined {
  if (raw === undefined || raw === "") {
    errors.add(name, "may not be null");
    return undefined;
  }
  const value = DATE_TIME.test(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(value)) {
    errors.add(name, "must be an ISO 8601 date-time such as 2024-01-31T23:59:59Z", raw);
    return undefined;
  }
  return value;
}

function csv(c: Context, name: string, pattern: RegExp, errors: FieldErrors): string[] | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === "") return undefined;
  if (pattern.test(raw)) return raw.split(",");
  errors.add(name, "must be a comma-separated list", raw);
  return undefined;
}

function findSubject(c: Context<EmulatorEnv>, id: number): ReportSubject | undefined {
  const data = c.get("account").mailbox;
  const user = data.users.get(id);
  if (user) {
    const name = [user.firstName, user.lastName].filter(Boolean).join(" ") || user.email;
    return { id, type: "user", name, email: user.email, userIds: new Set([id]) };
  }
  const team = data.teams.get(id);
  if (!team) return undefined;
  return { id, type: "team", name: team.name, userIds: new Set([id, ...team.memberIds]) };
}

/** ISO 8601 with second precision, as Help Scout writes times. */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
