import type { M } from "../types.js";
import { activeIn, type ConversationFacts, repliesIn, resolvedIn, within } from "./report-facts.js";
import type { Interval } from "./report-params.js";

/** Figures of one interval; times are average seconds, rounded. */
export interface Figures {
  [key: string]: string | number;
  startDate: string;
  endDate: string;
  totalConversations: number;
  newConversations: number;
  customers: number;
  customersHelped: number;
  messagesReceived: number;
  repliesSent: number;
  resolved: number;
  resolvedOnFirstReply: number;
  percentResolvedOnFirstReply: number;
  repliesToResolve: number;
  firstResponseTime: number;
  responseTime: number;
  resolutionTime: number;
  activeUsers: number;
  conversationsPerDay: number;
  repliesPerDay: number;
}

/** Happiness figures of one interval. */
export interface HappinessFigures {
  [key: string]: string | number;
  startDate: string;
  endDate: string;
  ratingsCount: number;
  great: number;
  okay: number;
  notGood: number;
  greatPercent: number;
  okayPercent: number;
  notGoodPercent: number;
  /** Share of great ratings minus share of not-good ones, in percent. */
  happinessScore: number;
}

/** Computes the interval's figures over `facts`, restricted to `userIds`' work when given. */
export function figures(
  facts: ConversationFacts[],
  interval: Interval,
  userIds?: Set<number>,
): Figures {
  const active = facts.filter((f) => activeIn(f, interval, userIds));
  const created = active.filter((f) => within(f.createdAt, interval));
  const resolved = active.filter((f) => resolvedIn(f, interval, userIds));
  const replies = active.flatMap((f) => repliesIn(f, interval, userIds));
  const helped = active.filter((f) => repliesIn(f, interval, userIds).length > 0);
  const firstResponses = active.flatMap((f) => {
    const first = f.firstResponse;
    const counts = first && within(first.at, interval);
    const mine =
      first && (!userIds || userIds.has(f.replies.find((r) => r.at === first.at)?.userId ?? -1));
    return counts && mine ? [first.seconds] : [];
  });
  const onFirstReply = resolved.filter((f) => f.replies.length === 1).length;
  const days = Math.max(1, (interval.end - interval.start) / 86_400_000);
  return {
    startDate: interval.startDate,
    endDate: interval.endDate,
    totalConversations: active.length,
    newConversations: created.length,
    customers: distinct(created.map((f) => f.customerId)),
    customersHelped: distinct(helped.map((f) => f.customerId)),
    messagesReceived: active.reduce(
      (sum, f) => sum + f.received.filter((at) => within(at, interval)).length,
      0,
    ),
    repliesSent: replies.length,
    resolved: resolved.length,
    resolvedOnFirstReply: onFirstReply,
    percentResolvedOnFirstReply: percent(onFirstReply, resolved.length),
    repliesToResolve: round(average(resolved.map((f) => f.replies.length))),
    firstResponseTime: Math.round(average(firstResponses)),
    responseTime: Math.round(average(replies.flatMap((r) => r.waitedSeconds ?? []))),
    resolutionTime: Math.round(
      average(resolved.map((f) => ((f.closedAt ?? f.createdAt) - f.createdAt) / 1000)),
    ),
    activeUsers: distinct(replies.map((r) => r.userId)),
    conversationsPerDay: round(active.length / days),
    repliesPerDay: round(replies.length / days),
  };
}

/** The ratings given in the interval on the selected conversations (and to `userIds`). */
export function ratingsIn(
  ratings: Iterable<M["Rating"]>,
  facts: ConversationFacts[],
  interval: Interval,
  userIds?: Set<number>,
): M["Rating"][] {
  const conversations = new Set(facts.map((f) => f.conversation.id));
  return [...ratings].filter(
    (rating) =>
      rating.conversationId !== undefined &&
      conversations.has(rating.conversationId) &&
      within(rating.createdAt ? Date.parse(rating.createdAt) : undefined, interval) &&
      (!userIds || (rating.user !== undefined && userIds.has(rating.user.id))),
  );
}

/** Counts and shares of great, okay and not-good ratings. */
export function happiness(ratings: M["Rating"][], interval: Interval): HappinessFigures {
  const count = (value: string) => ratings.filter((rating) => rating.rating === value).length;
  const great = count("great");
  const okay = count("okay");
  const notGood = count("not_good");
  const total = great + okay + notGood;
  return {
    startDate: interval.startDate,
    endDate: interval.endDate,
    ratingsCount: total,
    great,
    okay,
    notGood,
    greatPercent: percent(great, total),
    okayPercent: percent(okay, total),
    notGoodPercent: percent(notGood, total),
    happinessScore: round(percent(great, total) - percent(notGood, total)),
  };
}

/**
 * `{current, previous, deltas}`: `deltas` holds, per numeric figure, the change from the previous
 * interval in percent (0 when the previous figure was 0).
 */
export function compared<T extends Record<string, string | number>>(
  current: T,
  previous: T | undefined,
): { current: T; previous?: T; deltas?: Record<string, number> } {
  if (!previous) return { current };
  const deltas: Record<string, number> = {};
  for (const [key, value] of Object.entries(current)) {
    const before = previous[key];
    if (typeof value !== "number" || typeof before !== "number") continue;
    deltas[key] = before === 0 ? 0 : round(((value - before) / before) * 100);
  }
  return { current, previous, deltas };
}

/** Two decimals. */
export function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** `part` of `whole` in percent, two decimals (0 for an empty whole). */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : round((part / whole) * 100);
}

/** The mean of the values (0 for none). */
export function average(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;
}

function distinct(values: (number | undefined)[]): number {
  return new Set(values.filter((v) => v !== undefined)).size;
}
