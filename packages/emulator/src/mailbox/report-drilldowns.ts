import type { Context } from "hono";
import type { M, MailboxData } from "../types.js";
import { FieldErrors } from "./account-requests.js";
import { activeIn, type ConversationFacts, repliesIn, resolvedIn, within } from "./report-facts.js";
import { average, ratingsIn } from "./report-figures.js";
import {
  conversationRow,
  historyRow,
  paged,
  type ReportPage,
  ratingRow,
  timeRangeOf,
} from "./report-lists.js";
import { type Interval, queryEnum, queryInt, type ReportQuery } from "./report-params.js";

type Row = Record<string, unknown>;
const RANGES = [
  "replies",
  "firstReplyResolved",
  "resolved",
  "responseTime",
  "firstResponseTime",
  "handleTime",
] as const;
const RATING_FILTER = { great: "great", ok: "okay", "not-good": "not_good" } as const;
const RATING_ORDER: Record<string, number> = { great: 3, okay: 2, not_good: 1 };

/** Rows of the conversations that pass `keep`, newest first, paged by `page`/`rows`. */
export function conversationsPage(
  data: MailboxData,
  facts: ConversationFacts[],
  query: ReportQuery,
  keep: (facts: ConversationFacts) => boolean,
): ReportPage<Row> {
  const rows = facts
    .filter(keep)
    .sort((a, b) => b.createdAt - a.createdAt || b.conversation.id - a.conversation.id)
    .map((f) => conversationRow(data, f));
  return paged(rows, query.page, query.rows);
}

/**
 * `/v2/reports/company/drilldown`: the conversations behind a company figure. Without `range`,
 * every conversation active in the interval; `range` narrows to replied (`replies`, `rangeId` =
 * replies in the interval, 5 = five or more), `resolved`, `firstReplyResolved` (resolved with a
 * single reply), or a time figure (`responseTime`, `firstResponseTime`, `handleTime` — approximated
 * by response time) whose `rangeId` is a time-range id of the productivity report.
 */
export function companyDrilldown(
  c: Context,
  data: MailboxData,
  facts: ConversationFacts[],
  query: ReportQuery,
): ReportPage<Row> | Response {
  const errors = new FieldErrors("QUERY");
  const range = queryEnum(c, "range", RANGES, errors);
  const rangeId = queryInt(c, "rangeId", errors, 1, 1000);
  if (rangeId !== undefined && range === undefined && errors.empty) {
    errors.add("rangeId", "may only be used together with range", String(rangeId));
  }
  if (!errors.empty) return errors.respond(c);
  const at = query.current;
  const inRange = (seconds: number | undefined) =>
    seconds !== undefined && (rangeId === undefined || timeRangeOf(seconds) === rangeId);
  const keep = (f: ConversationFacts): boolean => {
    const replies = repliesIn(f, at);
    switch (range) {
      case undefined:
        return activeIn(f, at);
      case "replies":
        return (
          replies.length > 0 && (rangeId === undefined || Math.min(replies.length, 5) === rangeId)
        );
      case "resolved":
        return resolvedIn(f, at);
      case "firstReplyResolved":
        return resolvedIn(f, at) && f.replies.length === 1;
      case "firstResponseTime":
        return within(f.firstResponse?.at, at) && inRange(f.firstResponse?.seconds);
      default: {
        const waits = replies.flatMap((r) => r.waitedSeconds ?? []);
        return waits.length > 0 && inRange(average(waits));
      }
    }
  };
  return conversationsPage(data, facts, query, keep);
}

/**
 * `/v2/reports/conversations/fields-drilldown`: conversations active in the interval with a tag
 * (`field=tagid`), a reply from a saved reply (`replyid`), a manual workflow run (`workflowid`) or
 * a customer (`customerid`); `field` and `fieldid` are required.
 */
