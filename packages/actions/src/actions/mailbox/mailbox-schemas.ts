/**
 * JSON Schema fragments shared by the Mailbox actions. Declared `as const` so type tests can
 * derive TypeScript types from the very schemas the validator compiles.
 */

/** A conversation id (not its number). */
export const conversationIdSchema = {
  type: "integer",
  minimum: 1,
  description:
    "Id of the conversation (not its number). A merged conversation's old id works too: the action follows the merge.",
} as const;

/** A Help Scout user id. */
export const userIdSchema = { type: "integer", minimum: 1 } as const;

/** A list of email addresses. */
export const emailListSchema = {
  type: "array",
  items: { type: "string", format: "email" },
} as const;

/** The old id of a merged conversation, in outputs. */
export const mergedFromSchema = {
  type: "integer",
  description: "The id given, when that conversation had been merged into `conversationId`.",
} as const;

/** The conversation an action wrote to, in outputs. */
export const writtenConversationIdSchema = {
  type: "integer",
  description: "The conversation written to (the survivor, when the id given had been merged).",
} as const;

/** A conversation as Help Scout returns it; the fields every answer has are spelled out. */
export const conversationOutputSchema = {
  type: "object",
  description: "The conversation as Help Scout's Mailbox API returns it (Conversation object).",
  required: ["id", "number", "status", "type"],
  properties: {
    id: { type: "integer" },
    number: { type: "integer", description: "The number people see." },
    subject: { type: "string" },
    status: { type: "string" },
    type: { type: "string" },
    mailboxId: { type: "integer" },
  },
} as const;

/** A customer as Help Scout returns it; the fields every answer has are spelled out. */
export const customerOutputSchema = {
  type: "object",
  description: "The customer as Help Scout's Mailbox API returns it (Customer object).",
  required: ["id"],
  properties: {
    id: { type: "integer" },
    firstName: { type: ["string", "null"] },
    lastName: { type: ["string", "null"] },
  },
} as const;

/** The status a thread leaves the conversation in. */
export const threadStatusSchema = {
  enum: ["active", "pending", "closed"],
  description: "Status of the conversation after this thread.",
} as const;

/** The output of actions that add a thread. */
export const threadOutputSchema = {
  type: "object",
  additionalProperties: false,
  required: ["conversationId", "threadId"],
  properties: {
    conversationId: writtenConversationIdSchema,
    threadId: { type: "integer", description: "Id of the new thread." },
    mergedFrom: mergedFromSchema,
  },
} as const;

/** Output of actions that add a thread. */
export interface ThreadOutput {
  /** The conversation written to (the survivor, when the id given had been merged). */
  conversationId: number;
  /** Id of the new thread. */
  threadId: number;
  /** The id given, when that conversation had been merged into `conversationId`. */
  mergedFrom?: number;
}
