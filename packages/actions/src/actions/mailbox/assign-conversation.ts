import { conversationPatch } from "@terapi/helpscout-mailbox";
import { defineAction } from "../../define-action.js";
import { writeToConversation } from "./conversation-target.js";
import {
  conversationIdSchema,
  mergedFromSchema,
  writtenConversationIdSchema,
} from "./mailbox-schemas.js";

/** Input of `assign-conversation`. */
export interface AssignConversationInput {
  /** The conversation (a merged one's old id works too). */
  conversationId: number;
  /** The user to assign it to, or `null` to unassign it. */
  userId: number | null;
}

/** Output of `assign-conversation`. */
export interface AssignConversationOutput {
  /** The conversation written to. */
  conversationId: number;
  /** Its assignee now, `null` when unassigned. */
  assigneeId: number | null;
  /** The id given, when that conversation had been merged into `conversationId`. */
  mergedFrom?: number;
}

/** Assigns a conversation to a user, or unassigns it (one JSON Patch write). */
export const assignConversation = defineAction({
  name: "assign-conversation",
  title: "Assign a conversation",
  description:
    "Assigns a conversation to a user (`userId`), or unassigns it (`userId: null`). A merged conversation's old id is followed to the survivor. Safe to re-run.",
  api: "mailbox",
  rerunSafe: true,
  input: {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    additionalProperties: false,
    required: ["conversationId", "userId"],
    properties: {
      conversationId: conversationIdSchema,
      userId: {
        type: ["integer", "null"],
        minimum: 1,
        description: "The user to assign it to; null unassigns it.",
      },
    },
  },
  output: {
    type: "object",
    additionalProperties: false,
    required: ["conversationId", "assigneeId"],
    properties: {
      conversationId: writtenConversationIdSchema,
      assigneeId: { type: ["integer", "null"] },
      mergedFrom: mergedFromSchema,
    },
  },
  async run(input: AssignConversationInput, { mailbox, signal }) {
    const { userId } = input;
    const { conversationId, mergedFrom } = await writeToConversation(
      mailbox,
      input.conversationId,
      signal,
      (id) =>
        mailbox.PATCH("/v2/conversations/{conversationId}", {
          params: { path: { conversationId: id } },
          body: userId === null ? conversationPatch.unassign() : conversationPatch.assign(userId),
          signal,
        }),
    );
    return {
      conversationId,
      assigneeId: userId,
      ...(mergedFrom === undefined ? {} : { mergedFrom }),
    };
  },
});
