import type { M } from "../types.js";
import { API_ORIGIN } from "./conversation-model.js";
import { type MailboxContext, originOf, present } from "./conversation-view.js";
import { slugOf } from "./seed-context.js";

const COLORS = ["#4caf50", "#1e88e5", "#fb8c00", "#8e24aa", "#e53935", "#00897b", "#546e7a"];

/**
 * Sets a conversation's full tag list from tag names (matched case-insensitively; unknown names
 * become new tags, emitting `tag.created`) and keeps the tags' `ticketCount` in step.
 */
export function setConversationTags(
  c: MailboxContext,
  conversation: M["Conversation"],
  names: readonly string[],
): void {
  const data = c.get("account").mailbox;
  const now = c.get("emulator").clock.iso();
  const wanted = [...new Map(names.map((n) => [n.trim().toLowerCase(), n.trim()])).values()].filter(
    (name) => name.length > 0,
  );
  const next: M["ConversationTag"][] = wanted.map((name) => {
    let tag = [...data.tags.values()].find((t) => t.name.toLowerCase() === name.toLowerCase());
    if (!tag) {
      const id = data.nextId++;
      tag = {
        id,
        name,
        slug: slugOf(name),
        color: COLORS[id % COLORS.length] ?? "#546e7a",
        ticketCount: 0,
        createdAt: now,
        updatedAt: now,
        _links: { self: { href: `${API_ORIGIN}/v2/tags/${id}` } },
      };
      data.tags.set(id, tag);
      c.get("emulator").emit(c.get("account"), "tag.created", present(tag, originOf(c), 2));
    }
    return { id: tag.id, ...(tag.color ? { color: tag.color } : {}), tag: tag.name };
  });
  const before = new Set((conversation.tags ?? []).map((t) => t.id));
  const after = new Set(next.map((t) => t.id));
  for (const id of before) if (!after.has(id)) adjustCount(data.tags.get(id), -1);
  for (const id of after) if (!before.has(id)) adjustCount(data.tags.get(id), 1);
  conversation.tags = next;
}

/** Removes a conversation's tags from the tags' counts (when it is deleted). */
export function releaseTags(c: MailboxContext, conversation: M["Conversation"]): void {
  const tags = c.get("account").mailbox.tags;
  for (const ref of conversation.tags ?? []) adjustCount(tags.get(ref.id), -1);
}

function adjustCount(tag: M["Tag"] | undefined, delta: number): void {
  if (tag) tag.ticketCount = Math.max(0, (tag.ticketCount ?? 0) + delta);
}
