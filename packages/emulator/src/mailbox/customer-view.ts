import type { M } from "../types.js";
import { type MailboxContext, originOf, present } from "./conversation-view.js";
import { embeddedOf } from "./customer-model.js";

/** A customer as answered (and sent in webhooks): every entry collection present, links rebased. */
export function customerView(c: MailboxContext, customer: M["Customer"]): M["Customer"] {
  embeddedOf(customer);
  return present(customer, originOf(c), 2);
}

/** The customer named by the `customerId` path parameter. */
export function customerFor(c: MailboxContext): M["Customer"] | undefined {
  return c.get("account").mailbox.customers.get(Number(c.req.param("customerId")));
}

/** Stamps a write on a customer (`updatedAt` = now). */
export function touchCustomer(c: MailboxContext, customer: M["Customer"]): void {
  customer.updatedAt = c.get("emulator").clock.iso();
}

/** Emits `customer.updated` with the customer. */
export function emitCustomerUpdated(c: MailboxContext, customer: M["Customer"]): void {
  c.get("emulator").emit(c.get("account"), "customer.updated", customerView(c, customer));
}
