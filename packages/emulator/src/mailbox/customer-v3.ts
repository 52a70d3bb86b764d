import { Hono } from "hono";
import { hal } from "../responses.js";
import type { EmulatorEnv, M } from "../types.js";
import { FieldProblems } from "./conversation-validation.js";
import { customerMatcher, readCustomerQuery } from "./customer-search.js";
import { customerView } from "./customer-view.js";
import { pagedList, QueryReader } from "./query-params.js";
import { evaluateQuery, QuerySyntaxError } from "./query-parser.js";

const PAGE_SIZE = 50;

/** Where a v3 customer page ends: the sort key of its last customer. */
interface Cursor {
  t: number;
  i: number;
}

/**
 * The v3 reads of this group: `GET /v3/customers` (newest first, id as tiebreak, cursor paging:
 * `_links.next.href` carries an opaque `cursor` and keeps the filters) and
 * `GET /v3/system-users` (system users such as AI agents, which v2 leaves out).
 */
export function customerV3Routes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  app.get("/v3/customers", (c) => {
    const q = new QueryReader(c);
    const firstName = q.string("firstName")?.toLowerCase();
    const lastName = q.string("lastName")?.toLowerCase();
    const email = q.string("email")?.toLowerCase();
    const createdSince = q.dateTime("createdSince");
    const modifiedSince = q.dateTime("modifiedSince");
    const query = readCustomerQuery(q);
    const rawCursor = q.string("cursor");
    const cursor = rawCursor === undefined ? undefined : decodeCursor(rawCursor);
    if (rawCursor !== undefined && !cursor) q.problems.add("cursor", "Invalid cursor", rawCursor);
    if (!q.problems.ok) return q.problems.respond(c);
    const created = (customer: M["Customer"]) => Date.parse(customer.createdAt ?? "") || 0;
    let selected: M["Customer"][];
    try {
      selected = [...c.get("account").mailbox.customers.values()].filter(
        (customer) =>
          (firstName === undefined || customer.firstName?.toLowerCase() === firstName) &&
          (lastName === undefined || customer.lastName?.toLowerCase() === lastName) &&
          (email === undefined ||
            (customer._embedded?.emails ?? []).some((e) => e.value.toLowerCase() === email)) &&
          (createdSince === undefined || created(customer) >= createdSince) &&
          (modifiedSince === undefined ||
            (Date.parse(customer.updatedAt ?? "") || created(customer)) >= modifiedSince) &&
          (!query || evaluateQuery(query, customerMatcher(customer))),
      );
    } catch (error) {
      if (!(error instanceof QuerySyntaxError)) throw error;
      const p = new FieldProblems("QUERY");
      p.add("query", error.message, c.req.query("query"));
      return p.respond(c);
    }
    const sorted = selected
      .map((customer) => [created(customer), customer] as const)
      .sort(([ta, a], [tb, b]) => tb - ta || b.id - a.id)
      .filter(
        ([t, customer]) => !cursor || t < cursor.t || (t === cursor.t && customer.id < cursor.i),
      )
      .map(([, customer]) => customer);
    const page = sorted.slice(0, PAGE_SIZE);
    const last = page[page.length - 1];
    const self = new URL(c.req.url);
    const links: M["HalLinks"] = { self: { href: self.toString() } };
    if (last && sorted.length > PAGE_SIZE) {
      const next = new URL(c.req.url);
      next.searchParams.set("cursor", encodeCursor({ t: created(last), i: last.id }));
      links.next = { href: next.toString() };
    }
    const body: M["CustomerListV3"] = {
      ...(page.length
        ? { _embedded: { customers: page.map((customer) => customerView(c, customer)) } }
        : {}),
      _links: links,
    };
    return hal(c, body);
  });

  app.get("/v3/system-users", (c) => {
    const q = new QueryReader(c);
    const page = q.page();
    if (!q.problems.ok) return q.problems.respond(c);
    const users = [...c.get("account").mailbox.users.values()]
      .filter((user) => user.type === "system_user")
      .sort((a, b) => a.id - b.id)
      .map(systemUser);
    return pagedList(c, "system_users", users, page, (user) => user);
  });

  return app;
}

function systemUser(user: M["User"]): M["SystemUser"] {
  const firstName = user.firstName ?? "";
  const lastName = user.lastName ?? "";
  return {
    id: user.id,
    type: "system_user",
    firstName,
    lastName,
    initials: user.initials ?? `${firstName[0] ?? ""}${lastName[0] ?? ""}`,
    email: user.email,
    ...(user.mention ? { mention: user.mention } : {}),
    timezone: user.timezone ?? "UTC",
    role: user.role ?? "user",
    ...(user.photoUrl ? { photoUrl: user.photoUrl } : {}),
    createdAt: user.createdAt ?? "",
    updatedAt: user.updatedAt ?? user.createdAt ?? "",
  };
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeCursor(raw: string): Cursor | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    const { t, i } = (value ?? {}) as Partial<Cursor>;
    return Number.isFinite(t) && Number.isInteger(i)
      ? { t: t as number, i: i as number }
      : undefined;
  } catch {
    return undefined;
  }
}
