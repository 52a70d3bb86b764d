import { defineAction } from "../../define-action.js";
import { writeToConversation } from "./conversation-target.js";
import {
  conversationIdSchema,
  mergedFromSchema,
  writtenConversationIdSchema,
} from "./mailbox-schemas.js";

/** Input of `set-conversation-tags`. */
export interface SetConversationTagsInput {
  /** The conversation (a merged one's old id works too). */
  conversationId: number;
  /** Its complete tag list; `[]` removes every tag. Missing tags are created. */
  tags: string[];
}

/** Output of `set-conversation-tags`. */
export interface SetConversationTagsOutput {
  /** The conversation written to. */
  conversationId: number;
  /** Its tags now. */
  tags: string[];
  /** The id given, when that conversation had been merged into `conversationId`. */
  mergedFrom?: number;
}

/** JSON Schema of a list of tag names. */
export const tagListSchema = {
  type: "array",
  items: { type: "string", minLength: 1 },
  uniqueItems: true,
} as const;

/** Replaces a conversation's tags (one write: Help Scout's tag update replaces the whole list). */
export const setConversationTags = defineAction({
  name: "set-conversation-tags",
  title: "Set a conversation's tags",
  description:
    "Replaces all tags of a conversation with the list given (`[]` removes them all); tags that do not exist yet are created. To add or remove a few tags and keep the others, use update-conversation-tags. A merged conversation's old id is followed to the survivor. Safe to re-run.",
  api: "mailbox",
  rerunSafe: true,
  input: {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    additionalProperties: false,
    required: ["conversationId", "tags"],
    properties: {
      conversationId: conversationIdSchema,
      tags: { ...tagListSchema, description: "The complete tag list; [] removes every tag." },
    },
  },
  output: {
    type: "object",
    additionalProperties: false,
    required: ["conversationId", "tags"],
    properties: {
      conversationId: writtenConversationIdSchema,
      tags: { type: "array", items: { type: "string" } },
      mergedFrom: mergedFromSchema,
    },
  },
  async run(input: SetConversationTagsInput, { mailbox, signal }) {
    const { conversationId, mergedFrom } = await writeToConversation(
      mailbox,
      input.conversationId,
      signal,
      (id) =>
        mailbox.PUT("/v2/conversations/{conversationId}/tags", {
          params: { path: { conversationId: id } },
          body: { tags: input.tags },
          signal,
        }),
    );
    return {
      conversationId,
      tags: input.tags,
      ...(mergedFrom === undefined ? {} : { mergedFrom }),
    };
  },
});
