import type { Context } from "hono";
import { vndError } from "../responses.js";
import type { EmulatorEnv, M, MailboxData } from "../types.js";
import { API_ORIGIN, refreshConversation } from "./conversation-model.js";

/** Which API version an answer is for: v2 shows system users as `user`, v3 keeps `system_user`. */
export type ApiVersion = 2 | 3;

/** The request's Hono context as the Mailbox routes see it. */
export type MailboxContext = Context<EmulatorEnv>;

/**
 * A deep copy of stored data for an answer: links rebased onto the request's origin and, for v2,
 * person types `system_user` shown as `user` (as Help Scout normalises them).
 */
export function present<T>(value: T, origin: string, version: ApiVersion): T {
  return JSON.parse(JSON.stringify(value), (key, item: unknown) => {
    if (key === "href" && typeof item === "string" && item.startsWith(API_ORIGIN)) {
      return origin + item.slice(API_ORIGIN.length);
    }
    if (version === 2 && key === "type" && item === "system_user") return "user";
    return item;
  }) as T;
}

/** The origin of the request (links in answers point at it). */
export function originOf(c: Context): string {
  return new URL(c.req.url).origin;
}

/** A conversation as answered, optionally with its threads in `_embedded.threads`. */
export function conversationView(
  data: MailboxData,
  conversation: M["Conversation"],
  options: { origin: string; version: ApiVersion; embedThreads: boolean },
): M["Conversation"] {
  const { _embedded: _, ...rest } = conversation;
  const body: M["Conversation"] = options.embedThreads
    ? { ...rest, _embedded: { threads: data.threads.get(conversation.id) ?? [] } }
    : rest;
  return present(body, options.origin, options.version);
}

/**
 * The conversation named by the `conversationId` path parameter. A merged (old) id answers 301
 * to the surviving conversation on reads and 404 on writes; an unknown id answers 404.
 */
export function conversationFor(
  c: MailboxContext,
  options: { read?: boolean; version?: ApiVersion } = {},
): M["Conversation"] | Response {
  const data = c.get("account").mailbox;
  const id = Number(c.req.param("conversationId"));
  const conversation = data.conversations.get(id);
  if (conversation) return conversation;
  const survivor = data.merged.get(id);
  if (survivor !== undefined && options.read) {
    const location = `${originOf(c)}/v${options.version ?? 2}/conversations/${survivor}`;
    return c.body(null, 301, { location });
  }
  return vndError(c, 404, "Conversation not found");
}

/** Stamps a write on a conversation (`userUpdatedAt` = now) and refreshes what derives from it. */
export function touchConversation(c: MailboxContext, conversation: M["Conversation"]): void {
  conversation.userUpdatedAt = c.get("emulator").clock.iso();
  refreshConversation(c.get("account").mailbox, conversation);
}

/** Emits a conversation webhook event with the v2 conversation (threads embedded). */
export function emitConversation(
  c: MailboxContext,
  event: string,
  conversation: M["Conversation"],
): void {
  const account = c.get("account");
  const payload = conversationView(account.mailbox, conversation, {
    origin: originOf(c),
    version: 2,
    embedThreads: true,
  });
  c.get("emulator").emit(account, event, payload);
}

/** The acting user: `requested` when given and known, else the token's user. */
export function actingUser(c: MailboxContext, requested?: unknown): M["User"] | undefined {
  const users = c.get("account").mailbox.users;
  if (typeof requested === "number") return users.get(requested);
  return users.get(c.get("userId")) ?? users.values().next().value;
}
