import type { M, MailboxData } from "../types.js";
import { excerpt } from "./account-lookups.js";
import { type ConversationFacts, repliesIn, within } from "./report-facts.js";
import { average, percent } from "./report-figures.js";
import type { Interval } from "./report-params.js";

/** A page of report rows in the `{pages, page, count, results}` style. */
export interface ReportPage<T> {
  pages: number;
  page: number;
  count: number;
  results: T[];
}

/** Time ranges of the response/resolution breakdowns; `rangeId` of the company drilldown. */
export const TIME_RANGES = [
  { id: 1, label: "< 15 min", upTo: 900 },
  { id: 2, label: "15-30 min", upTo: 1800 },
  { id: 3, label: "30-60 min", upTo: 3600 },
  { id: 4, label: "1-2 hrs", upTo: 7200 },
  { id: 5, label: "2-3 hrs", upTo: 10_800 },
  { id: 6, label: "3-6 hrs", upTo: 21_600 },
  { id: 7, label: "6-12 hrs", upTo: 43_200 },
  { id: 8, label: "12-24 hrs", upTo: 86_400 },
  { id: 9, label: "1-2 days", upTo: 172_800 },
  { id: 10, label: "2+ days", upTo: Number.POSITIVE_INFINITY },
] as const;

/** The `TIME_RANGES` id a duration in seconds falls in. */
export function timeRangeOf(seconds: number): number {
  return TIME_RANGES.find((range) => seconds < range.upTo)?.id ?? TIME_RANGES.length;
}

/** How many of the durations fall in each time range, with their share in percent. */
export function timeRanges(seconds: number[]): {
  count: number;
  ranges: { id: number; label: string; count: number; percent: number }[];
} {
  return {
    count: seconds.length,
    ranges: TIME_RANGES.map((range) => {
      const count = seconds.filter((s) => timeRangeOf(s) === range.id).length;
      return { id: range.id, label: range.label, count, percent: percent(count, seconds.length) };
    }),
  };
}

/** One page of `rows` (1-based `page`). */
export function paged<T>(rows: T[], page: number, size: number): ReportPage<T> {
  return {
    pages: Math.ceil(rows.length / size),
    page,
    count: rows.length,
    results: rows.slice((page - 1) * size, page * size),
  };
}

/** A drilldown row describing one conversation. */
export function conversationRow(
  data: MailboxData,
  facts: ConversationFacts,
): Record<string, unknown> {
  const c = facts.conversation;
  const customer = c.primaryCustomer;
  const assignee = c.assignee;
  return {
    id: c.id,
    number: c.number,
    type: c.type,
    mailboxId: c.mailboxId,
    subject: c.subject ?? "",
    status: c.status,
    threadCount: c.threads ?? data.threads.get(c.id)?.length ?? 0,
    preview: excerpt(c.preview, 120),
    ...(customer
      ? {
          customerId: customer.id,
          customerName: [customer.first, customer.last].filter(Boolean).join(" "),
          customerEmail: customer.email ?? "",
        }
      : {}),
    ...(assignee
      ? {
          assignedId: assignee.id,
          assignedName: [assignee.first, assignee.last].filter(Boolean).join(" "),
        }
      : {}),
    tags: (c.tags ?? []).map((tag) => ({ id: tag.id, name: tag.tag })),
    createdAt: c.createdAt,
    modifiedAt: c.userUpdatedAt ?? c.closedAt ?? c.createdAt,
  };
}

/** A conversation-history row: the conversation plus the subject's work on it in the interval. */
export function historyRow(
  data: MailboxData,
  facts: ConversationFacts,
  interval: Interval,
  userIds: Set<number>,
): Record<string, unknown> {
  const replies = repliesIn(facts, interval, userIds);
  return {
    ...conversationRow(data, facts),
    repliesSent: replies.length,
    responseTime: Math.round(average(replies.flatMap((r) => r.waitedSeconds ?? []))),
    ...(facts.closedAt !== undefined
      ? { resolutionTime: Math.round((facts.closedAt - facts.createdAt) / 1000) }
      : {}),
  };
}

/** A row of the ratings reports (report field names, rating values as the rating object has). */
export function ratingRow(data: MailboxData, rating: M["Rating"]): Record<string, unknown> {
  const conversation =
    rating.conversationId === undefined ? undefined : data.conversations.get(rating.conversationId);
  const customer = rating.customer;
  const user = rating.user;
  return {
    ratingId: rating.id,
    rating: rating.rating,
    id: rating.conversationId,
    number: rating.conversationNumber ?? conversation?.number,
    type: conversation?.type ?? "email",
    mailboxId: rating.mailboxId ?? conversation?.mailboxId,
    threadid: rating.threadId,
    ratingComments: rating.comments ?? "",
    ratingCreatedAt: rating.createdAt,
    ratingModifiedAt: rating.modifiedAt ?? rating.createdAt,
    ...(customer
      ? {
          ratingCustomerId: customer.id,
          ratingCustomerName: [customer.firstName, customer.lastName].filter(Boolean).join(" "),
        }
      : {}),
    ...(user
      ? {
          ratingUserId: user.id,
          ratingUserName: [user.firstName, user.lastName].filter(Boolean).join(" "),
        }
      : {}),
  };
}

/**
 * Busy times: conversations created in the interval per weekday (`day` 1 = Monday … 7 = Sunday)
 * and hour (0–23, UTC); all 168 slots, empty ones with count 0.
 */
export function busyTimes(
  facts: ConversationFacts[],
  interval: Interval,
): { day: number; hour: number; count: number }[] {
  const counts = new Array<number>(7 * 24).fill(0);
  for (const f of facts) {
    if (!within(f.createdAt, interval)) continue;
    const date = new Date(f.createdAt);
    const slot = ((date.getUTCDay() + 6) % 7) * 24 + date.getUTCHours();
    counts[slot] = (counts[slot] ?? 0) + 1;
  }
  return counts.map((count, slot) => ({ day: Math.floor(slot / 24) + 1, hour: slot % 24, count }));
}
