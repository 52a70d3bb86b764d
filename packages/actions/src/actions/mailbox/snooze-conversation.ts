import { defineAction } from "../../define-action.js";
import { writeToConversation } from "./conversation-target.js";
import {
  conversationIdSchema,
  mergedFromSchema,
  writtenConversationIdSchema,
} from "./mailbox-schemas.js";

/** Input of `snooze-conversation`. */
export interface SnoozeConversationInput {
  /** The conversation (a merged one's old id works too). */
  conversationId: number;
  /** When it wakes up: an ISO 8601 time in the future, before 2100. */
  until: string;
  /** Wake it up early when the customer replies; `false` by default. */
  unsnoozeOnCustomerReply?: boolean;
}

/** Output of `snooze-conversation`. */
export interface SnoozeConversationOutput {
  /** The conversation written to. */
  conversationId: number;
  /** When it wakes up, as given. */
  snoozedUntil: string;
  /** Whether a customer reply wakes it up. */
  unsnoozeOnCustomerReply: boolean;
  /** The id given, when that conversation had been merged into `conversationId`. */
  mergedFrom?: number;
}

/** Snoozes a conversation until a time (one write; it replaces an earlier snooze). */
export const snoozeConversation = defineAction({
  name: "snooze-conversation",
  title: "Snooze a conversation",
  description:
    "Snoozes a conversation until a time in the future (before 2100), optionally waking it up early when the customer replies. Replaces an earlier snooze. A merged conversation's old id is followed to the survivor. Safe to re-run.",
  api: "mailbox",
  rerunSafe: true,
  input: {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    additionalProperties: false,
    required: ["conversationId", "until"],
    properties: {
      conversationId: conversationIdSchema,
      until: {
        type: "string",
        format: "date-time",
        description: "When it wakes up (ISO 8601, in the future, before 2100).",
      },
      unsnoozeOnCustomerReply: {
        type: "boolean",
        default: false,
        description: "Wake it up early when the customer replies.",
      },
    },
  },
  output: {
    type: "object",
    additionalProperties: false,
    required: ["conversationId", "snoozedUntil", "unsnoozeOnCustomerReply"],
    properties: {
      conversationId: writtenConversationIdSchema,
      snoozedUntil: { type: "string", format: "date-time" },
      unsnoozeOnCustomerReply: { type: "boolean" },
      mergedFrom: mergedFromSchema,
    },
  },
  async run(input: SnoozeConversationInput, { mailbox, signal }) {
    const unsnoozeOnCustomerReply = input.unsnoozeOnCustomerReply ?? false;
    const { conversationId, mergedFrom } = await writeToConversation(
      mailbox,
      input.conversationId,
      signal,
      (id) =>
        mailbox.PUT("/v2/conversations/{conversationId}/snooze", {
          params: { path: { conversationId: id } },
          body: { snoozedUntil: input.until, unsnoozeOnCustomerReply },
          signal,
        }),
    );
    return {
      conversationId,
      snoozedUntil: input.until,
      unsnoozeOnCustomerReply,
      ...(mergedFrom === undefined ? {} : { mergedFrom }),
    };
  },
});
