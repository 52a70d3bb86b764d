import type { M, MailboxData } from "../types.js";
import {
  attachmentLinks,
  customerPerson,
  primaryEmail,
  threadLinks,
  userPerson,
} from "./conversation-model.js";

/** Who wrote a thread. */
export type ThreadAuthor =
  | { kind: "user"; user: M["User"] }
  | { kind: "customer"; customer: M["Customer"] };

/** What a new thread is made of. */
export interface ThreadSpec {
  type: M["ThreadType"];
  /** HTML body (line items have none). */
  body?: string;
  status: M["ThreadStatus"];
  state: M["ThreadState"];
  author: ThreadAuthor;
  /** The conversation's customer, referenced by every thread. */
  customer?: M["Customer"];
  /** The conversation's assignee when the thread was written. */
  assignee?: M["User"];
  createdAt: string;
  source?: M["Source"];
  cc?: string[];
  bcc?: string[];
  action?: M["ThreadAction"];
  attachments?: readonly M["AttachmentUpload"][];
}

/**
 * Builds a thread of a conversation (ids from `data.nextId`), stores its attachments, and puts it
 * first in the conversation's thread list (threads are kept newest first).
 */
export function addThread(
  data: MailboxData,
  conversationId: number,
  spec: ThreadSpec,
): M["Thread"] {
  const { author, customer } = spec;
  const byCustomer = author.kind === "customer";
  const thread: M["Thread"] = {
    id: data.nextId++,
    type: spec.type,
    status: spec.status,
    state: spec.state,
    ...(spec.action ? { action: spec.action } : {}),
    ...(spec.body === undefined ? {} : { body: spec.body }),
    source: spec.source ?? { type: "api", via: byCustomer ? "customer" : "user" },
    ...(customer ? { customer: customerPerson(customer) } : {}),
    createdBy: byCustomer ? customerPerson(author.customer) : userPerson(author.user),
    ...(spec.assignee ? { assignedTo: userPerson(spec.assignee) } : {}),
    to: !byCustomer && spec.type === "reply" && customer ? toOf(customer) : [],
    cc: spec.cc ?? [],
    bcc: spec.bcc ?? [],
    createdAt: spec.createdAt,
  };
  for (const upload of spec.attachments ?? [])
    storeAttachment(data, conversationId, thread, upload);
  thread._links = threadLinks(thread);
  const list = data.threads.get(conversationId) ?? [];
  list.unshift(thread);
  list.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  data.threads.set(conversationId, list);
  return thread;
}

function toOf(customer: M["Customer"]): string[] {
  const email = primaryEmail(customer);
  return email ? [email] : [];
}

/** Stores an uploaded (base64) file as an attachment of a thread and returns it. */
export function storeAttachment(
  data: MailboxData,
  conversationId: number,
  thread: M["Thread"],
  upload: M["AttachmentUpload"],
): M["Attachment"] {
  const bytes = Buffer.from(upload.data, "base64");
  const id = data.nextId++;
  const attachment: M["Attachment"] = {
    id,
    filename: upload.fileName,
    mimeType: upload.mimeType,
    size: bytes.length,
    ...pngSize(bytes),
    state: "valid",
    _links: attachmentLinks(conversationId, id),
  };
  thread._embedded ??= {};
  thread._embedded.attachments ??= [];
  thread._embedded.attachments.push(attachment);
  data.attachments.set(id, { conversationId, data: bytes.toString("base64"), attachment });
  return attachment;
}

/** Width and height of a PNG (from its IHDR chunk); nothing for other files. */
function pngSize(bytes: Buffer): { width?: number; height?: number } {
  const signature = "89504e470d0a1a0a";
  if (bytes.length < 24 || bytes.subarray(0, 8).toString("hex") !== signature) return {};
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Removes an attachment from its thread and the store; false when there is none. */
export function removeAttachment(data: MailboxData, attachmentId: number): boolean {
  const stored = data.attachments.get(attachmentId);
  if (!stored) return false;
  data.attachments.delete(attachmentId);
  for (const thread of data.threads.get(stored.conversationId) ?? []) {
    const list = thread._embedded?.attachments;
    const index = list?.findIndex((attachment) => attachment.id === attachmentId) ?? -1;
    if (list && index >= 0) list.splice(index, 1);
  }
  return true;
}
