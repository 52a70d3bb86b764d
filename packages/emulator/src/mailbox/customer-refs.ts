import type { M, MailboxData } from "../types.js";
import { type FieldProblems, isObject } from "./conversation-validation.js";
import type { MailboxContext } from "./conversation-view.js";
import { checkCustomerBody, createCustomer } from "./customer-create.js";
import { findCustomerByEmail } from "./customer-model.js";
import { customerView } from "./customer-view.js";

/** A customer reference resolved: the customer, or the body to create one from. */
export type ResolvedCustomer =
  | { customer: M["Customer"]; create?: undefined }
  | { customer?: undefined; create: Record<string, unknown> };

/**
 * Resolves a customer reference (Create conversation, create thread): `id` wins (must exist);
 * else an `email` matching an existing customer; else the reference's fields describe a new
 * customer (created by {@link materialize}). Problems are recorded under `path`.
 */
export function resolveCustomerRef(
  data: MailboxData,
  problems: FieldProblems,
  ref: unknown,
  path: string,
): ResolvedCustomer | undefined {
  if (!isObject(ref)) {
    problems.required(path, ref);
    return undefined;
  }
  if (ref.id !== undefined && ref.id !== null) {
    const customer = Number.isInteger(ref.id) ? data.customers.get(ref.id as number) : undefined;
    if (!customer) problems.add(`${path}.id`, "Customer not found", ref.id);
    return customer ? { customer } : undefined;
  }
  if (typeof ref.email === "string") {
    const found = findCustomerByEmail(data, ref.email);
    if (found) return { customer: found };
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(ref.email)) {
      problems.add(`${path}.email`, "must be a well-formed email address", ref.email);
      return undefined;
    }
  } else if (ref.email !== undefined) {
    problems.add(`${path}.email`, "must be a string", ref.email);
    return undefined;
  } else if (typeof ref.firstName !== "string" && typeof ref.phone !== "string") {
    problems.add(path, "A customer needs an id, an email, or a name or phone to create it", ref);
    return undefined;
  }
  const before = problems.errors.length;
  checkCustomerBody(problems, data, ref, `${path}.`);
  return problems.errors.length === before ? { create: ref } : undefined;
}

/** The customer of a resolved reference, creating it (and emitting `customer.created`) if new. */
export function materialize(c: MailboxContext, resolved: ResolvedCustomer): M["Customer"] {
  if (resolved.customer) return resolved.customer;
  const account = c.get("account");
  const email = resolved.create.email;
  const existing =
    typeof email === "string" ? findCustomerByEmail(account.mailbox, email) : undefined;
  if (existing) return existing;
  const emulator = c.get("emulator");
  const customer = createCustomer(account.mailbox, resolved.create, emulator.clock.iso());
  emulator.emit(account, "customer.created", customerView(c, customer));
  return customer;
}
