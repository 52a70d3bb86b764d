import { Hono } from "hono";
import { created, hal, noContent, vndError } from "../responses.js";
import type { EmulatorEnv, M } from "../types.js";
import { FieldProblems, readJson, readObject } from "./conversation-validation.js";
import type { MailboxContext } from "./conversation-view.js";
import { deleteConversation } from "./conversations.js";
import {
  assignScalars,
  checkCustomerBody,
  checkCustomerScalars,
  createCustomer,
} from "./customer-create.js";
import { customerEntryRoutes } from "./customer-entries.js";
import { findCustomerByEmail } from "./customer-model.js";
import { applyCustomerPatch } from "./customer-patch.js";
import { customerPropertyRoutes } from "./customer-properties.js";
import { customerMatcher, readCustomerQuery } from "./customer-search.js";
import { customerV3Routes } from "./customer-v3.js";
import { customerFor, customerView, emitCustomerUpdated, touchCustomer } from "./customer-view.js";
import { pagedList, QueryReader } from "./query-params.js";
import { evaluateQuery, QuerySyntaxError } from "./query-parser.js";

const CUSTOMER = "/v2/customers/:customerId{[0-9]+}";
const SORT_FIELDS = ["score", "firstName", "lastName", "modifiedAt"] as const;

/**
 * Customer routes: list (filters, `query` search, sorting; default newest first), get, create
 * (201 + `Resource-ID`), overwrite (PUT; omitted fields become null), JSON-Patch array update,
 * delete (with the customer's conversations; `async=true` → 202), plus entries, address,
 * property values and definitions, and the v3 reads. Writes stamp `updatedAt` and emit
 * `customer.created` / `customer.updated` / `customer.deleted`.
 */
