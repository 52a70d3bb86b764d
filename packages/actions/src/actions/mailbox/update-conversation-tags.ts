import { defineAction } from "../../define-action.js";
import { readConversation } from "./conversation-target.js";
import {
  conversationIdSchema,
  mergedFromSchema,
  writtenConversationIdSchema,
} from "./mailbox-schemas.js";
import { tagListSchema } from "./set-conversation-tags.js";

/** Input of `update-conversation-tags`: at least one of `add` and `remove`. */
export type UpdateConversationTagsInput =
  | { conversationId: number; add: string[]; remove?: string[] }
  | { conversationId: number; remove: string[]; add?: string[] };

/** Output of `update-conversation-tags`. */
export interface UpdateConversationTagsOutput {
  /** The conversation written to. */
  conversationId: number;
  /** Its tags now. */
  tags: string[];
  /** Tags it did not have and now has. */
  added: string[];
  /** Tags it had and no longer has. */
  removed: string[];
  /** The id given, when that conversation had been merged into `conversationId`. */
  mergedFrom?: number;
}

/**
 * Adds and removes tags, keeping the others: reads the tags, then writes the new list (Help Scout
 * only replaces whole lists), and writes nothing when nothing changes.
 */
export const updateConversationTags = defineAction({
  name: "update-conversation-tags",
  title: "Add or remove tags",
  description:
    "Adds tags to a conversation and/or removes tags from it, keeping its other tags (names compare case-insensitively). Reads the current tags, then writes the new list once; writes nothing when nothing changes. A tag in both lists is removed. A merged conversation's old id is followed to the survivor. Safe to re-run.",
  api: "mailbox",
  rerunSafe: true,
  input: {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    additionalProperties: false,
    required: ["conversationId"],
    examples: [{ conversationId: 123, add: ["vip"], remove: ["waiting"] }],
    properties: {
      conversationId: conversationIdSchema,
      add: { ...tagListSchema, description: "Tags to add; missing tags are created." },
      remove: { ...tagListSchema, description: "Tags to remove." },
    },
    anyOf: [{ required: ["add"] }, { required: ["remove"] }],
  },
  output: {
    type: "object",
    additionalProperties: false,
    required: ["conversationId", "tags", "added", "removed"],
    properties: {
      conversationId: writtenConversationIdSchema,
      tags: { type: "array", items: { type: "string" } },
      added: { type: "array", items: { type: "string" } },
      removed: { type: "array", items: { type: "string" } },
      mergedFrom: mergedFromSchema,
    },
  },
  async run(input: UpdateConversationTagsInput, { mailbox, signal }) {
    const { conversation, mergedFrom } = await readConversation(
      mailbox,
      input.conversationId,
      signal,
    );
    const key = (tag: string) => tag.trim().toLowerCase();
    const current = (conversation.tags ?? []).map((tag) => tag.tag ?? "").filter(Boolean);
    const dropping = new Set((input.remove ?? []).map(key));
    const kept = current.filter((tag) => !dropping.has(key(tag)));
    const removed = current.filter((tag) => dropping.has(key(tag)));
    const have = new Set(kept.map(key));
    const added: string[] = [];
    for (const tag of input.add ?? []) {
      if (dropping.has(key(tag)) || have.has(key(tag))) continue;
      have.add(key(tag));
      added.push(tag);
    }
    const tags = [...kept, ...added];
    if (added.length > 0 || removed.length > 0) {
      await mailbox.PUT("/v2/conversations/{conversationId}/tags", {
        params: { path: { conversationId: conversation.id } },
        body: { tags },
        signal,
      });
    }
    return {
      conversationId: conversation.id,
      tags,
      added,
      removed,
      ...(mergedFrom === undefined ? {} : { mergedFrom }),
    };
  },
});
