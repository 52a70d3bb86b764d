import { Hono } from "hono";
import { created, noContent, vndError } from "../responses.js";
import type { EmulatorEnv, M } from "../types.js";
import { unsnooze } from "./conversation-actions.js";
import { friendlyAgo, previewOf, userPerson } from "./conversation-model.js";
import { setStatus } from "./conversation-patch.js";
import { checkThreadInput, threadTime } from "./conversation-thread-input.js";
import { threadExtraRoutes } from "./conversation-thread-schedule.js";
import { addThread } from "./conversation-threads.js";
import { FieldProblems, isObject, readJson, readObject } from "./conversation-validation.js";
import {
  type ApiVersion,
  actingUser,
  conversationFor,
  emitConversation,
  type MailboxContext,
  originOf,
  present,
  touchConversation,
} from "./conversation-view.js";
import { materialize } from "./customer-refs.js";
import { pagedList, QueryReader } from "./query-params.js";

const CONVERSATION = "/conversations/:conversationId{[0-9]+}";
const STATUSES = ["active", "all", "closed", "open", "pending", "spam"] as const;
type Kind = "reply" | "notes" | "customer" | "phones" | "chats";

/**
 * Thread routes: list (v2 and v3, newest first, 50 per page), create reply / note / customer /
 * phone / chat threads (201 + `Resource-ID`; 412 once a conversation has 99 threads; the
 * conversation's thread count, status, preview and `userUpdatedAt` follow), edit a thread's text
 * or hide it, plus original source and scheduling.
 */
export function threadsRoutes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  app.get(`/v2${CONVERSATION}/threads`, (c) => listThreads(c, 2));
  app.get(`/v3${CONVERSATION}/threads`, (c) => listThreads(c, 3));
  for (const kind of ["reply", "notes", "customer", "phones", "chats"] as const) {
    app.post(`/v2${CONVERSATION}/${kind}`, (c) => createThread(c, kind));
  }
  app.patch(`/v2${CONVERSATION}/threads/:threadId{[0-9]+}`, async (c) => {
    const conversation = conversationFor(c);
    if (conversation instanceof Response) return conversation;
    const thread = threadFor(c, conversation);
    if (!thread) return vndError(c, 404, "Thread not found");
    const read = await readJson(c);
    if (read instanceof Response) return read;
    if (!isObject(read.body))
      return vndError(c, 400, "The body must be one patch operation object");
    const { op, path, value } = read.body;
    const p = new FieldProblems();
    if (op !== "replace") p.add("op", "must be replace", op ?? null);
    else if (path === "/text") {
      p.string("value", value, { required: true });
      if (p.ok) thread.body = value as string;
    } else if (path === "/hidden") {
      p.boolean("value", value, true);
      if (p.ok && !(thread.type === "customer" || thread.type === "reply")) {
        p.add("path", "Only customer and reply threads can be hidden", path);
      } else if (p.ok && thread.state === "draft") {
        p.add("path", "Draft threads cannot be hidden", path);
      } else if (p.ok) thread.state = value ? "hidden" : "published";
    } else p.add("path", "must be one of: /text, /hidden", path ?? null);
    if (!p.ok) return p.respond(c);
    touchConversation(c, conversation);
    return noContent(c);
  });
  app.route("/", threadExtraRoutes());
  return app;
}

/** The thread named by the `threadId` path parameter, within a conversation. */
export function threadFor(
  c: MailboxContext,
  conversation: M["Conversation"],
): M["Thread"] | undefined {
  const id = Number(c.req.param("threadId"));
  return c
    .get("account")
    .mailbox.threads.get(conversation.id)
    ?.find((t) => t.id === id);
}

function listThreads(c: MailboxContext, version: ApiVersion): Response {
  const q = new QueryReader(c);
  const page = q.page();
  if (!q.problems.ok) return q.problems.respond(c);
  const conversation = conversationFor(c);
  if (conversation instanceof Response) return conversation;
  const threads = c.get("account").mailbox.threads.get(conversation.id) ?? [];
  const origin = originOf(c);
  return pagedList(c, "threads", threads, page, (thread) => present(thread, origin, version));
}

