import { noContent, vndError } from "../responses.js";
import type { M } from "../types.js";
import { customerPerson, userPerson } from "./conversation-model.js";
import { FieldProblems, isObject, readJson } from "./conversation-validation.js";
import {
  actingUser,
  conversationFor,
  emitConversation,
  type MailboxContext,
  touchConversation,
} from "./conversation-view.js";

const OPS = ["add", "move", "remove", "replace"];
const PATHS = ["/assignTo", "/draft", "/mailboxId", "/primaryCustomer.id", "/status", "/subject"];
const STATUSES = ["active", "closed", "pending", "spam"] as const;

/**
 * `PATCH /v2/conversations/{id}`: one JSON-Patch-style operation object. Allowed: replace
 * `/subject`, `/primaryCustomer.id`, `/draft`, `/status`, `/assignTo`; move `/mailboxId`; remove
 * `/assignTo`. Anything else (or a bad value) answers 400; a merged id 404. Emits
 * `convo.status`, `convo.assigned` or `convo.moved` where they apply; answers 204.
 */
export async function patchConversation(c: MailboxContext): Promise<Response> {
  const conversation = conversationFor(c);
  if (conversation instanceof Response) return conversation;
  const read = await readJson(c);
  if (read instanceof Response) return read;
  const body = read.body;
  if (!isObject(body)) {
    return vndError(c, 400, "The body must be one patch operation object {op, path, value}");
  }
  const data = c.get("account").mailbox;
  const p = new FieldProblems();
  const { op, path, value } = body;
  let event: string | undefined;
  switch (`${String(op)} ${String(path)}`) {
    case "replace /subject":
      p.string("value", value, { required: true, max: 998 });
      if (p.ok) conversation.subject = value as string;
      break;
    case "replace /primaryCustomer.id": {
      const customer = Number.isInteger(value) ? data.customers.get(value as number) : undefined;
      if (!customer) p.add("value", "Customer not found", value ?? null);
      else conversation.primaryCustomer = customerPerson(customer);
      break;
    }
    case "replace /draft":
      p.boolean("value", value, true);
      if (p.ok) conversation.state = value ? "draft" : "published";
      break;
    case "move /mailboxId": {
      const mailboxId = value as number;
      if (!Number.isInteger(value) || !data.mailboxes.has(mailboxId)) {
        p.add("value", "Mailbox not found", value ?? null);
      } else if (mailboxId !== conversation.mailboxId) {
        const fields = new Set((data.customFields.get(mailboxId) ?? []).map((f) => f.id));
        conversation.mailboxId = mailboxId;
        conversation.customFields = (conversation.customFields ?? []).filter((f) =>
          fields.has(f.id),
        );
        event = "convo.moved";
      }
      break;
    }
    case "replace /status":
      p.oneOf("value", value, STATUSES, true);
      if (p.ok) {
        setStatus(c, conversation, value as (typeof STATUSES)[number]);
        event = "convo.status";
      }
      break;
    case "replace /assignTo": {
      const user = Number.isInteger(value) ? data.users.get(value as number) : undefined;
      if (!user) p.add("value", "User not found", value ?? null);
      else {
        conversation.assignee = userPerson(user);
        event = "convo.assigned";
      }
      break;
    }
    case "remove /assignTo":
      delete conversation.assignee;
      event = "convo.assigned";
      break;
    default:
      if (!OPS.includes(op as string)) p.add("op", `must be one of: ${OPS.join(", ")}`, op ?? null);
      else if (!PATHS.includes(path as string)) {
        p.add("path", `must be one of: ${PATHS.join(", ")}`, path ?? null);
      } else p.add("op", `Operation "${String(op)}" is not supported on ${String(path)}`, op);
  }
  if (!p.ok) return p.respond(c);
  touchConversation(c, conversation);
  if (event) emitConversation(c, event, conversation);
  return noContent(c);
}

/** Sets a conversation's status, stamping (or clearing) who closed it and when. */
export function setStatus(
  c: MailboxContext,
  conversation: M["Conversation"],
  status: M["ConversationStatus"],
): void {
  if (status === "closed" && conversation.status !== "closed") {
    const user = actingUser(c);
    conversation.closedAt = c.get("emulator").clock.iso();
    if (user) {
      conversation.closedBy = user.id;
      conversation.closedByUser = userPerson(user);
    }
  } else if (status !== "closed") {
    delete conversation.closedAt;
    delete conversation.closedBy;
    delete conversation.closedByUser;
  }
  conversation.status = status;
}
