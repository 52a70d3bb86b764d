import { createdId } from "@terapi/helpscout-mailbox";
import { defineAction } from "../../define-action.js";
import { writeToConversation } from "./conversation-target.js";
import {
  conversationIdSchema,
  type ThreadOutput,
  threadOutputSchema,
  threadStatusSchema,
  userIdSchema,
} from "./mailbox-schemas.js";

/** Input of `add-note`. */
export interface AddNoteInput {
  /** The conversation (a merged one's old id works too). */
  conversationId: number;
  /** The note; HTML allowed. Only your team sees it. */
  text: string;
  /** Author; the token's user by default. */
  user?: number;
  /** Status after the note; unchanged by default. */
  status?: "active" | "pending" | "closed";
}

/** Output of `add-note`. */
export type AddNoteOutput = ThreadOutput;

/** Adds an internal note to a conversation (one write; a merged id is followed). */
export const addNote = defineAction({
  name: "add-note",
  title: "Add a note",
  description:
    "Adds an internal note (seen by your team only) to a conversation, optionally changing its status. A merged conversation's old id is followed to the survivor. Returns the conversation written to and the new thread's id. Not safe to re-run: each run adds a note.",
  api: "mailbox",
  rerunSafe: false,
  input: {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    additionalProperties: false,
    required: ["conversationId", "text"],
    properties: {
      conversationId: conversationIdSchema,
      text: { type: "string", minLength: 1, description: "The note; HTML allowed." },
      user: { ...userIdSchema, description: "Author; the token's user by default." },
      status: threadStatusSchema,
    },
  },
  output: threadOutputSchema,
  async run(input: AddNoteInput, { mailbox, signal }) {
    const { conversationId, mergedFrom, result } = await writeToConversation(
      mailbox,
      input.conversationId,
      signal,
      async (id) =>
        createdId(
          await mailbox.POST("/v2/conversations/{conversationId}/notes", {
            params: { path: { conversationId: id } },
            body: {
              text: input.text,
              ...(input.user !== undefined ? { user: input.user } : {}),
              ...(input.status ? { status: input.status } : {}),
            },
            signal,
          }),
        ),
    );
    return {
      conversationId,
      threadId: result,
      ...(mergedFrom === undefined ? {} : { mergedFrom }),
    };
  },
});
