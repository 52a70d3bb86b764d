import { isHelpScoutError } from "@terapi/helpscout-auth";
import {
  type Customer,
  type CustomerRef,
  type MailboxClient,
  unwrap,
} from "@terapi/helpscout-mailbox";

/** The customers whose email addresses include one address. */
export interface CustomersByEmail {
  /** The customer to use: the oldest profile with the address (it keeps merged profiles). */
  customer: Customer | undefined;
  /** Ids of other profiles with the same address, oldest first (normally none). */
  duplicateIds: number[];
}

/**
 * Finds the customers with an email address (any of their addresses, not only the first) through
 * `GET /v3/customers?email=`, an exact, case-insensitive match. Help Scout keeps an address on one
 * profile, and merging profiles keeps all their addresses on the survivor; should several profiles
 * still share it, the oldest is chosen and the others are reported.
 */
export async function findCustomersByEmail(
  mailbox: MailboxClient,
  email: string,
  signal: AbortSignal | undefined,
): Promise<CustomersByEmail> {
  const page = await unwrap(mailbox.GET("/v3/customers", { params: { query: { email } }, signal }));
  const wanted = email.trim().toLowerCase();
  // The v3 list is newest first (cast: see readConversation); the exact-address check guards against a looser server match.
  const matches = ((page._embedded?.customers ?? []) as Customer[])
    .filter((customer) => emailsOf(customer).includes(wanted))
    .sort((a, b) => createdAtOf(a) - createdAtOf(b) || a.id - b.id);
  const [customer, ...others] = matches;
  return { customer, duplicateIds: others.map((c) => c.id) };
}

/** A customer read by id, following a merge (a merged id answers `301` to the survivor). */
export interface CustomerById {
  customer: Customer | undefined;
  /** The id asked for, when it was merged into `customer`. */
  mergedFrom: number | undefined;
}

/** Reads a customer by id; `customer` is undefined when Help Scout answers `404`. */
export async function readCustomer(
  mailbox: MailboxClient,
  customerId: number,
  signal: AbortSignal | undefined,
): Promise<CustomerById> {
  try {
    const customer = (await unwrap(
      mailbox.GET("/v2/customers/{customerId}", { params: { path: { customerId } }, signal }),
    )) as Customer; // see readConversation on the cast
    return { customer, mergedFrom: customer.id === customerId ? undefined : customerId };
  } catch (error) {
    if (isHelpScoutError(error) && error.code === "not_found") {
      return { customer: undefined, mergedFrom: undefined };
    }
    throw error;
  }
}

/** Every email address of a customer, lower case. */
export function emailsOf(customer: Customer): string[] {
  return (customer._embedded?.emails ?? []).map((entry) => entry.value.trim().toLowerCase());
}

function createdAtOf(customer: Customer): number {
  return Date.parse(customer.createdAt ?? "") || 0;
}

/** A customer given by id, or by email with the fields to create them from. */
export interface CustomerChoice {
  id?: number;
  email?: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
}

/**
 * The customer reference for a write: `{ id }` as given or as found by email, else the email and
 * fields Help Scout creates the customer from (`created: true`).
 */
export async function customerRefFor(
  mailbox: MailboxClient,
  choice: CustomerChoice,
  signal: AbortSignal | undefined,
): Promise<{ customer: CustomerRef; created: boolean }> {
  if (choice.id !== undefined) return { customer: { id: choice.id }, created: false };
  const { email, firstName, lastName, phone } = choice;
  const found = await findCustomersByEmail(mailbox, email ?? "", signal);
  if (found.customer) return { customer: { id: found.customer.id }, created: false };
  return {
    customer: {
      email,
      ...(firstName ? { firstName } : {}),
      ...(lastName ? { lastName } : {}),
      ...(phone ? { phone } : {}),
    },
    created: true,
  };
}
