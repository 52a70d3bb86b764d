import type { M } from "../types.js";
import { addThread, type ThreadAuthor, type ThreadSpec } from "./conversation-threads.js";
import { isoAt, MINUTE, type SeedContext } from "./seed-context.js";
import { ATTACHMENTS, CUSTOMER_MESSAGES, NOTES, PHONE_NOTES, REPLIES } from "./seed-words.js";

/** What the thread seeder needs to know about a conversation. */
export interface ThreadScript {
  conversation: M["Conversation"];
  customer: M["Customer"];
  assignee: M["User"] | undefined;
  agents: M["User"][];
  /** How many message threads (line items and drafts come on top). */
  count: number;
  startMs: number;
}

/**
 * Seeds a conversation's threads as a plausible exchange, oldest to newest: the customer's first
 * message (or a logged call), replies and follow-ups, the odd internal note, a "Marked as Closed"
 * line item on closed conversations and now and then an unsent draft reply.
 */
export function seedThreads(ctx: SeedContext, script: ThreadScript): void {
  const { random, data, now } = ctx;
  const { conversation, customer, assignee, agents } = script;
  const id = conversation.id;
  const chat = conversation.type === "chat";
  let time = script.startMs;
  const agent = () => assignee ?? random.pick(agents);
  const asCustomer: ThreadAuthor = { kind: "customer", customer };
  const add = (spec: Omit<ThreadSpec, "customer" | "assignee" | "createdAt">) =>
    addThread(data, id, { ...spec, customer, assignee, createdAt: isoAt(time) });
  const step = () => {
    time = Math.min(now - MINUTE, time + random.int(10, 2 * 24 * 60) * MINUTE);
  };
  const customerSays = () =>
    add({
      type: chat ? "chat" : "customer",
      body: `<p>${random.pick(CUSTOMER_MESSAGES)}</p>`,
      status: "active",
      state: "published",
      author: asCustomer,
      source: chat ? { type: "beacon", via: "customer" } : { type: "email", via: "customer" },
      ...(conversation.cc?.length ? { cc: conversation.cc } : {}),
      ...(!chat && random.chance(0.12) ? { attachments: [upload(random.pick(ATTACHMENTS))] } : {}),
    });
  const agentSays = (status: M["ThreadStatus"]) => {
    const user = agent();
    return add({
      type: chat ? "chat" : "reply",
      body: chat
        ? `<p>${random.pick(REPLIES)}</p>`
        : `<p>Hi ${customer.firstName},</p><p>${random.pick(REPLIES)}</p><p>Best,<br>${user.firstName}</p>`,
      status,
      state: "published",
      author: { kind: "user", user },
      source: { type: "web", via: "user" },
    });
  };
  const note = () =>
    add({
      type: "note",
      body: `<p>${random.pick(NOTES)}</p>`,
      status: "nochange",
      state: "published",
      author: { kind: "user", user: agent() },
      source: { type: "web", via: "user" },
    });

  const finalStatus: M["ThreadStatus"] =
    conversation.status === "open" ? "active" : conversation.status;
  if (conversation.type === "phone") {
    add({
      type: "phone",
      body: `<p>${random.pick(PHONE_NOTES)}</p>`,
      status: script.count === 1 ? finalStatus : "active",
      state: "published",
      author: { kind: "user", user: agent() },
      source: { type: "web", via: "user" },
    });
  } else {
    customerSays();
  }
  let lastFromCustomer = conversation.type !== "phone";
  for (let index = 1; index < script.count && conversation.status !== "spam"; index++) {
    step();
    const last = index === script.count - 1;
    const roll = random.next();
    if (roll < 0.12) {
      note();
    } else if (lastFromCustomer || roll < 0.25) {
      agentSays(last ? finalStatus : "pending");
      lastFromCustomer = false;
    } else {
      customerSays();
      lastFromCustomer = true;
    }
  }
  if (conversation.status === "closed") {
    step();
    const user = agent();
    add({
      type: "lineitem",
      status: "closed",
      state: "published",
      author: { kind: "user", user },
      action: { type: "changed-ticket-status", text: "Marked as Closed", associatedEntities: {} },
      source: { type: "web", via: "user" },
    });
  } else if (conversation.status !== "spam" && random.chance(0.05)) {
    step();
    add({
      type: "reply",
      body: `<p>Hi ${customer.firstName},</p><p>${random.pick(REPLIES)}</p>`,
      status: "nochange",
      state: "draft",
      author: { kind: "user", user: agent() },
      source: { type: "web", via: "user" },
    });
  }
}

function upload([fileName, mimeType, data]: readonly [
  string,
  string,
  string,
]): M["AttachmentUpload"] {
  return { fileName, mimeType, data };
}
