import { defineAction } from "../../define-action.js";
import { readConversation, writeToConversation } from "./conversation-target.js";
import {
  conversationIdSchema,
  mergedFromSchema,
  writtenConversationIdSchema,
} from "./mailbox-schemas.js";

/** Input of `set-conversation-custom-fields`. */
export interface SetConversationCustomFieldsInput {
  /** The conversation (a merged one's old id works too). */
  conversationId: number;
  /**
   * Values to set, `{ id, value }` (dropdowns take the option id, dates `YYYY-MM-DD`);
   * `value: null` clears that field.
   */
  fields: { id: number; value: string | null }[];
  /**
   * `true`: `fields` becomes the complete set and every other field is cleared. `false` (the
   * default): the other fields keep their values.
   */
  replace?: boolean;
}

/** Output of `set-conversation-custom-fields`. */
export interface SetConversationCustomFieldsOutput {
  /** The conversation written to. */
  conversationId: number;
  /** Every custom field value the conversation has now. */
  fields: { id: number; value: string }[];
  /** The id given, when that conversation had been merged into `conversationId`. */
  mergedFrom?: number;
}

/**
 * Sets custom field values. Help Scout's update replaces the whole set, so by default the
 * current values are read and merged with the ones given; `replace: true` skips the read.
 */
export const setConversationCustomFields = defineAction({
  name: "set-conversation-custom-fields",
  title: "Set custom fields",
  description:
    "Sets custom field values of a conversation (`value: null` clears one). Help Scout replaces the whole set on every update, so by default the action reads the current values and keeps those not given; with `replace: true` the fields given become the complete set (others are cleared) without a read. Values use the field's format: dropdowns take the option id, dates YYYY-MM-DD, numbers as text. A merged conversation's old id is followed to the survivor. Safe to re-run.",
  api: "mailbox",
  rerunSafe: true,
  input: {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    additionalProperties: false,
    required: ["conversationId", "fields"],
    properties: {
      conversationId: conversationIdSchema,
      fields: {
        type: "array",
        description: "Values to set; null clears a field.",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["id", "value"],
          properties: {
            id: { type: "integer", minimum: 1, description: "The custom field's id." },
            value: { type: ["string", "null"], maxLength: 15000 },
          },
        },
      },
      replace: {
        type: "boolean",
        default: false,
        description: "true: the fields given become the complete set; other fields are cleared.",
      },
    },
  },
  output: {
    type: "object",
    additionalProperties: false,
    required: ["conversationId", "fields"],
    properties: {
      conversationId: writtenConversationIdSchema,
      fields: {
        type: "array",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["id", "value"],
          properties: { id: { type: "integer" }, value: { type: "string" } },
        },
      },
      mergedFrom: mergedFromSchema,
    },
  },
  async run(input: SetConversationCustomFieldsInput, { mailbox, signal }) {
    const values = new Map<number, string>();
    let conversationId = input.conversationId;
    let mergedFrom: number | undefined;
    if (!input.replace) {
      const read = await readConversation(mailbox, input.conversationId, signal);
      conversationId = read.conversation.id;
      mergedFrom = read.mergedFrom;
      for (const field of read.conversation.customFields ?? []) {
        if (field.value !== undefined && field.value !== "")
          values.set(field.id, String(field.value));
      }
    }
    for (const { id, value } of input.fields) {
      if (value === null) values.delete(id);
      else values.set(id, value);
    }
    const fields = [...values].map(([id, value]) => ({ id, value }));
    const written = await writeToConversation(mailbox, conversationId, signal, (id) =>
      mailbox.PUT("/v2/conversations/{conversationId}/fields", {
        params: { path: { conversationId: id } },
        body: { fields },
        signal,
      }),
    );
    mergedFrom ??= written.mergedFrom;
    return {
      conversationId: written.conversationId,
      fields,
      ...(mergedFrom === undefined ? {} : { mergedFrom }),
    };
  },
});
