import { type ConversationFacts, repliesIn, resolvedIn, within } from "./report-facts.js";
import { average, round } from "./report-figures.js";
import { type Interval, isoSeconds, type ReportQuery } from "./report-params.js";

/** Most data points one series may have (ten years by day). */
export const MAX_POINTS = 3660;

/** What a time series counts per bucket. */
export type SeriesKind =
  | "customersHelped"
  | "newConversations"
  | "receivedMessages"
  | "volumeByChannel"
  | "firstResponseTime"
  | "repliesSent"
  | "resolutionTime"
  | "resolved"
  | "responseTime";

/** One data point: its bucket start and report-specific figures. */
export type Point = { date: string } & Record<string, string | number>;

/** A time-series report: `current` points, and `previous` ones for a comparison interval. */
export function timeSeries(
  facts: ConversationFacts[],
  query: ReportQuery,
  kind: SeriesKind,
): { current: Point[]; previous?: Point[] } {
  const userIds = query.subject?.userIds;
  const current = series(facts, query.current, query.viewBy, kind, userIds);
  if (!query.previous) return { current };
  return { current, previous: series(facts, query.previous, query.viewBy, kind, userIds) };
}

/** How many buckets an interval has at a `viewBy`. */
export function bucketCount(interval: Interval, viewBy: ReportQuery["viewBy"]): number {
  return bucketStarts(interval, viewBy, MAX_POINTS + 1).length;
}

function series(
  facts: ConversationFacts[],
  interval: Interval,
  viewBy: ReportQuery["viewBy"],
  kind: SeriesKind,
  userIds: Set<number> | undefined,
): Point[] {
  const starts = bucketStarts(interval, viewBy, MAX_POINTS);
  const events: { at: number; value: number; key?: number | string }[] = [];
  for (const f of facts) {
    const replies = repliesIn(f, interval, userIds);
    switch (kind) {
      case "customersHelped":
        for (const r of replies) events.push({ at: r.at, value: 1, key: f.customerId ?? -r.at });
        break;
      case "newConversations":
      case "volumeByChannel":
        if (within(f.createdAt, interval) && (!userIds || involves(f, userIds))) {
          events.push({ at: f.createdAt, value: 1, key: f.conversation.type });
        }
        break;
      case "receivedMessages":
        for (const at of f.received) if (within(at, interval)) events.push({ at, value: 1 });
        break;
      case "repliesSent":
        for (const r of replies) events.push({ at: r.at, value: 1 });
        break;
      case "responseTime":
        for (const r of replies) {
          if (r.waitedSeconds !== undefined) events.push({ at: r.at, value: r.waitedSeconds });
        }
        break;
      case "firstResponseTime": {
        const first = f.firstResponse;
        if (first && replies.some((r) => r.at === first.at)) {
          events.push({ at: first.at, value: first.seconds });
        }
        break;
      }
      case "resolved":
      case "resolutionTime":
        if (resolvedIn(f, interval, userIds) && f.closedAt !== undefined) {
          const seconds = (f.closedAt - f.createdAt) / 1000;
          events.push({ at: f.closedAt, value: kind === "resolved" ? 1 : seconds });
        }
        break;
    }
  }
  const buckets = starts.map(() => [] as typeof events);
  for (const event of events) buckets[bucketOf(starts, event.at)]?.push(event);
  return starts.map((start, index): Point => {
    const inBucket = buckets[index] ?? [];
    const date = isoSeconds(start);
    switch (kind) {
      case "customersHelped":
        return { date, count: new Set(inBucket.map((e) => e.key)).size };
      case "volumeByChannel": {
        const of = (type: string) => inBucket.filter((e) => e.key === type).length;
        return { date, email: of("email"), chat: of("chat"), phone: of("phone") };
      }
      case "firstResponseTime":
      case "responseTime":
      case "resolutionTime":
        return {
          date,
          time: Math.round(average(inBucket.map((e) => e.value))),
          count: inBucket.length,
        };
      default:
        return { date, count: round(inBucket.reduce((sum, e) => sum + e.value, 0)) };
    }
  });
}

function involves(facts: ConversationFacts, userIds: Set<number>): boolean {
  const assignee = facts.conversation.assignee?.id;
  return (
    (assignee !== undefined && userIds.has(assignee)) ||
    facts.replies.some((r) => userIds.has(r.userId))
  );
}

/** Bucket starts (UTC) from the one holding `start` to the one holding `end`; weeks start Monday. */
function bucketStarts(interval: Interval, viewBy: ReportQuery["viewBy"], limit: number): number[] {
  const first = new Date(interval.start);
  first.setUTCHours(0, 0, 0, 0);
  if (viewBy === "week") first.setUTCDate(first.getUTCDate() - ((first.getUTCDay() + 6) % 7));
  if (viewBy === "month") first.setUTCDate(1);
  const starts: number[] = [];
  const cursor = new Date(first);
  while (cursor.getTime() <= interval.end && starts.length < limit) {
    starts.push(cursor.getTime());
    if (viewBy === "day") cursor.setUTCDate(cursor.getUTCDate() + 1);
    else if (viewBy === "week") cursor.setUTCDate(cursor.getUTCDate() + 7);
    else cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return starts;
}

function bucketOf(starts: number[], at: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if ((starts[mid] ?? 0) <= at) low = mid;
    else high = mid - 1;
  }
  return low;
}
