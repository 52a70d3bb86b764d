import { Hono } from "hono";
import { created, hal, noContent, vndError } from "../responses.js";
import type { EmulatorEnv, M } from "../types.js";
import { API_ORIGIN } from "./conversation-model.js";
import { FieldProblems, type JsonObject, readObject } from "./conversation-validation.js";
import { type MailboxContext, originOf, present } from "./conversation-view.js";
import { addEntry, checkAddress, checkEntry, setAddress } from "./customer-create.js";
import {
  ENTRY_KINDS,
  ENTRY_TYPES,
  type EntryKind,
  entriesOf,
  findCustomerByEmail,
} from "./customer-model.js";
import { customerFor, emitCustomerUpdated, touchCustomer } from "./customer-view.js";
import { pagedList, QueryReader } from "./query-params.js";

const CUSTOMER = "/v2/customers/:customerId{[0-9]+}";

/**
 * A customer's address (get, create, replace, delete) and entry collections — chats, emails,
 * phones, social profiles, websites — (list, create → 201 + `Resource-ID`, replace, delete).
 * Writes stamp the customer's `updatedAt` and emit `customer.updated`.
 */
export function customerEntryRoutes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  app.get(`${CUSTOMER}/address`, (c) => {
    const customer = customerFor(c);
    const address = customer?._embedded?.address;
    if (!customer || !address)
      return vndError(c, 404, customer ? "Address not found" : "Customer not found");
    const self = `${API_ORIGIN}/v2/customers/${customer.id}/address`;
    return hal(c, present({ ...address, _links: { self: { href: self } } }, originOf(c), 2));
  });

  for (const method of ["post", "put"] as const) {
    app[method](`${CUSTOMER}/address`, async (c) => {
      const customer = customerFor(c);
      if (!customer) return vndError(c, 404, "Customer not found");
      const body = await readObject(c);
      if (body instanceof Response) return body;
      const p = new FieldProblems();
      checkAddress(p, body, "address");
      if (!p.ok) return p.respond(c);
      const address = setAddress(
        c.get("account").mailbox,
        customer,
        body,
        c.get("emulator").clock.iso(),
      );
      written(c, customer);
      return method === "post"
        ? created(c, address.id ?? customer.id, `/v2/customers/${customer.id}/address`)
        : noContent(c);
    });
  }

  app.delete(`${CUSTOMER}/address`, (c) => {
    const customer = customerFor(c);
    if (!customer?._embedded?.address)
      return vndError(c, 404, customer ? "Address not found" : "Customer not found");
    delete customer._embedded.address;
    written(c, customer);
    return noContent(c);
  });

  for (const kind of Object.keys(ENTRY_KINDS) as EntryKind[]) {
    app.get(`${CUSTOMER}/${kind}`, (c) => {
      const customer = customerFor(c);
      if (!customer) return vndError(c, 404, "Customer not found");
      const q = new QueryReader(c);
      const page = q.page();
      if (!q.problems.ok) return q.problems.respond(c);
      return pagedList(c, kind, entriesOf(customer, kind), page, (entry) => entry);
    });

    app.post(`${CUSTOMER}/${kind}`, async (c) => {
      const customer = customerFor(c);
      if (!customer) return vndError(c, 404, "Customer not found");
      const body = await readObject(c);
      if (body instanceof Response) return body;
      const p = checked(c, kind, body, customer);
      if (!p.ok) return p.respond(c);
      const entry = addEntry(c.get("account").mailbox, customer, kind, body);
      written(c, customer);
      return created(c, entry.id, `/v2/customers/${customer.id}/${kind}/${entry.id}`);
    });

    app.put(`${CUSTOMER}/${kind}/:entryId{[0-9]+}`, async (c) => {
      const found = entryOf(c, kind);
      if (found instanceof Response) return found;
      const [customer, entry] = found;
      const body = await readObject(c);
      if (body instanceof Response) return body;
      const p = checked(c, kind, body, customer);
      if (!p.ok) return p.respond(c);
      const target = entry as { value: string; type?: string };
      target.value = String(body.value);
      if (ENTRY_TYPES[kind] && typeof body.type === "string") target.type = body.type;
      written(c, customer);
      return noContent(c);
    });

    app.delete(`${CUSTOMER}/${kind}/:entryId{[0-9]+}`, (c) => {
      const found = entryOf(c, kind);
      if (found instanceof Response) return found;
      const [customer, entry] = found;
      const list = entriesOf(customer, kind);
      list.splice(list.indexOf(entry), 1);
      written(c, customer);
      return noContent(c);
    });
  }
  return app;
}

function checked(c: MailboxContext, kind: EntryKind, body: JsonObject, customer: M["Customer"]) {
  const p = new FieldProblems();
  checkEntry(p, kind, body, "");
  const owner =
    kind === "emails" && typeof body.value === "string"
      ? findCustomerByEmail(c.get("account").mailbox, body.value)
      : undefined;
  if (owner && owner.id !== customer.id) {
    p.add("value", `already belongs to customer ${owner.id}`, body.value);
  }
  // checkEntry names paths relative to an entry (".value"); report them as top-level fields.
  for (const error of p.errors) error.path = error.path?.replace(/^\./, "");
  return p;
}

function entryOf(c: MailboxContext, kind: EntryKind) {
  const customer = customerFor(c);
  if (!customer) return vndError(c, 404, "Customer not found");
  const id = Number(c.req.param("entryId"));
  const entry = entriesOf(customer, kind).find((item) => item.id === id);
  return entry ? ([customer, entry] as const) : vndError(c, 404, "Entry not found");
}

function written(c: MailboxContext, customer: M["Customer"]): void {
  touchCustomer(c, customer);
  emitCustomerUpdated(c, customer);
}
