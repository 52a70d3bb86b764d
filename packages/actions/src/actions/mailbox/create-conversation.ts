import { type Conversation, createdId } from "@terapi/helpscout-mailbox";
import { ActionError } from "../../action-errors.js";
import { defineAction } from "../../define-action.js";
import { readConversation } from "./conversation-target.js";
import { customerRefFor } from "./customer-lookup.js";
import {
  conversationOutputSchema,
  emailListSchema,
  threadStatusSchema,
  userIdSchema,
} from "./mailbox-schemas.js";

const NAME = "create-conversation";

/**
 * The customer of a new conversation: an existing one by `id`, or found (or created) by `email`.
 * One of the two is required (checked at run time).
 */
export interface ConversationCustomerInput {
  /** An existing customer; when given, the other fields are ignored. */
  id?: number;
  /** Looked up; when no customer has it, one is created with the fields below. */
  email?: string;
  /** First name for a new customer, 1 to 40 characters. */
  firstName?: string;
  /** Last name for a new customer, 1 to 40 characters. */
  lastName?: string;
  /** Phone number for a new customer. */
  phone?: string;
}

/** Input of `create-conversation`. */
export interface CreateConversationInput {
  /** The mailbox (inbox) to create it in. */
  mailboxId: number;
  /** Subject, 1 to 998 characters. */
  subject: string;
  /** `{ id }` of an existing customer, or `{ email, firstName?, lastName?, phone? }`. */
  customer: ConversationCustomerInput;
  /** The first message; HTML allowed. */
  text: string;
  /** Channel; `email` by default. */
  type?: "email" | "phone" | "chat";
  /** Kind of the first thread; by default `customer` (email), `phone` or `chat`. */
  threadType?: "customer" | "reply" | "note" | "phone" | "chat";
  /** Initial status; `active` by default. */
  status?: "active" | "pending" | "closed";
  /** User to assign it to. */
  assignTo?: number;
  /** Author of a `reply` or `note` first thread; the token's user by default. */
  user?: number;
  /** Tag names; missing tags are created. */
  tags?: string[];
  /** Custom field values, `{ id, value }`. */
  fields?: { id: number; value: string }[];
  /** CC addresses of the first thread. */
  cc?: string[];
  /** BCC addresses of the first thread. */
  bcc?: string[];
  /** Send the mailbox's auto-reply (customer threads only). */
  autoReply?: boolean;
  /** Historical import: no emails or notifications are sent. */
  imported?: boolean;
  /** Creation time, for imports. */
  createdAt?: string;
}

/** Output of `create-conversation`. */
export interface CreateConversationOutput {
  /** The new conversation, read back with its threads. */
  conversation: Conversation;
  /** Its customer. */
  customerId: number;
  /** True when no customer had the email address, so Help Scout created one. */
  customerCreated: boolean;
}

const DEFAULT_THREAD = { email: "customer", phone: "phone", chat: "chat" } as const;

