import { createdId } from "@terapi/helpscout-mailbox";
import { ActionError } from "../../action-errors.js";
import { defineAction } from "../../define-action.js";
import { readConversation } from "./conversation-target.js";
import {
  conversationIdSchema,
  emailListSchema,
  type ThreadOutput,
  threadOutputSchema,
  threadStatusSchema,
  userIdSchema,
} from "./mailbox-schemas.js";

const NAME = "reply-to-conversation";

/** Input of `reply-to-conversation`. */
export interface ReplyToConversationInput {
  /** The conversation (a merged one's old id works too). */
  conversationId: number;
  /** The reply; HTML allowed. */
  text: string;
  /** Customer the reply goes to; the conversation's primary customer by default. */
  customerId?: number;
  /** Status after the reply; Help Scout re-activates the conversation by default. */
  status?: "active" | "pending" | "closed";
  /** Author; the token's user by default. */
  user?: number;
  /** Save it as a draft instead of sending it. */
  draft?: boolean;
  /** User to assign the conversation to when the reply is sent. */
  assignTo?: number;
  /** CC addresses. */
  cc?: string[];
  /** BCC addresses. */
  bcc?: string[];
}

/** Output of `reply-to-conversation`. */
export type ReplyToConversationOutput = ThreadOutput;

/** Replies to the customer of a conversation (a read to find it and follow a merge, one write). */
export const replyToConversation = defineAction({
  name: NAME,
  title: "Reply to a conversation",
  description:
    "Sends a reply (or saves a draft) to the customer of a conversation. The conversation is read first, which follows a merge and gives its primary customer when `customerId` is not given. Returns the conversation written to and the new thread's id. Not safe to re-run: each run adds a reply.",
  api: "mailbox",
  rerunSafe: false,
  input: {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    additionalProperties: false,
    required: ["conversationId", "text"],
    properties: {
      conversationId: conversationIdSchema,
      text: { type: "string", minLength: 1, description: "The reply; HTML allowed." },
      customerId: {
        type: "integer",
        minimum: 1,
        description: "Customer the reply goes to; the conversation's primary customer by default.",
      },
      status: threadStatusSchema,
      user: { ...userIdSchema, description: "Author; the token's user by default." },
      draft: { type: "boolean", default: false, description: "Save as a draft, do not send." },
      assignTo: { ...userIdSchema, description: "Assign the conversation when the reply is sent." },
      cc: emailListSchema,
      bcc: emailListSchema,
    },
  },
  output: threadOutputSchema,
  async run(input: ReplyToConversationInput, { mailbox, signal }) {
    const { conversation, mergedFrom } = await readConversation(
      mailbox,
      input.conversationId,
      signal,
    );
    const customerId = input.customerId ?? conversation.primaryCustomer?.id;
    if (customerId === undefined) {
      throw new ActionError({
        action: NAME,
        code: "precondition_failed",
        status: 412,
        message: `@terapi/helpscout-actions: ${NAME}: conversation ${conversation.id} has no primary customer; give customerId.`,
        rerunSafe: true,
      });
    }
    const threadId = createdId(
      await mailbox.POST("/v2/conversations/{conversationId}/reply", {
        params: { path: { conversationId: conversation.id } },
        body: {
          text: input.text,
          customer: { id: customerId },
          ...(input.status ? { status: input.status } : {}),
          ...(input.user !== undefined ? { user: input.user } : {}),
          ...(input.draft ? { draft: true } : {}),
          ...(input.assignTo !== undefined ? { assignTo: input.assignTo } : {}),
          ...(input.cc ? { cc: input.cc } : {}),
          ...(input.bcc ? { bcc: input.bcc } : {}),
        },
        signal,
      }),
    );
    return {
      conversationId: conversation.id,
      threadId,
      ...(mergedFrom === undefined ? {} : { mergedFrom }),
    };
  },
});
