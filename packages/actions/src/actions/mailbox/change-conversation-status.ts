import { conversationPatch } from "@terapi/helpscout-mailbox";
import { defineAction } from "../../define-action.js";
import { writeToConversation } from "./conversation-target.js";
import {
  conversationIdSchema,
  mergedFromSchema,
  writtenConversationIdSchema,
} from "./mailbox-schemas.js";

/** A status a conversation can be set to. */
export type SettableConversationStatus = "active" | "pending" | "closed" | "spam";

/** Input of `change-conversation-status`. */
export interface ChangeConversationStatusInput {
  /** The conversation (a merged one's old id works too). */
  conversationId: number;
  /** The new status. */
  status: SettableConversationStatus;
}

/** Output of `change-conversation-status`. */
export interface ChangeConversationStatusOutput {
  /** The conversation written to. */
  conversationId: number;
  /** Its status now. */
  status: SettableConversationStatus;
  /** The id given, when that conversation had been merged into `conversationId`. */
  mergedFrom?: number;
}

/** Changes the status of a conversation (one JSON Patch write). */
export const changeConversationStatus = defineAction({
  name: "change-conversation-status",
  title: "Change a conversation's status",
  description:
    "Sets a conversation's status to active, pending, closed or spam. A merged conversation's old id is followed to the survivor. Safe to re-run.",
  api: "mailbox",
  rerunSafe: true,
  input: {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    additionalProperties: false,
    required: ["conversationId", "status"],
    properties: {
      conversationId: conversationIdSchema,
      status: { enum: ["active", "pending", "closed", "spam"], description: "The new status." },
    },
  },
  output: {
    type: "object",
    additionalProperties: false,
    required: ["conversationId", "status"],
    properties: {
      conversationId: writtenConversationIdSchema,
      status: { enum: ["active", "pending", "closed", "spam"] },
      mergedFrom: mergedFromSchema,
    },
  },
  async run(input: ChangeConversationStatusInput, { mailbox, signal }) {
    const { conversationId, mergedFrom } = await writeToConversation(
      mailbox,
      input.conversationId,
      signal,
      (id) =>
        mailbox.PATCH("/v2/conversations/{conversationId}", {
          params: { path: { conversationId: id } },
          body: conversationPatch.status(input.status),
          signal,
        }),
    );
    return {
      conversationId,
      status: input.status,
      ...(mergedFrom === undefined ? {} : { mergedFrom }),
    };
  },
});
