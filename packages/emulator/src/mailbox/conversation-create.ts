import { created, vndError } from "../responses.js";
import type { M, MailboxData } from "../types.js";
import { checkFieldInputs } from "./conversation-fields.js";
import {
  customerPerson,
  friendlyAgo,
  previewOf,
  toSecondsIso,
  userPerson,
} from "./conversation-model.js";
import { setConversationTags } from "./conversation-tagging.js";
import { checkThreadInput, type ThreadInput, threadTime } from "./conversation-thread-input.js";
import { addThread } from "./conversation-threads.js";
import { FieldProblems, isObject, readObject } from "./conversation-validation.js";
import {
  actingUser,
  emitConversation,
  type MailboxContext,
  touchConversation,
} from "./conversation-view.js";
import { materialize, resolveCustomerRef } from "./customer-refs.js";

/** The highest conversation number handed out per account (numbers are never reused). */
const lastNumbers = new WeakMap<MailboxData, number>();

function nextNumber(data: MailboxData): number {
  let last = lastNumbers.get(data) ?? 0;
  for (const conversation of data.conversations.values())
    last = Math.max(last, conversation.number);
  lastNumbers.set(data, last + 1);
  return last + 1;
}

const THREAD_TYPES = ["customer", "reply", "note", "chat", "phone"] as const;
type CreateThreadType = (typeof THREAD_TYPES)[number];

/**
 * `POST /v2/conversations`: checks the body (400 vnd.error listing every problem), refuses more
 * than 100 threads (412), resolves or creates the customer, and stores the conversation with its
 * threads (the array is chronological, oldest first; threads are kept newest first), tags and
 * custom field values. Answers 201 with `Resource-ID` and emits `convo.created`.
 */
export async function createConversation(c: MailboxContext): Promise<Response> {
  const body = await readObject(c);
  if (body instanceof Response) return body;
  const data = c.get("account").mailbox;
  const p = new FieldProblems();
  p.string("subject", body.subject, { required: true, max: 998 });
  p.oneOf("type", body.type, ["chat", "email", "phone"], true);
  p.id("mailboxId", body.mailboxId, true);
  const mailboxId = Number.isInteger(body.mailboxId) ? (body.mailboxId as number) : undefined;
  if (mailboxId !== undefined && mailboxId > 0 && !data.mailboxes.has(mailboxId)) {
    p.add("mailboxId", "Mailbox not found", mailboxId);
  }
  p.oneOf("status", body.status, ["active", "closed", "pending"], true);
  const customerRef = resolveCustomerRef(data, p, body.customer, "customer");
  if (!Array.isArray(body.threads)) {
    if (p.required("threads", body.threads)) p.add("threads", "must be an array", body.threads);
  } else if (body.threads.length === 0) {
    p.add("threads", "must contain at least one thread", []);
  } else if (body.threads.length > 100) {
    return vndError(c, 412, "A conversation can be created with at most 100 threads");
  }
  const threads: (ThreadInput & { type: CreateThreadType })[] = [];
  (Array.isArray(body.threads) ? body.threads : []).forEach((thread: unknown, index) => {
    const prefix = `threads[${index}].`;
    if (!isObject(thread)) {
      p.add(`threads[${index}]`, "must be an object", thread);
      return;
    }
    p.oneOf(`${prefix}type`, thread.type, THREAD_TYPES, true);
    const input = checkThreadInput(p, data, thread, prefix, { customerRequired: false });
    threads.push({ ...input, type: thread.type as CreateThreadType });
  });
  for (const flag of ["autoReply", "imported"]) p.boolean(flag, body[flag]);
  p.dateTime("createdAt", body.createdAt);
  p.dateTime("closedAt", body.closedAt);
  p.strings("tags", body.tags);
  if (
    body.assignTo !== undefined &&
    body.assignTo !== null &&
    !data.users.has(body.assignTo as number)
  ) {
    p.add("assignTo", "User not found", body.assignTo);
  }
  if (body.user !== undefined && !data.users.has(body.user as number))
    p.add("user", "User not found", body.user);
  const fields =
    body.fields === undefined || body.fields === null
      ? []
      : checkFieldInputs(p, data, mailboxId, body.fields, "fields");
  if (!p.ok || !customerRef) return p.respond(c);

  const now = c.get("emulator").clock.iso();
  const customer = materialize(c, customerRef);
  const actor = actingUser(c, body.user) ?? [...data.users.values()][0];
  const assignee = typeof body.assignTo === "number" ? data.users.get(body.assignTo) : undefined;
  const status = body.status as "active" | "closed" | "pending";
  const draft = threads.some((t) => t.type === "reply" && t.draft);
  const conversation: M["Conversation"] = {
    id: data.nextId++,
    number: nextNumber(data),
    threads: 0,
    type: body.type as M["ConversationType"],
    status,
    state: draft ? "draft" : "published",
    subject: body.subject as string,
    mailboxId: mailboxId as number,
    ...(assignee ? { assignee: userPerson(assignee) } : {}),
    createdAt: typeof body.createdAt === "string" ? toSecondsIso(body.createdAt) : now,
    tags: [],
    cc: [],
    bcc: [],
    primaryCustomer: customerPerson(customer),
    customFields: fields,
    _links: {},
  };
  data.conversations.set(conversation.id, conversation);
  for (const input of threads) {
    const threadCustomer = input.customer ? materialize(c, input.customer) : customer;
    const user = input.user ?? actor;
    const byCustomer = input.type === "customer" || (input.type === "chat" && !input.user);
    addThread(data, conversation.id, {
      type: input.type,
      body: input.text,
      status: input.type === "note" ? "nochange" : input.type === "customer" ? "active" : status,
      state: input.type === "reply" && input.draft ? "draft" : "published",
      author:
        byCustomer || !user
          ? { kind: "customer", customer: threadCustomer }
          : { kind: "user", user },
      customer,
      ...(assignee ? { assignee } : {}),
      createdAt: threadTime(input, now),
      ...(input.cc ? { cc: input.cc } : {}),
      ...(input.bcc ? { bcc: input.bcc } : {}),
      attachments: input.attachments,
    });
  }
  const list = data.threads.get(conversation.id) ?? [];
  const oldest = list[list.length - 1];
  if (oldest?.createdBy) conversation.createdBy = oldest.createdBy;
  conversation.source = {
    type: "api",
    via: oldest?.createdBy?.type === "customer" ? "customer" : "user",
  };
  const latest = list.find((t) => t.type !== "note" && t.body);
  if (latest?.body) conversation.preview = previewOf(latest.body);
  const waiting =
    list.find((t) => t.createdBy?.type === "customer")?.createdAt ?? conversation.createdAt;
  conversation.customerWaitingSince = {
    time: waiting,
    friendly: friendlyAgo(Date.parse(waiting), c.get("emulator").clock.now()),
    latestReplyFrom: latest?.createdBy?.type === "customer" ? "customer" : "user",
  };
  if (status === "closed" && actor) {
    conversation.closedAt = typeof body.closedAt === "string" ? toSecondsIso(body.closedAt) : now;
    conversation.closedBy = actor.id;
    conversation.closedByUser = userPerson(actor);
  }
  if (Array.isArray(body.tags)) setConversationTags(c, conversation, body.tags as string[]);
  touchConversation(c, conversation);
  emitConversation(c, "convo.created", conversation);
  return created(c, conversation.id, `/v2/conversations/${conversation.id}`);
}
