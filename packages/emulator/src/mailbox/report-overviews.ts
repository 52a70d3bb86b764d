import type { MailboxData } from "../types.js";
import { type ConversationFacts, repliesIn, resolvedIn, within } from "./report-facts.js";
import {
  compared,
  type Figures,
  figures,
  happiness,
  percent,
  ratingsIn,
} from "./report-figures.js";
import { busyTimes, timeRanges } from "./report-lists.js";
import type { Interval, ReportQuery } from "./report-params.js";

type Overview = Record<string, unknown>;

/** Picks some figures (always with the interval's dates). */
function pick(source: Figures, keys: (keyof Figures)[]): Record<string, string | number> {
  const out: Record<string, string | number> = {
    startDate: source.startDate,
    endDate: source.endDate,
  };
  for (const key of keys) out[key as string] = source[key] as number;
  return out;
}

function overview(
  facts: ConversationFacts[],
  query: ReportQuery,
  keys: (keyof Figures)[],
): Overview {
  const of = (interval: Interval) => pick(figures(facts, interval, query.subject?.userIds), keys);
  return compared(of(query.current), query.previous && of(query.previous));
}

/** `/v2/reports/company`: customers helped, closed, replies and users, plus a row per user. */
export function companyReport(
  data: MailboxData,
  facts: ConversationFacts[],
  query: ReportQuery,
): Overview {
  const head = overview(facts, query, [
    "customersHelped",
    "resolved",
    "repliesSent",
    "activeUsers",
    "totalConversations",
    "repliesPerDay",
    "conversationsPerDay",
  ]);
  const repliers = new Set(facts.flatMap((f) => repliesIn(f, query.current).map((r) => r.userId)));
  const users = [...repliers].flatMap((id) => {
    const user = data.users.get(id);
    if (!user) return [];
    const ids = new Set([id]);
    const row = (interval: Interval) => {
      const all = figures(facts, interval, ids);
      return {
        replies: all.repliesSent,
        customersHelped: all.customersHelped,
        closed: all.resolved,
      };
    };
    const name = [user.firstName, user.lastName].filter(Boolean).join(" ");
    return [
      {
        user: { id, name, email: user.email },
        ...compared(row(query.current), query.previous && row(query.previous)),
      },
    ];
  });
  users.sort((a, b) => b.current.replies - a.current.replies || a.user.id - b.user.id);
  return { ...head, users };
}

/** `/v2/reports/conversations`: volume figures, the busiest slot, top tags and customers. */
export function conversationsReport(
  data: MailboxData,
  facts: ConversationFacts[],
  query: ReportQuery,
): Overview {
  const head = overview(facts, query, [
    "totalConversations",
    "newConversations",
    "customers",
    "conversationsPerDay",
    "messagesReceived",
  ]);
  const created = facts.filter((f) => within(f.createdAt, query.current));
  const busiest = busyTimes(facts, query.current).reduce((a, b) => (b.count > a.count ? b : a));
  const tagCounts = new Map<number, number>();
  const customerCounts = new Map<number, number>();
  for (const f of created) {
    for (const tag of f.conversation.tags ?? [])
      tagCounts.set(tag.id, (tagCounts.get(tag.id) ?? 0) + 1);
    if (f.customerId !== undefined) {
      customerCounts.set(f.customerId, (customerCounts.get(f.customerId) ?? 0) + 1);
    }
  }
  const top = (counts: Map<number, number>) =>
    [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 10);
  const channel = (type: string) => created.filter((f) => f.conversation.type === type).length;
  return {
    ...head,
    busiestDay: busiest,
    tags: {
      count: tagCounts.size,
      top: top(tagCounts).map(([id, count]) => ({
        id,
        name: data.tags.get(id)?.name ?? "",
        count,
        percent: percent(count, created.length),
      })),
    },
    customers: {
      count: customerCounts.size,
      top: top(customerCounts).map(([id, count]) => {
        const customer = data.customers.get(id);
        const name = [customer?.firstName, customer?.lastName].filter(Boolean).join(" ");
        return { id, name, count };
      }),
    },
    channels: { email: channel("email"), chat: channel("chat"), phone: channel("phone") },
  };
}

/** `/v2/reports/productivity`: resolution and response figures with their time-range breakdowns. */
export function productivityReport(facts: ConversationFacts[], query: ReportQuery): Overview {
  const head = overview(facts, query, [
    "totalConversations",
    "resolved",
    "resolvedOnFirstReply",
    "percentResolvedOnFirstReply",
    "repliesSent",
    "repliesToResolve",
    "firstResponseTime",
    "responseTime",
    "resolutionTime",
  ]);
  const replies = facts.flatMap((f) => repliesIn(f, query.current));
  const firsts = facts.flatMap((f) =>
    f.firstResponse && within(f.firstResponse.at, query.current) ? [f.firstResponse.seconds] : [],
  );
  const resolutions = facts.flatMap((f) =>
    resolvedIn(f, query.current) && f.closedAt !== undefined
      ? [(f.closedAt - f.createdAt) / 1000]
      : [],
  );
  return {
    ...head,
    responseTime: timeRanges(replies.flatMap((r) => r.waitedSeconds ?? [])),
    firstResponseTime: timeRanges(firsts),
    resolutionTime: timeRanges(resolutions),
  };
}

/** `/v2/reports/happiness` and `/v2/reports/user/happiness`: rating counts and score. */
export function happinessReport(
  data: MailboxData,
  facts: ConversationFacts[],
  query: ReportQuery,
): Overview {
  const of = (interval: Interval) =>
    happiness(ratingsIn(data.ratings.values(), facts, interval, query.subject?.userIds), interval);
  const body = compared(of(query.current), query.previous && of(query.previous));
  return query.subject ? { user: subjectOf(query), ...body } : body;
}

/** `/v2/reports/user`: one user's or team's work, with their happiness score. */
export function userReport(
  data: MailboxData,
  facts: ConversationFacts[],
  query: ReportQuery,
): Overview {
  const userIds = query.subject?.userIds;
  const of = (interval: Interval) => {
    const mood = happiness(ratingsIn(data.ratings.values(), facts, interval, userIds), interval);
    return {
      ...pick(figures(facts, interval, userIds), [
        "totalConversations",
        "customersHelped",
        "repliesSent",
        "resolved",
        "resolvedOnFirstReply",
        "firstResponseTime",
        "responseTime",
        "resolutionTime",
        "repliesPerDay",
      ]),
      happinessScore: mood.happinessScore,
      ratingsCount: mood.ratingsCount,
    };
  };
  return {
    user: subjectOf(query),
    ...compared(of(query.current), query.previous && of(query.previous)),
  };
}

/** `/v2/reports/{chat,email,phone}`: the figures of one channel (facts already narrowed to it). */
export function channelReport(facts: ConversationFacts[], query: ReportQuery): Overview {
  return overview(facts, query, [
    "totalConversations",
    "newConversations",
    "customersHelped",
    "messagesReceived",
    "repliesSent",
    "resolved",
    "firstResponseTime",
    "responseTime",
    "resolutionTime",
  ]);
}

function subjectOf(query: ReportQuery): Record<string, unknown> {
  const subject = query.subject;
  if (!subject) return {};
  return {
    id: subject.id,
    type: subject.type,
    name: subject.name,
    ...(subject.email ? { email: subject.email } : {}),
  };
}