/** Creates a conversation, finding its customer by email first (one write, then a read). */
export const createConversation = defineAction({
  name: NAME,
  title: "Create a conversation",
  description:
    "Creates a conversation in a mailbox with its first message. The customer is given by id, or by email: the action looks the address up first and uses that customer, and only when none has it does Help Scout create one from the name and phone given. Returns the new conversation (with its threads), the customer id and whether the customer was created. Not safe to re-run: each run creates a conversation.",
  api: "mailbox",
  rerunSafe: false,
  input: {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    additionalProperties: false,
    required: ["mailboxId", "subject", "customer", "text"],
    properties: {
      mailboxId: {
        type: "integer",
        minimum: 1,
        description: "The mailbox (inbox) to create it in.",
      },
      subject: { type: "string", minLength: 1, maxLength: 998 },
      customer: {
        type: "object",
        description:
          "`{ id }` of an existing customer, or `{ email }` (plus firstName, lastName, phone to use if the customer has to be created).",
        additionalProperties: false,
        properties: {
          id: { type: "integer", minimum: 1 },
          email: { type: "string", format: "email" },
          firstName: { type: "string", minLength: 1, maxLength: 40 },
          lastName: { type: "string", minLength: 1, maxLength: 40 },
          phone: { type: "string", minLength: 1 },
        },
        // "id or email" as if/then rather than anyOf, whose type expansion is too deep for tsc.
        if: { not: { required: ["id"] } },
        // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword, not a thenable
        then: { description: "is required when id is not given", required: ["email"] },
      },
      text: { type: "string", minLength: 1, description: "The first message; HTML allowed." },
      type: { enum: ["email", "phone", "chat"], default: "email", description: "Channel." },
      threadType: {
        enum: ["customer", "reply", "note", "phone", "chat"],
        description:
          "Kind of the first thread: `customer` (a message from the customer, default for email), `reply` (an agent writes first), `note`, `phone` (default for phone) or `chat` (default for chat). `phone` and `chat` threads need a conversation of that type.",
      },
      status: { ...threadStatusSchema, default: "active", description: "Initial status." },
      assignTo: { ...userIdSchema, description: "User to assign the conversation to." },
      user: { ...userIdSchema, description: "Author of a reply or note first thread." },
      tags: {
        type: "array",
        items: { type: "string", minLength: 1 },
        uniqueItems: true,
        description: "Tag names; missing tags are created.",
      },
      fields: {
        type: "array",
        description: "Custom field values (dropdowns take the option id).",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["id", "value"],
          properties: { id: { type: "integer", minimum: 1 }, value: { type: "string" } },
        },
      },
      cc: { ...emailListSchema, description: "CC addresses of the first thread." },
      bcc: { ...emailListSchema, description: "BCC addresses of the first thread." },
      autoReply: { type: "boolean", default: false, description: "Send the auto-reply." },
      imported: { type: "boolean", default: false, description: "Import: nothing is sent." },
      createdAt: { type: "string", format: "date-time", description: "Creation time (imports)." },
    },
    allOf: [
      {
        if: { properties: { threadType: { const: "phone" } }, required: ["threadType"] },
        // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword, not a thenable
        then: {
          description: 'must be "phone": a phone thread needs a phone conversation',
          properties: {
            type: {
              const: "phone",
              description: 'must be "phone": a phone thread needs a phone conversation',
            },
          },
          required: ["type"],
        },
      },
      {
        if: { properties: { threadType: { const: "chat" } }, required: ["threadType"] },
        // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword, not a thenable
        then: {
          description: 'must be "chat": a chat thread needs a chat conversation',
          properties: {
            type: {
              const: "chat",
              description: 'must be "chat": a chat thread needs a chat conversation',
            },
          },
          required: ["type"],
        },
      },
    ],
  },
  output: {
    type: "object",
    additionalProperties: false,
    required: ["conversation", "customerId", "customerCreated"],
    properties: {
      conversation: conversationOutputSchema,
      customerId: { type: "integer" },
      customerCreated: { type: "boolean" },
    },
  },
  async run(input: CreateConversationInput, { mailbox, signal }) {
    const type = input.type ?? "email";
    const threadType = input.threadType ?? DEFAULT_THREAD[type];
    // Look up before the one write: a customer found by email is referenced by id.
    const { customer, created: customerCreated } = await customerRefFor(
      mailbox,
      input.customer,
      signal,
    );
    const conversationId = createdId(
      await mailbox.POST("/v2/conversations", {
        body: {
          mailboxId: input.mailboxId,
          subject: input.subject,
          type,
          status: input.status ?? "active",
          customer,
          threads: [
            {
              type: threadType,
              text: input.text,
              ...(threadType === "note" ? {} : { customer }),
              ...(input.user !== undefined ? { user: input.user } : {}),
              ...(input.cc ? { cc: input.cc } : {}),
              ...(input.bcc ? { bcc: input.bcc } : {}),
              ...(input.imported ? { imported: true } : {}),
              ...(input.createdAt ? { createdAt: input.createdAt } : {}),
            },
          ],
          ...(input.assignTo !== undefined ? { assignTo: input.assignTo } : {}),
          ...(input.tags ? { tags: input.tags } : {}),
          ...(input.fields ? { fields: input.fields } : {}),
          ...(input.autoReply ? { autoReply: true } : {}),
          ...(input.imported ? { imported: true } : {}),
          ...(input.createdAt ? { createdAt: input.createdAt } : {}),
          ...(input.user !== undefined ? { user: input.user } : {}),
        },
        signal,
      }),
    );
    try {
      const { conversation } = await readConversation(mailbox, conversationId, signal, true);
      const customerId = conversation.primaryCustomer?.id ?? customer.id ?? 0;
      return { conversation, customerId, customerCreated };
    } catch (cause) {
      // The conversation exists: say so, or a caller would create it again.
      throw new ActionError({
        action: NAME,
        code: "read_back_failed",
        message: `@terapi/helpscout-actions: ${NAME} created conversation ${conversationId}, but reading it back failed (${cause instanceof Error ? cause.message : String(cause)}). Do not run it again: the conversation exists.`,
        rerunSafe: false,
        status: 502,
        cause,
      });
    }
  },
});
