import type { M, MailboxData } from "../types.js";
import type { Interval, ReportQuery } from "./report-params.js";

/** A reply a user sent, with the seconds the customer had waited for it (when they waited). */
export interface ReplyFact {
  at: number;
  userId: number;
  waitedSeconds?: number;
  savedReplyId?: number;
}

/** What the reports need to know about one conversation, read from it and its threads. */
export interface ConversationFacts {
  conversation: M["Conversation"];
  createdAt: number;
  closedAt?: number;
  closedBy?: number;
  customerId?: number;
  /** User replies, oldest first. */
  replies: ReplyFact[];
  /** Times of the customer's messages, oldest first. */
  received: number[];
  /** Seconds from the first customer message to the first reply after it. */
  firstResponse?: { at: number; seconds: number };
  /** Line item threads of manual workflow runs: workflow id and time. */
  workflowRuns: { workflowId: number; at: number }[];
}

const REPLY_TYPES = new Set(["reply", "message", "chat", "phone"]);
const CUSTOMER_TYPES = new Set(["customer", "chat", "phone", "beaconchat"]);

/**
 * The facts of the conversations a report looks at: published, not spam, and matching the
 * `mailboxes`, `tags`, `types` and `folders` filters (each filter keeps a conversation that
 * matches any of its values).
 */
export function selectFacts(data: MailboxData, query: ReportQuery): ConversationFacts[] {
  const selected: ConversationFacts[] = [];
  for (const conversation of data.conversations.values()) {
    if (conversation.state !== "published" || conversation.status === "spam") continue;
    if (query.mailboxes && !query.mailboxes.has(conversation.mailboxId)) continue;
    if (query.types && !query.types.has(conversation.type)) continue;
    if (query.folders && !query.folders.has(conversation.folderId ?? -1)) continue;
    if (query.tags && !(conversation.tags ?? []).some((tag) => query.tags?.has(tag.id))) continue;
    selected.push(factsOf(conversation, data.threads.get(conversation.id) ?? []));
  }
  return selected.sort(
    (a, b) => a.createdAt - b.createdAt || a.conversation.id - b.conversation.id,
  );
}

function factsOf(conversation: M["Conversation"], threads: M["Thread"][]): ConversationFacts {
  const ordered = threads
    .filter((thread) => thread.state === "published")
    .map((thread) => ({ thread, at: Date.parse(thread.createdAt) }))
    .sort((a, b) => a.at - b.at);
  const replies: ReplyFact[] = [];
  const received: number[] = [];
  const workflowRuns: ConversationFacts["workflowRuns"] = [];
  let waitingSince: number | undefined;
  let firstResponse: ConversationFacts["firstResponse"];
  for (const { thread, at } of ordered) {
    const by = thread.createdBy;
    if (by?.type === "customer" && CUSTOMER_TYPES.has(thread.type)) {
      received.push(at);
      waitingSince ??= at;
    } else if (by?.type === "user" && REPLY_TYPES.has(thread.type)) {
      const waitedSeconds =
        waitingSince === undefined ? undefined : Math.round((at - waitingSince) / 1000);
      if (waitedSeconds !== undefined && !firstResponse)
        firstResponse = { at, seconds: waitedSeconds };
      replies.push({
        at,
        userId: by.id,
        ...(waitedSeconds === undefined ? {} : { waitedSeconds }),
        ...(thread.savedReplyId === undefined ? {} : { savedReplyId: thread.savedReplyId }),
      });
      waitingSince = undefined;
    } else if (thread.type === "lineitem" && thread.action?.type === "manual-workflow") {
      const workflowId = Number(thread.action.associatedEntities?.workflow);
      if (Number.isInteger(workflowId)) workflowRuns.push({ workflowId, at });
    }
  }
  const closedAt = conversation.closedAt ? Date.parse(conversation.closedAt) : undefined;
  const closedBy = conversation.closedBy ?? conversation.closedByUser?.id;
  return {
    conversation,
    createdAt: Date.parse(conversation.createdAt),
    ...(closedAt !== undefined && conversation.status === "closed" ? { closedAt } : {}),
    ...(closedBy === undefined ? {} : { closedBy }),
    ...(conversation.primaryCustomer ? { customerId: conversation.primaryCustomer.id } : {}),
    replies,
    received,
    ...(firstResponse ? { firstResponse } : {}),
    workflowRuns,
  };
}

/** Whether a time lies in the interval (both ends included). */
export function within(at: number | undefined, interval: Interval): boolean {
  return at !== undefined && at >= interval.start && at <= interval.end;
}

/** The replies of a conversation in the interval, only by `userIds` when given. */
export function repliesIn(
  facts: ConversationFacts,
  interval: Interval,
  userIds?: Set<number>,
): ReplyFact[] {
  return facts.replies.filter((r) => within(r.at, interval) && (!userIds || userIds.has(r.userId)));
}

/** Whether the conversation was resolved in the interval (by `userIds`, when given). */
export function resolvedIn(
  facts: ConversationFacts,
  interval: Interval,
  userIds?: Set<number>,
): boolean {
  if (!within(facts.closedAt, interval)) return false;
  if (!userIds) return true;
  const by = facts.closedBy ?? facts.conversation.assignee?.id;
  return by !== undefined && userIds.has(by);
}

/**
 * Whether the conversation saw activity in the interval: created, a message, a reply or closed
 * there. For a user report, only their replies and resolutions, or being created while assigned
 * to them, count.
 */
export function activeIn(
  facts: ConversationFacts,
  interval: Interval,
  userIds?: Set<number>,
): boolean {
  if (userIds) {
    const assignee = facts.conversation.assignee?.id;
    return (
      repliesIn(facts, interval, userIds).length > 0 ||
      resolvedIn(facts, interval, userIds) ||
      (assignee !== undefined && userIds.has(assignee) && within(facts.createdAt, interval))
    );
  }
  return (
    within(facts.createdAt, interval) ||
    within(facts.closedAt, interval) ||
    facts.received.some((at) => within(at, interval)) ||
    facts.replies.some((r) => within(r.at, interval))
  );
}