export function customersRoutes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  app.get("/v2/customers", (c) => {
    const q = new QueryReader(c);
    const mailbox = q.int("mailbox");
    const firstName = q.string("firstName")?.toLowerCase();
    const lastName = q.string("lastName")?.toLowerCase();
    const modifiedSince = q.dateTime("modifiedSince");
    const sortField = q.oneOf("sortField", SORT_FIELDS, "score");
    const sortOrder = q.oneOf("sortOrder", ["asc", "desc"] as const, "desc");
    const query = readCustomerQuery(q);
    const page = q.page();
    if (!q.problems.ok) return q.problems.respond(c);
    const data = c.get("account").mailbox;
    const inMailbox = mailbox === undefined ? undefined : customersOfMailbox(c, mailbox);
    try {
      const selected = [...data.customers.values()].filter(
        (customer) =>
          (!inMailbox || inMailbox.has(customer.id)) &&
          (firstName === undefined || customer.firstName?.toLowerCase() === firstName) &&
          (lastName === undefined || customer.lastName?.toLowerCase() === lastName) &&
          (modifiedSince === undefined ||
            Date.parse(customer.updatedAt ?? customer.createdAt ?? "") >= modifiedSince) &&
          (!query || evaluateQuery(query, customerMatcher(customer))),
      );
      const sorted = sortCustomers(selected, sortField, sortOrder);
      return pagedList(c, "customers", sorted, page, (customer) => customerView(c, customer));
    } catch (error) {
      if (!(error instanceof QuerySyntaxError)) throw error;
      const p = new FieldProblems("QUERY");
      p.add("query", error.message, c.req.query("query"));
      return p.respond(c);
    }
  });

  app.post("/v2/customers", async (c) => {
    const body = await readObject(c);
    if (body instanceof Response) return body;
    const data = c.get("account").mailbox;
    const p = new FieldProblems();
    checkCustomerBody(p, data, body);
    const emails = Array.isArray(body.emails) ? body.emails : [];
    emails.forEach((entry: unknown, index) => {
      const value = (entry as { value?: unknown } | null)?.value;
      const owner = typeof value === "string" ? findCustomerByEmail(data, value) : undefined;
      if (owner) p.add(`emails[${index}].value`, `already belongs to customer ${owner.id}`, value);
    });
    if (!p.ok) return p.respond(c);
    const customer = createCustomer(data, body, c.get("emulator").clock.iso());
    c.get("emulator").emit(c.get("account"), "customer.created", customerView(c, customer));
    return created(c, customer.id, `/v2/customers/${customer.id}`);
  });

  app.get(CUSTOMER, (c) => {
    const customer = customerFor(c);
    return customer ? hal(c, customerView(c, customer)) : vndError(c, 404, "Customer not found");
  });

  app.put(CUSTOMER, async (c) => {
    const customer = customerFor(c);
    if (!customer) return vndError(c, 404, "Customer not found");
    const body = await readObject(c);
    if (body instanceof Response) return body;
    const p = new FieldProblems();
    checkCustomerScalars(p, body);
    if (!p.ok) return p.respond(c);
    assignScalars(customer, body, true);
    touchCustomer(c, customer);
    emitCustomerUpdated(c, customer);
    return noContent(c);
  });

  app.patch(CUSTOMER, async (c) => {
    const customer = customerFor(c);
    if (!customer) return vndError(c, 404, "Customer not found");
    const read = await readJson(c);
    if (read instanceof Response) return read;
    const data = c.get("account").mailbox;
    const patched = applyCustomerPatch(data, customer, read.body, c.get("emulator").clock.iso());
    if (patched instanceof FieldProblems) return patched.respond(c);
    Object.assign(customer, patched);
    for (const key of Object.keys(customer))
      if (!(key in patched)) delete (customer as Record<string, unknown>)[key];
    touchCustomer(c, customer);
    emitCustomerUpdated(c, customer);
    return noContent(c);
  });

  app.delete(CUSTOMER, (c) => {
    const customer = customerFor(c);
    if (!customer) return vndError(c, 404, "Customer not found");
    const q = new QueryReader(c);
    const async = q.flag("async");
    if (!q.problems.ok) return q.problems.respond(c);
    const data = c.get("account").mailbox;
    const conversations = [...data.conversations.values()].filter(
      (conversation) => conversation.primaryCustomer?.id === customer.id,
    );
    if (!async && conversations.length > 100) {
      return vndError(
        c,
        403,
        "Customers with more than 100 conversations can only be deleted with async=true",
      );
    }
    for (const conversation of conversations) deleteConversation(c, conversation.id);
    data.customers.delete(customer.id);
    c.get("emulator").emit(c.get("account"), "customer.deleted", { id: customer.id });
    return async ? c.body(null, 202) : noContent(c);
  });

  app.route("/", customerEntryRoutes());
  app.route("/", customerPropertyRoutes());
  app.route("/", customerV3Routes());
  return app;
}

function customersOfMailbox(c: MailboxContext, mailboxId: number): Set<number> {
  const ids = new Set<number>();
  for (const conversation of c.get("account").mailbox.conversations.values()) {
    if (conversation.mailboxId === mailboxId && conversation.primaryCustomer) {
      ids.add(conversation.primaryCustomer.id);
    }
  }
  return ids;
}

/** Sorts customers: `score` (the default) is newest first; ties are broken by id. */
function sortCustomers(
  customers: M["Customer"][],
  field: (typeof SORT_FIELDS)[number],
  order: "asc" | "desc",
): M["Customer"][] {
  const key = (customer: M["Customer"]): string | number =>
    field === "firstName"
      ? (customer.firstName ?? "").toLowerCase()
      : field === "lastName"
        ? (customer.lastName ?? "").toLowerCase()
        : Date.parse((field === "modifiedAt" ? customer.updatedAt : customer.createdAt) ?? "") || 0;
  const sign = order === "asc" ? 1 : -1;
  return customers
    .map((customer) => [key(customer), customer] as const)
    .sort(([ka, a], [kb, b]) => sign * (ka < kb ? -1 : ka > kb ? 1 : a.id - b.id))
    .map(([, customer]) => customer);
}