export function fieldsDrilldown(
  c: Context,
  data: MailboxData,
  facts: ConversationFacts[],
  query: ReportQuery,
): ReportPage<Row> | Response {
  const errors = new FieldErrors("QUERY");
  const field = queryEnum(
    c,
    "field",
    ["tagid", "replyid", "workflowid", "customerid"] as const,
    errors,
  );
  const id = queryInt(c, "fieldid", errors, 1, Number.MAX_SAFE_INTEGER);
  if (c.req.query("field") === undefined) errors.add("field", "may not be null");
  if (c.req.query("fieldid") === undefined) errors.add("fieldid", "may not be null");
  if (!errors.empty || !field || id === undefined) return errors.respond(c);
  const at = query.current;
  const keep = (f: ConversationFacts): boolean => {
    switch (field) {
      case "tagid":
        return activeIn(f, at) && (f.conversation.tags ?? []).some((tag) => tag.id === id);
      case "customerid":
        return activeIn(f, at) && f.customerId === id;
      case "replyid":
        return repliesIn(f, at).some((r) => r.savedReplyId === id);
      case "workflowid":
        return f.workflowRuns.some((run) => run.workflowId === id && within(run.at, at));
    }
  };
  return conversationsPage(data, facts, query, keep);
}

/**
 * `/v2/reports/happiness/ratings` and `/v2/reports/user/ratings`: ratings of the interval,
 * filtered by `rating` (`great`, `ok`, `not-good`, `all`), sorted by `sortField` (`number`,
 * `modifiedAt` — the default —, `rating`) and `sortOrder` (default `DESC`), 25 a page.
 */
export function ratingsPage(
  c: Context,
  data: MailboxData,
  facts: ConversationFacts[],
  query: ReportQuery,
): ReportPage<Row> | Response {
  const errors = new FieldErrors("QUERY");
  const filter = queryEnum(c, "rating", ["great", "ok", "all", "not-good"] as const, errors);
  const sortField = queryEnum(c, "sortField", ["number", "modifiedAt", "rating"] as const, errors);
  const order = queryEnum(c, "sortOrder", ["ASC", "DESC"] as const, errors) ?? "DESC";
  if (!errors.empty) return errors.respond(c);
  const wanted = filter && filter !== "all" ? RATING_FILTER[filter] : undefined;
  const key = (rating: M["Rating"]): number => {
    if (sortField === "number") return rating.conversationNumber ?? 0;
    if (sortField === "rating") return RATING_ORDER[rating.rating] ?? 0;
    return Date.parse(rating.modifiedAt ?? rating.createdAt ?? "") || 0;
  };
  const rows = ratingsIn(data.ratings.values(), facts, query.current, query.subject?.userIds)
    .filter((rating) => !wanted || rating.rating === wanted)
    .sort((a, b) => (order === "ASC" ? 1 : -1) * (key(a) - key(b) || a.id - b.id))
    .map((rating) => ratingRow(data, rating));
  return paged(rows, query.page, 25);
}

/**
 * `/v2/reports/user/conversation-history`: the conversations the user or team worked on in the
 * interval with their replies and times. `status` (a conversation status; `all` or an unknown
 * value keeps every status), `sortField` (`number` — the default —, `repliesSent`,
 * `responseTime`, `resolutionTime`, `createdAt`, `modifiedAt`) and `sortOrder` (default `DESC`).
 */
export function historyPage(
  c: Context,
  data: MailboxData,
  facts: ConversationFacts[],
  query: ReportQuery,
): ReportPage<Row> {
  const userIds = query.subject?.userIds ?? new Set<number>();
  const status = c.req.query("status");
  const known = ["active", "open", "pending", "closed", "spam"];
  const sortField = c.req.query("sortField") ?? "number";
  const direction = c.req.query("sortOrder") === "ASC" ? 1 : -1;
  const interval: Interval = query.current;
  const value = (row: Row): number => {
    const raw = row[sortField];
    if (typeof raw === "number") return raw;
    if (typeof raw === "string" && sortField.endsWith("At")) return Date.parse(raw) || 0;
    return typeof row.number === "number" ? row.number : 0;
  };
  const rows = facts
    .filter((f) => activeIn(f, interval, userIds))
    .filter((f) => !status || !known.includes(status) || f.conversation.status === status)
    .map((f) => historyRow(data, f, interval, userIds))
    .sort((a, b) => direction * (value(a) - value(b)) || Number(a.id) - Number(b.id));
  return paged(rows, query.page, 25);
}
