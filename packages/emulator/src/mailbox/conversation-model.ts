import type { M, MailboxData } from "../types.js";

/** The origin stored `_links` are written with; answers rebase them onto the request's origin. */
export const API_ORIGIN = "https://api.helpscout.net";
/** The origin of Help Scout's web app (`web` links are left alone). */
export const WEB_ORIGIN = "https://secure.helpscout.net";

const href = (path: string): M["HalLink"] => ({ href: `${API_ORIGIN}${path}` });

/** A user (or system user) as a person reference, with its real type. */
export function userPerson(user: M["User"]): M["PersonRef"] {
  return {
    id: user.id,
    type: user.type === "system_user" ? "system_user" : "user",
    ...(user.firstName ? { first: user.firstName } : {}),
    ...(user.lastName ? { last: user.lastName } : {}),
    email: user.email,
    ...(user.photoUrl ? { photoUrl: user.photoUrl } : {}),
  };
}

/** The first e-mail address of a customer. */
export function primaryEmail(customer: M["Customer"]): string | undefined {
  return customer._embedded?.emails?.[0]?.value;
}

/** A customer as a person reference (`type: customer`). */
export function customerPerson(customer: M["Customer"]): M["PersonRef"] {
  const email = primaryEmail(customer);
  return {
    id: customer.id,
    type: "customer",
    ...(customer.firstName ? { first: customer.firstName } : {}),
    ...(customer.lastName ? { last: customer.lastName } : {}),
    ...(email ? { email } : {}),
    ...(customer.photoUrl ? { photoUrl: customer.photoUrl } : {}),
  };
}

/** The links of a conversation, from its current fields. */
export function conversationLinks(conversation: M["Conversation"]): M["HalLinks"] {
  const { id, number, mailboxId, primaryCustomer, createdBy, assignee, closedBy } = conversation;
  const links: M["HalLinks"] = {
    self: href(`/v2/conversations/${id}`),
    mailbox: href(`/v2/mailboxes/${mailboxId}`),
    threads: href(`/v2/conversations/${id}/threads`),
    web: { href: `${WEB_ORIGIN}/conversation/${id}/${number}` },
  };
  if (primaryCustomer) links.primaryCustomer = href(`/v2/customers/${primaryCustomer.id}`);
  if (createdBy?.type === "customer")
    links.createdByCustomer = href(`/v2/customers/${createdBy.id}`);
  else if (createdBy) links.createdByUser = href(`/v2/users/${createdBy.id}`);
  if (assignee) links.assignee = href(`/v2/users/${assignee.id}`);
  if (closedBy) links.closedBy = href(`/v2/users/${closedBy}`);
  return links;
}

/** The links of a thread, from its current fields. */
export function threadLinks(thread: M["Thread"]): M["HalLinks"] {
  const links: M["HalLinks"] = {};
  if (thread.customer) links.customer = href(`/v2/customers/${thread.customer.id}`);
  if (thread.createdBy?.type === "customer") {
    links.createdByCustomer = href(`/v2/customers/${thread.createdBy.id}`);
  } else if (thread.createdBy) {
    links.createdByUser = href(`/v2/users/${thread.createdBy.id}`);
  }
  if (thread.assignedTo) links.assignedTo = href(`/v2/users/${thread.assignedTo.id}`);
  return links;
}

/** The links of an attachment of a conversation. */
export function attachmentLinks(conversationId: number, attachmentId: number): M["HalLinks"] {
  const path = `/v2/conversations/${conversationId}/attachments/${attachmentId}`;
  return {
    self: href(path),
    data: href(`${path}/data`),
    web: { href: `${WEB_ORIGIN}/attachment/${attachmentId}` },
  };
}

/** The plain-text excerpt of a thread body used as a conversation's `preview`. */
export function previewOf(body: string): string {
  const text = body
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > 255 ? `${text.slice(0, 252)}...` : text;
}

/** The folder a conversation sits in, from its state, status and assignee. */
export function folderOf(data: MailboxData, conversation: M["Conversation"]): number | undefined {
  const folders = data.folders.get(conversation.mailboxId) ?? [];
  const ofType = (type: string) => folders.find((folder) => folder.type === type)?.id;
  if (conversation.state === "draft") return ofType("drafts");
  if (conversation.status === "spam") return ofType("spam");
  if (conversation.status === "closed") return ofType("closed");
  const assignee = conversation.assignee;
  if (!assignee) return ofType("unassigned");
  const mine = folders.find((f) => f.type === "mytickets" && f.userId === assignee.id);
  return mine?.id ?? ofType("assigned");
}

/** Whether a conversation is listed in a folder (the Assigned folder holds every assigned one). */
export function inFolder(conversation: M["Conversation"], folder: M["Folder"]): boolean {
  if (conversation.folderId === folder.id) return true;
  return (
    folder.type === "assigned" &&
    conversation.assignee !== undefined &&
    conversation.state === "published" &&
    (conversation.status === "active" || conversation.status === "pending")
  );
}

/** Recomputes what follows from a conversation's fields: thread count, folder and links. */
export function refreshConversation(data: MailboxData, conversation: M["Conversation"]): void {
  conversation.threads = data.threads.get(conversation.id)?.length ?? 0;
  const folderId = folderOf(data, conversation);
  if (folderId === undefined) delete conversation.folderId;
  else conversation.folderId = folderId;
  conversation._links = conversationLinks(conversation);
}

/** "3 hours ago"-style text for how long ago `thenMs` was. */
export function friendlyAgo(thenMs: number, nowMs: number): string {
  const minutes = Math.max(0, Math.floor((nowMs - thenMs) / 60_000));
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"} ago`;
  if (minutes < 1) return "just now";
  if (minutes < 60) return unit(minutes, "minute");
  if (minutes < 60 * 24) return unit(Math.floor(minutes / 60), "hour");
  if (minutes < 60 * 24 * 30) return unit(Math.floor(minutes / (60 * 24)), "day");
  if (minutes < 60 * 24 * 365) return unit(Math.floor(minutes / (60 * 24 * 30)), "month");
  return unit(Math.floor(minutes / (60 * 24 * 365)), "year");
}

/** An ISO 8601 date-time as Help Scout writes it: UTC, second precision, `Z`. */
export function toSecondsIso(value: string): string {
  return `${new Date(value).toISOString().slice(0, 19)}Z`;
}