async function createThread(c: MailboxContext, kind: Kind): Promise<Response> {
  const conversation = conversationFor(c);
  if (conversation instanceof Response) return conversation;
  const body = await readObject(c);
  if (body instanceof Response) return body;
  const data = c.get("account").mailbox;
  const p = new FieldProblems();
  const input = checkThreadInput(p, data, body, "", { customerRequired: kind !== "notes" });
  if (kind === "reply" || kind === "notes") p.oneOf("status", body.status, STATUSES);
  const assignTo =
    kind === "reply" && body.assignTo != null ? data.users.get(body.assignTo as number) : undefined;
  if (kind === "reply" && body.assignTo != null && !assignTo)
    p.add("assignTo", "User not found", body.assignTo);
  if (!p.ok) return p.respond(c);
  if ((data.threads.get(conversation.id)?.length ?? 0) >= 99) {
    return vndError(c, 412, "The conversation has reached its thread limit");
  }
  const given = input.customer ? materialize(c, input.customer) : undefined;
  const customerRecord = data.customers.get(conversation.primaryCustomer?.id ?? -1) ?? given;
  const author = given ?? customerRecord;
  const user = input.user ?? actingUser(c);
  const byCustomer = kind === "customer" || kind === "chats";
  if ((byCustomer && !author) || (!byCustomer && !user))
    return vndError(c, 400, "No author for the thread");
  const draft = kind === "reply" && input.draft;
  const status = nextStatus(kind, body.status, input.imported, draft);
  const type: M["ThreadType"] = {
    reply: "reply",
    notes: "note",
    customer: "customer",
    phones: "phone",
    chats: "chat",
  }[kind];
  const thread = addThread(data, conversation.id, {
    type,
    body: input.text,
    status: status === undefined || status === "open" ? "nochange" : status,
    state: draft ? "draft" : "published",
    author:
      byCustomer && author
        ? { kind: "customer", customer: author }
        : { kind: "user", user: user as M["User"] },
    ...(customerRecord ? { customer: customerRecord } : {}),
    ...(assignTo && !draft ? { assignee: assignTo } : {}),
    // `createdAt` is honoured for imported threads (and chats), as Help Scout documents.
    createdAt:
      input.imported || kind === "chats"
        ? threadTime(input, c.get("emulator").clock.iso())
        : c.get("emulator").clock.iso(),
    ...(input.cc ? { cc: input.cc } : {}),
    ...(input.bcc ? { bcc: input.bcc } : {}),
    attachments: input.attachments,
  });
  if (status && status !== conversation.status) setStatus(c, conversation, status);
  if (assignTo && !draft) conversation.assignee = userPerson(assignTo);
  if (!draft && kind !== "notes") conversation.preview = previewOf(input.text);
  if (byCustomer) {
    const now = c.get("emulator").clock;
    conversation.customerWaitingSince = {
      time: thread.createdAt,
      friendly: friendlyAgo(Date.parse(thread.createdAt), now.now()),
      latestReplyFrom: "customer",
    };
    if (conversation.snooze?.unsnoozeOnCustomerReply) unsnooze(conversation);
  } else if (kind === "reply" && !draft && conversation.customerWaitingSince) {
    conversation.customerWaitingSince.latestReplyFrom = "user";
  }
  touchConversation(c, conversation);
  const event = byCustomer
    ? "convo.customer.reply.created"
    : kind === "notes"
      ? "convo.note.created"
      : kind === "reply" && !draft
        ? "convo.agent.reply.created"
        : undefined;
  if (event) emitConversation(c, event, conversation);
  if (assignTo && !draft) emitConversation(c, "convo.assigned", conversation);
  return created(c, thread.id, `/v2/conversations/${conversation.id}/threads/${thread.id}`);
}

/** The conversation status a new thread sets (undefined: unchanged). */
function nextStatus(
  kind: Kind,
  requested: unknown,
  imported: boolean,
  draft: boolean,
): M["ConversationStatus"] | undefined {
  if (draft) return undefined;
  if (typeof requested === "string" && requested !== "all") {
    return requested === "open" ? "active" : (requested as M["ConversationStatus"]);
  }
  if (kind === "reply") return "active";
  if ((kind === "customer" || kind === "chats") && !imported) return "active";
  return undefined;
}
