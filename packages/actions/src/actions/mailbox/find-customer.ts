import type { Customer } from "@terapi/helpscout-mailbox";
import { defineAction } from "../../define-action.js";
import { findCustomersByEmail, readCustomer } from "./customer-lookup.js";
import { customerOutputSchema } from "./mailbox-schemas.js";

/** Input of `find-customer`: an id or an email address (exactly one; checked at run time). */
export type FindCustomerInput = { id: number; email?: string } | { email: string; id?: number };

/** Output of `find-customer`. */
export interface FindCustomerOutput {
  /** Whether a customer was found. */
  found: boolean;
  /** The customer, when found. */
  customer?: Customer;
  /** The id given, when that customer had been merged into `customer`. */
  mergedFrom?: number;
  /** Other profiles with the same email address, oldest first (normally none). */
  duplicateIds?: number[];
}

/** Looks a customer up by id or email, following merges; "not found" is an answer, not an error. */
export const findCustomer = defineAction({
  name: "find-customer",
  title: "Find a customer",
  description:
    "Looks a customer up by id or by email address (any of their addresses, exact match). Merge-safe: an id that was merged into another customer gives the surviving customer (mergedFrom names the old id), and an address shared by several profiles gives the oldest one, the others in duplicateIds. Not finding one is an answer (found: false), not an error. Read only.",
  api: "mailbox",
  rerunSafe: true,
  input: {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    additionalProperties: false,
    examples: [{ email: "ada@example.com" }, { id: 123 }],
    properties: {
      id: { type: "integer", minimum: 1, description: "The customer's id." },
      email: { type: "string", format: "email", description: "One of the customer's addresses." },
    },
    oneOf: [{ required: ["id"] }, { required: ["email"] }],
  },
  output: {
    type: "object",
    additionalProperties: false,
    required: ["found"],
    properties: {
      found: { type: "boolean" },
      customer: customerOutputSchema,
      mergedFrom: { type: "integer", description: "The id given, when it was merged." },
      duplicateIds: { type: "array", items: { type: "integer" } },
    },
  },
  async run(input: FindCustomerInput, { mailbox, signal }): Promise<FindCustomerOutput> {
    if (input.id !== undefined) {
      const { customer, mergedFrom } = await readCustomer(mailbox, input.id, signal);
      if (!customer) return { found: false };
      return { found: true, customer, ...(mergedFrom === undefined ? {} : { mergedFrom }) };
    }
    const { customer, duplicateIds } = await findCustomersByEmail(
      mailbox,
      input.email ?? "",
      signal,
    );
    if (!customer) return { found: false };
    return { found: true, customer, ...(duplicateIds.length > 0 ? { duplicateIds } : {}) };
  },
});
