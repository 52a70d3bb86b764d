import type { M, SeedSize } from "../types.js";
import { conversationFieldValue } from "./conversation-fields.js";
import {
  customerPerson,
  friendlyAgo,
  inFolder,
  previewOf,
  refreshConversation,
  userPerson,
} from "./conversation-model.js";
import {
  DAY,
  dateAt,
  HOUR,
  isoAt,
  pickDistinct,
  type SeedContext,
  timeBetween,
} from "./seed-context.js";
import { rateReply, weighted } from "./seed-ratings.js";
import { seedThreads } from "./seed-threads.js";
import { FIRST_NAMES, FREE_EMAIL_DOMAINS, SUBJECTS } from "./seed-words.js";

const STATUSES: [M["ConversationStatus"], number][] = [
  ["active", 0.35],
  ["pending", 0.2],
  ["closed", 0.4],
  ["spam", 0.05],
];

/**
 * Seeds conversations over the past six months (ids and numbers grow with `createdAt`), their
 * threads, tags, custom field values, snoozes and ratings, then two merged (old) ids, the tags'
 * ticket counts and the folders' counts.
 */
export function seedConversations(ctx: SeedContext, size: SeedSize, humans: M["User"][]): void {
  const { random, data, now } = ctx;
  const mailboxes = [...data.mailboxes.values()];
  const customers = [...data.customers.values()];
  const tags = [...data.tags.values()];
  const bot = [...data.users.values()].find((user) => user.type === "system_user");
  if (mailboxes.length === 0 || customers.length === 0 || humans.length === 0) return;
  const starts = Array.from({ length: size.conversations }, () =>
    timeBetween(random, now - 180 * DAY, now - HOUR),
  ).sort((a, b) => a - b);
  let number = random.int(1000, 9000);
  for (const startMs of starts) {
    const mailbox = random.pick(mailboxes);
    let customer = random.pick(customers);
    for (let retry = 0; retry < 5 && Date.parse(customer.createdAt ?? "") > startMs; retry++) {
      customer = random.pick(customers);
    }
    const roll = random.next();
    const type: M["ConversationType"] = roll < 0.7 ? "email" : roll < 0.85 ? "chat" : "phone";
    const status = weighted(ctx, STATUSES);
    const assignee =
      status === "spam" || random.chance(0.25)
        ? undefined
        : bot && random.chance(0.05)
          ? bot
          : random.pick(humans);
    const conversation: M["Conversation"] = {
      id: ctx.id(),
      number: ++number,
      threads: 0,
      type,
      status,
      state: "published",
      subject: random.pick(SUBJECTS),
      mailboxId: mailbox.id,
      ...(assignee ? { assignee: userPerson(assignee) } : {}),
      createdAt: isoAt(startMs),
      source:
        type === "chat"
          ? { type: "beacon", via: "customer" }
          : type === "phone"
            ? { type: "web", via: "user" }
            : { type: random.chance(0.9) ? "email" : "api", via: "customer" },
      tags: pickDistinct(random, tags, random.chance(0.6) ? random.int(1, 3) : 0).map((tag) => ({
        id: tag.id,
        ...(tag.color ? { color: tag.color } : {}),
        tag: tag.name,
      })),
      cc:
        type === "email" && random.chance(0.1)
          ? [`${random.pick(FIRST_NAMES).toLowerCase()}@${random.pick(FREE_EMAIL_DOMAINS)}`]
          : [],
      bcc: [],
      primaryCustomer: customerPerson(customer),
      customFields: customFields(ctx, mailbox.id, startMs),
      _links: {},
    };
    data.conversations.set(conversation.id, conversation);
    seedThreads(ctx, {
      conversation,
      customer,
      assignee,
      agents: humans,
      count: random.int(1, Math.max(1, size.maxThreads)),
      startMs,
    });
    finish(ctx, conversation, assignee ?? random.pick(humans));
  }
  for (let index = 0; index < 2 && data.conversations.size > 0; index++) {
    const survivor = random.pick([...data.conversations.values()]);
    data.merged.set(ctx.id(), survivor.id);
  }
  for (const tag of tags) tag.ticketCount = 0;
  for (const conversation of data.conversations.values()) {
    for (const ref of conversation.tags ?? []) {
      const tag = data.tags.get(ref.id);
      if (tag) tag.ticketCount = (tag.ticketCount ?? 0) + 1;
    }
  }
  for (const [mailboxId, folders] of data.folders) {
    for (const folder of folders) {
      const inside = [...data.conversations.values()].filter(
        (c) => c.mailboxId === mailboxId && inFolder(c, folder),
      );
      folder.totalCount = inside.length;
      folder.activeCount = inside.filter((c) => c.status === "active").length;
    }
  }
}

/** Derives what follows from the threads: preview, times, closer, snooze, rating, links. */
function finish(ctx: SeedContext, conversation: M["Conversation"], closer: M["User"]): void {
  const { random, data, now } = ctx;
  const threads = data.threads.get(conversation.id) ?? [];
  const oldest = threads[threads.length - 1];
  const newest = threads[0];
  const messages = threads.filter(
    (t) => t.type !== "note" && t.type !== "lineitem" && t.state === "published",
  );
  const latest = messages[0];
  const lastCustomer = messages.find((t) => t.createdBy?.type === "customer");
  if (oldest?.createdBy) conversation.createdBy = oldest.createdBy;
  if (latest?.body) conversation.preview = previewOf(latest.body);
  conversation.userUpdatedAt = newest?.createdAt ?? conversation.createdAt;
  const waitingMs = Date.parse(lastCustomer?.createdAt ?? conversation.createdAt);
  conversation.customerWaitingSince = {
    time: isoAt(waitingMs),
    friendly: friendlyAgo(waitingMs, now),
    latestReplyFrom: latest?.createdBy?.type === "customer" ? "customer" : "user",
  };
  if (conversation.status === "closed") {
    const closedBy = threads.find((t) => t.type === "lineitem")?.createdBy;
    conversation.closedBy = closedBy?.id ?? closer.id;
    conversation.closedByUser = closedBy ?? userPerson(closer);
    conversation.closedAt = newest?.createdAt ?? conversation.createdAt;
    const reply = threads.find((t) => t.type === "reply" && t.state === "published");
    if (reply && random.chance(0.25)) rateReply(ctx, conversation, reply);
  }
  if (conversation.status === "pending" && random.chance(0.15)) {
    const until = isoAt(timeBetween(random, now + HOUR, now + 14 * DAY));
    const cancel = random.chance(0.5);
    conversation.snooze = {
      snoozedBy: closer.id,
      snoozedUntil: until,
      unsnoozeOnCustomerReply: cancel,
    };
    conversation.nextEvent = {
      time: until,
      eventType: "snooze",
      userId: closer.id,
      cancelOnCustomerReply: cancel,
    };
  }
  refreshConversation(data, conversation);
}

function customFields(
  ctx: SeedContext,
  mailboxId: number,
  startMs: number,
): M["CustomFieldValue"][] {
  const { random, data } = ctx;
  const values: M["CustomFieldValue"][] = [];
  for (const field of data.customFields.get(mailboxId) ?? []) {
    if (!random.chance(0.5)) continue;
    const raw =
      field.type === "dropdown"
        ? String(random.pick(field.options ?? [{ id: 0, label: "" }]).id)
        : field.type === "number"
          ? String(random.int(1, 200))
          : field.type === "date"
            ? dateAt(startMs + random.int(30, 365) * DAY)
            : `ORD-${random.int(100000, 999999)}`;
    const value = conversationFieldValue(field, raw);
    if (typeof value !== "string") values.push(value);
  }
  return values;
}
