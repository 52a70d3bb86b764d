import { type Context, Hono } from "hono";
import { created, hal, noContent } from "../responses.js";
import type { EmulatorEnv, M } from "../types.js";
import { excerpt, findMailbox, linksOf } from "./account-lookups.js";
import {
  FieldErrors,
  type JsonObject,
  notFound,
  optionalString,
  pathId,
  readJsonObject,
  requiredString,
} from "./account-requests.js";

/** The fields of a saved reply a body sets (unknown keys pass through). */
interface ReplyFields {
  [key: string]: unknown;
  name: string;
  text: string;
  chatText?: string;
}

/** Keys the API sets itself; a body cannot overwrite them. */
const SERVER_KEYS = new Set(["id", "_links", "_embedded"]);

/**
 * Saved replies of a mailbox: list (a plain, unpaged JSON array of `{id, name, preview}` sorted
 * by name; replies with only a chat text are listed with `includeChatReplies=true`), get, create
 * (`201` + `Resource-ID`), full replace and delete (`204`).
 */
export function savedRepliesRoutes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  const base = "/v2/mailboxes/:mailboxId/saved-replies";

  app.get(base, (c) => {
    const mailbox = findMailbox(c);
    if (!mailbox) return notFound(c, "Mailbox");
    const withChat = c.req.query("includeChatReplies") === "true";
    const replies = (c.get("account").mailbox.savedReplies.get(mailbox.id) ?? [])
      .filter((reply) => withChat || (reply.text ?? "") !== "")
      .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id)
      .map((reply): M["SavedReplySummary"] => ({
        id: reply.id,
        name: reply.name,
        preview: excerpt(reply.text || reply.chatText),
      }));
    return hal(c, replies);
  });

  app.get(`${base}/:savedReplyId`, (c) => {
    const found = findReply(c);
    if (found instanceof Response) return found;
    const { mailboxId, reply } = found;
    const self = `/v2/mailboxes/${mailboxId}/saved-replies/${reply.id}`;
    return hal(c, { ...reply, _links: linksOf(c, { self }) });
  });

  app.post(base, async (c) => {
    const mailbox = findMailbox(c);
    if (!mailbox) return notFound(c, "Mailbox");
    const body = await readJsonObject(c);
    if (body instanceof Response) return body;
    const data = c.get("account").mailbox;
    const fields = replyFields(body);
    if (fields instanceof FieldErrors) return fields.respond(c);
    const reply: M["SavedReply"] = { ...fields, id: data.nextId++ };
    const replies = data.savedReplies.get(mailbox.id) ?? [];
    replies.push(reply);
    data.savedReplies.set(mailbox.id, replies);
    return created(c, reply.id, `/v2/mailboxes/${mailbox.id}/saved-replies/${reply.id}`);
  });

  app.put(`${base}/:savedReplyId`, async (c) => {
    const found = findReply(c);
    if (found instanceof Response) return found;
    const body = await readJsonObject(c);
    if (body instanceof Response) return body;
    const fields = replyFields(body);
    if (fields instanceof FieldErrors) return fields.respond(c);
    const replies = c.get("account").mailbox.savedReplies.get(found.mailboxId) ?? [];
    replies[found.index] = { ...fields, id: found.reply.id };
    return noContent(c);
  });

  app.delete(`${base}/:savedReplyId`, (c) => {
    const found = findReply(c);
    if (found instanceof Response) return found;
    c.get("account").mailbox.savedReplies.get(found.mailboxId)?.splice(found.index, 1);
    return noContent(c);
  });

  return app;
}

function findReply(
  c: Context<EmulatorEnv>,
): { mailboxId: number; reply: M["SavedReply"]; index: number } | Response {
  const mailbox = findMailbox(c);
  if (!mailbox) return notFound(c, "Mailbox");
  const id = pathId(c, "savedReplyId");
  const replies = c.get("account").mailbox.savedReplies.get(mailbox.id) ?? [];
  const index = replies.findIndex((reply) => reply.id === id);
  const reply = replies[index];
  return reply ? { mailboxId: mailbox.id, reply, index } : notFound(c, "Saved reply");
}

/** The stored fields of a create or full-replace body (unknown keys pass through), or the errors. */
function replyFields(body: JsonObject): ReplyFields | FieldErrors {
  const errors = new FieldErrors();
  const name = requiredString(body, "name", errors, 255);
  const text = requiredString(body, "text", errors);
  const chatText = optionalString(body, "chatText", errors);
  if (!errors.empty || name === undefined || text === undefined) return errors;
  const extra = Object.fromEntries(
    Object.entries(body).filter(([key]) => !SERVER_KEYS.has(key) && body[key] !== null),
  );
  return { ...extra, name, text, ...(chatText === undefined ? {} : { chatText }) };
}
