import { Hono } from "hono";
import { created, noContent, vndError } from "../responses.js";
import type { EmulatorEnv } from "../types.js";
import { checkFieldInputs } from "./conversation-fields.js";
import { toSecondsIso } from "./conversation-model.js";
import { setConversationTags } from "./conversation-tagging.js";
import { checkUpload } from "./conversation-thread-input.js";
import { removeAttachment, storeAttachment } from "./conversation-threads.js";
import { FieldProblems, readObject } from "./conversation-validation.js";
import {
  actingUser,
  conversationFor,
  emitConversation,
  type MailboxContext,
  touchConversation,
} from "./conversation-view.js";

const CONVERSATION = "/v2/conversations/:conversationId{[0-9]+}";
const YEAR_2100 = Date.parse("2100-01-01T00:00:00Z");

/**
 * Conversation sub-resources: replace tags (unknown names are created) and custom field values,
 * snooze and unsnooze, and attachments (upload to a thread, read the data, delete). Every write
 * stamps the conversation's `userUpdatedAt`.
 */
export function conversationActionRoutes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  app.put(`${CONVERSATION}/tags`, async (c) => {
    const conversation = conversationFor(c);
    if (conversation instanceof Response) return conversation;
    const body = await readObject(c);
    if (body instanceof Response) return body;
    const p = new FieldProblems();
    if (p.required("tags", body.tags)) p.strings("tags", body.tags);
    if (!p.ok) return p.respond(c);
    setConversationTags(c, conversation, body.tags as string[]);
    touchConversation(c, conversation);
    emitConversation(c, "convo.tags", conversation);
    return noContent(c);
  });

  app.put(`${CONVERSATION}/fields`, async (c) => {
    const conversation = conversationFor(c);
    if (conversation instanceof Response) return conversation;
    const body = await readObject(c);
    if (body instanceof Response) return body;
    const p = new FieldProblems();
    const data = c.get("account").mailbox;
    const values = p.required("fields", body.fields)
      ? checkFieldInputs(p, data, conversation.mailboxId, body.fields, "fields")
      : [];
    if (!p.ok) return p.respond(c);
    conversation.customFields = values;
    touchConversation(c, conversation);
    emitConversation(c, "convo.custom-fields", conversation);
    return noContent(c);
  });

  app.put(`${CONVERSATION}/snooze`, async (c) => {
    const conversation = conversationFor(c);
    if (conversation instanceof Response) return conversation;
    const body = await readObject(c);
    if (body instanceof Response) return body;
    const p = new FieldProblems();
    p.dateTime("snoozedUntil", body.snoozedUntil, true);
    p.boolean("unsnoozeOnCustomerReply", body.unsnoozeOnCustomerReply, true);
    const until =
      typeof body.snoozedUntil === "string" ? Date.parse(body.snoozedUntil) : Number.NaN;
    if (p.ok && !(until > c.get("emulator").clock.now() && until < YEAR_2100)) {
      p.add("snoozedUntil", "must be in the future and before the year 2100", body.snoozedUntil);
    }
    if (!p.ok) return p.respond(c);
    const userId = actingUser(c)?.id ?? c.get("userId");
    const time = toSecondsIso(body.snoozedUntil as string);
    const cancel = body.unsnoozeOnCustomerReply as boolean;
    conversation.snooze = {
      snoozedBy: userId,
      snoozedUntil: time,
      unsnoozeOnCustomerReply: cancel,
    };
    conversation.nextEvent = { time, eventType: "snooze", userId, cancelOnCustomerReply: cancel };
    touchConversation(c, conversation);
    return noContent(c);
  });

  app.delete(`${CONVERSATION}/snooze`, (c) => {
    const conversation = conversationFor(c);
    if (conversation instanceof Response) return conversation;
    unsnooze(conversation);
    touchConversation(c, conversation);
    return noContent(c);
  });

  app.post(`${CONVERSATION}/threads/:threadId{[0-9]+}/attachments`, async (c) => {
    const conversation = conversationFor(c);
    if (conversation instanceof Response) return conversation;
    const data = c.get("account").mailbox;
    const thread = data.threads
      .get(conversation.id)
      ?.find((t) => t.id === Number(c.req.param("threadId")));
    if (!thread) return vndError(c, 404, "Thread not found");
    const body = await readObject(c);
    if (body instanceof Response) return body;
    const p = new FieldProblems();
    const upload = checkUpload(p, body, "");
    if (!p.ok || !upload) return p.respond(c);
    const attachment = storeAttachment(data, conversation.id, thread, upload);
    touchConversation(c, conversation);
    return created(
      c,
      attachment.id,
      `/v2/conversations/${conversation.id}/attachments/${attachment.id}/data`,
    );
  });

  app.get(`${CONVERSATION}/attachments/:attachmentId{[0-9]+}/data`, (c) => {
    const stored = attachmentOf(c);
    if (stored instanceof Response) return stored;
    return c.json({ data: stored.data });
  });

  app.delete(`${CONVERSATION}/attachments/:attachmentId{[0-9]+}`, (c) => {
    const stored = attachmentOf(c);
    if (stored instanceof Response) return stored;
    const data = c.get("account").mailbox;
    removeAttachment(data, stored.attachment.id);
    const conversation = data.conversations.get(stored.conversationId);
    if (conversation) touchConversation(c, conversation);
    return noContent(c);
  });

  return app;
}

/** Removes a conversation's snooze (and the snooze `nextEvent`). */
export function unsnooze(conversation: { snooze?: unknown; nextEvent?: { eventType?: string } }) {
  delete conversation.snooze;
  if (conversation.nextEvent?.eventType === "snooze") delete conversation.nextEvent;
}

function attachmentOf(c: MailboxContext) {
  const conversation = conversationFor(c);
  if (conversation instanceof Response) return conversation;
  const stored = c.get("account").mailbox.attachments.get(Number(c.req.param("attachmentId")));
  if (!stored || stored.conversationId !== conversation.id) {
    return vndError(c, 404, "Attachment not found");
  }
  return stored;
}
