import { Hono } from "hono";
import { noContent, vndError } from "../responses.js";
import type { EmulatorEnv, M } from "../types.js";
import { previewOf, toSecondsIso } from "./conversation-model.js";
import { FieldProblems, isObject, readJson, readObject } from "./conversation-validation.js";
import {
  actingUser,
  conversationFor,
  emitConversation,
  type MailboxContext,
  touchConversation,
} from "./conversation-view.js";

const THREAD = "/v2/conversations/:conversationId{[0-9]+}/threads/:threadId{[0-9]+}";
const YEAR_2100 = Date.parse("2100-01-01T00:00:00Z");

/**
 * A thread's original source (`{original}` as JSON, or the raw message for
 * `Accept: message/rfc822`) and "Send Later" scheduling of draft replies: schedule (PUT), send
 * now (PATCH `/state` → `published`) and unschedule (DELETE).
 */
export function threadExtraRoutes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  app.get(`${THREAD}/original-source`, (c) => {
    const found = conversationAndThread(c);
    if (found instanceof Response) return found;
    const raw = originalSource(c, ...found);
    if ((c.req.header("accept") ?? "").includes("message/rfc822")) {
      return c.body(raw, 200, { "content-type": "message/rfc822" });
    }
    return c.json({ original: raw });
  });

  app.put(`${THREAD}/schedule`, async (c) => {
    const found = conversationAndThread(c);
    if (found instanceof Response) return found;
    const [conversation, thread] = found;
    const body = await readObject(c);
    if (body instanceof Response) return body;
    const p = new FieldProblems();
    if (thread.state !== "draft" || !["reply", "forwardparent"].includes(thread.type)) {
      p.add("threadId", "Only draft reply or forward threads can be scheduled", thread.id);
    }
    p.dateTime("scheduledFor", body.scheduledFor, true);
    p.boolean("unscheduleOnCustomerReply", body.unscheduleOnCustomerReply, true);
    p.boolean("sendAsCreator", body.sendAsCreator);
    const at = typeof body.scheduledFor === "string" ? Date.parse(body.scheduledFor) : Number.NaN;
    if (p.ok && !(at > c.get("emulator").clock.now() && at < YEAR_2100)) {
      p.add("scheduledFor", "must be in the future and before the year 2100", body.scheduledFor);
    }
    if (!p.ok) return p.respond(c);
    const userId = actingUser(c)?.id ?? c.get("userId");
    const time = toSecondsIso(body.scheduledFor as string);
    const cancel = body.unscheduleOnCustomerReply as boolean;
    thread.scheduled = {
      scheduledBy: userId,
      createdAt: c.get("emulator").clock.iso(),
      scheduledFor: time,
      unscheduleOnCustomerReply: cancel,
    };
    conversation.nextEvent = {
      time,
      eventType: "scheduled",
      userId,
      cancelOnCustomerReply: cancel,
    };
    touchConversation(c, conversation);
    return noContent(c);
  });

  app.patch(`${THREAD}/schedule`, async (c) => {
    const found = conversationAndThread(c);
    if (found instanceof Response) return found;
    const [conversation, thread] = found;
    const read = await readJson(c);
    if (read instanceof Response) return read;
    const body = isObject(read.body) ? read.body : {};
    const p = new FieldProblems();
    if (body.op !== "replace") p.add("op", "must be replace", body.op ?? null);
    if (body.path !== "/state") p.add("path", "must be /state", body.path ?? null);
    if (body.value !== "published") p.add("value", "must be published", body.value ?? null);
    if (p.ok && !thread.scheduled) p.add("threadId", "The thread is not scheduled", thread.id);
    if (!p.ok) return p.respond(c);
    delete thread.scheduled;
    thread.state = "published";
    thread.createdAt = c.get("emulator").clock.iso();
    clearScheduleEvent(conversation);
    if (conversation.state === "draft") conversation.state = "published";
    if (thread.body) conversation.preview = previewOf(thread.body);
    touchConversation(c, conversation);
    emitConversation(c, "convo.agent.reply.created", conversation);
    return noContent(c);
  });

  app.delete(`${THREAD}/schedule`, (c) => {
    const found = conversationAndThread(c);
    if (found instanceof Response) return found;
    const [conversation, thread] = found;
    if (thread.scheduled) {
      delete thread.scheduled;
      clearScheduleEvent(conversation);
      touchConversation(c, conversation);
    }
    return noContent(c);
  });

  return app;
}

function clearScheduleEvent(conversation: M["Conversation"]): void {
  if (conversation.nextEvent?.eventType === "scheduled") delete conversation.nextEvent;
}

function conversationAndThread(c: MailboxContext): [M["Conversation"], M["Thread"]] | Response {
  const conversation = conversationFor(c);
  if (conversation instanceof Response) return conversation;
  const id = Number(c.req.param("threadId"));
  const thread = c
    .get("account")
    .mailbox.threads.get(conversation.id)
    ?.find((t) => t.id === id);
  return thread ? [conversation, thread] : vndError(c, 404, "Thread not found");
}

/** The raw RFC 822 message of a thread, rebuilt from what the emulator stores. */
function originalSource(
  c: MailboxContext,
  conversation: M["Conversation"],
  thread: M["Thread"],
): string {
  const data = c.get("account").mailbox;
  const mailbox = data.mailboxes.get(conversation.mailboxId);
  const person = (ref: M["PersonRef"] | undefined) => {
    const name = [ref?.first, ref?.last].filter(Boolean).join(" ");
    return name ? `"${name}" <${ref?.email ?? ""}>` : `<${ref?.email ?? ""}>`;
  };
  const mailboxAddress = `"${mailbox?.name ?? "Support"}" <${mailbox?.email ?? ""}>`;
  const fromCustomer = thread.createdBy?.type === "customer";
  const headers = [
    `From: ${fromCustomer ? person(thread.createdBy) : mailboxAddress}`,
    `To: ${fromCustomer ? mailboxAddress : (thread.to ?? []).join(", ") || person(thread.customer)}`,
    ...(thread.cc?.length ? [`Cc: ${thread.cc.join(", ")}`] : []),
    `Subject: ${conversation.subject ?? ""}`,
    `Date: ${new Date(thread.createdAt).toUTCString().replace("GMT", "+0000")}`,
    `Message-ID: <${thread.id}.${conversation.id}@helpscout.net>`,
    "MIME-Version: 1.0",
    'Content-Type: text/html; charset="UTF-8"',
    "Content-Transfer-Encoding: 8bit",
  ];
  return `${headers.join("\r\n")}\r\n\r\n${thread.body ?? ""}\r\n`;
}
