import {
  type Customer,
  type CustomerPatchRequest,
  createdId,
  customerPatch,
  type MailboxClient,
} from "@terapi/helpscout-mailbox";
import { ActionError } from "../../action-errors.js";
import { defineAction } from "../../define-action.js";
import { findCustomersByEmail, readCustomer } from "./customer-lookup.js";
import { customerOutputSchema } from "./mailbox-schemas.js";

/** The profile fields `upsert-customer` sets (text fields of Help Scout's customer). */
const TEXT_FIELDS = [
  "firstName",
  "lastName",
  "jobTitle",
  "organization",
  "location",
  "background",
  "age",
] as const;

/** Input of `upsert-customer`. */
export interface UpsertCustomerInput {
  /** The address the customer is found by (any of their addresses), or created with. */
  email: string;
  /** First name, 1 to 40 characters. */
  firstName?: string;
  /** Last name, 1 to 40 characters. */
  lastName?: string;
  /** Job title, up to 60 characters. */
  jobTitle?: string;
  /** Company name, up to 60 characters. */
  organization?: string;
  /** Location, up to 60 characters. */
  location?: string;
  /** Notes about the customer, up to 200 characters. */
  background?: string;
  /** Age, as text. */
  age?: string;
  /** Gender. */
  gender?: "male" | "female" | "unknown";
  /** A phone number, added to the customer's phones when missing. */
  phone?: string;
}

/** Output of `upsert-customer`. */
export interface UpsertCustomerOutput {
  /** The customer as it is now, read back. */
  customer: Customer;
  /** True when no customer had the address, so one was created. */
  created: boolean;
  /** Fields changed on an existing customer (empty when created or already up to date). */
  updatedFields: string[];
}

const text = (max: number) => ({ type: "string", minLength: 1, maxLength: max }) as const;

/** Finds a customer by email and updates it, or creates it when there is none. */
export const upsertCustomer = defineAction({
  name: "upsert-customer",
  title: "Create or update a customer",
  description:
    "Finds the customer with this email address (any of their addresses). If there is one, sets the fields given that differ (one write, none when already up to date; a phone number is added to their phones when missing); if there is none, creates the customer with the address and fields. Returns the customer read back, whether it was created and which fields changed. Safe to re-run: it always looks up before it creates, so a run whose outcome is unknown can be repeated.",
  api: "mailbox",
  rerunSafe: true,
  input: {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    additionalProperties: false,
    required: ["email"],
    properties: {
      email: { type: "string", format: "email", description: "Found by, or created with." },
      firstName: text(40),
      lastName: text(40),
      jobTitle: text(60),
      organization: text(60),
      location: text(60),
      background: { ...text(200), description: "Notes about the customer." },
      age: text(20),
      gender: { enum: ["male", "female", "unknown"] },
      phone: { ...text(60), description: "Added to the customer's phones when missing." },
    },
  },
  output: {
    type: "object",
    additionalProperties: false,
    required: ["customer", "created", "updatedFields"],
    properties: {
      customer: customerOutputSchema,
      created: { type: "boolean" },
      updatedFields: { type: "array", items: { type: "string" } },
    },
  },
  async run(input: UpsertCustomerInput, { mailbox, signal }) {
    const found = await findCustomersByEmail(mailbox, input.email, signal);
    let customerId: number;
    let updatedFields: string[] = [];
    if (found.customer) {
      customerId = found.customer.id;
      const { operations, fields } = changesFor(found.customer, input);
      if (operations.length > 0) {
        await mailbox.PATCH("/v2/customers/{customerId}", {
          params: { path: { customerId } },
          body: operations,
          signal,
        });
      }
      updatedFields = fields;
    } else {
      customerId = await create(mailbox, input, signal);
    }
    const { customer } = await readCustomer(mailbox, customerId, signal);
    if (!customer) {
      throw new ActionError({
        action: "upsert-customer",
        code: "read_back_failed",
        status: 502,
        message: `@terapi/helpscout-actions: upsert-customer wrote customer ${customerId}, but reading it back answered 404.`,
        rerunSafe: true,
      });
    }
    return { customer, created: found.customer === undefined, updatedFields };
  },
});

async function create(
  mailbox: MailboxClient,
  input: UpsertCustomerInput,
  signal: AbortSignal | undefined,
): Promise<number> {
  const profile: Record<string, string> = {};
  for (const field of TEXT_FIELDS) {
    const value = input[field];
    if (value !== undefined) profile[field] = value;
  }
  return createdId(
    await mailbox.POST("/v2/customers", {
      body: {
        ...profile,
        ...(input.gender ? { gender: input.gender } : {}),
        emails: [{ type: "work", value: input.email }],
        ...(input.phone ? { phones: [{ type: "work", value: input.phone }] } : {}),
      },
      signal,
    }),
  );
}

/** The JSON Patch operations that bring `customer` to `input`, and the fields they change. */
function changesFor(
  customer: Customer,
  input: UpsertCustomerInput,
): { operations: CustomerPatchRequest; fields: string[] } {
  const operations: CustomerPatchRequest = [];
  const fields: string[] = [];
  for (const field of TEXT_FIELDS) {
    const value = input[field];
    if (value === undefined || customer[field] === value) continue;
    operations.push(customerPatch.set(field, value));
    fields.push(field);
  }
  if (input.gender && customer.gender?.toLowerCase() !== input.gender) {
    operations.push(customerPatch.gender(input.gender));
    fields.push("gender");
  }
  const digits = (phone: string) => phone.replace(/\D/g, "");
  const phones = (customer._embedded?.phones ?? []).map((entry) => digits(entry.value ?? ""));
  if (input.phone && !phones.includes(digits(input.phone))) {
    operations.push(customerPatch.addPhone({ type: "work", value: input.phone }));
    fields.push("phone");
  }
  return { operations, fields };
}
