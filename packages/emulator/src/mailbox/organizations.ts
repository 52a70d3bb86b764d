import { Hono } from "hono";
import { hal, noContent, vndError } from "../responses.js";
import type { EmulatorEnv, M, MailboxData } from "../types.js";
import { sortConversations } from "./conversation-list.js";
import { FieldProblems, readObject } from "./conversation-validation.js";
import { conversationView, type MailboxContext, originOf, present } from "./conversation-view.js";
import {
  organizationPropertyRoutes,
  organizationValue,
} from "./customer-organization-properties.js";
import { pagedList, QueryReader } from "./query-params.js";

const ORGANIZATION = "/v2/organizations/:organizationId{[0-9]+}";
const SORT = /^(name|customerCount|conversationCount|lastInteractionAt)(,(asc|desc))?$/;

/** What the emulator derives for an organization from its customers and their conversations. */
interface OrganizationStats {
  customerCount: number;
  conversationCount: number;
  lastInteractionAt: number;
}

/**
 * Organization routes: list (`sort=field[,asc|desc]`, default `lastInteractionAt,desc`; counts
 * included), get (`includeCounts`, `includeProperties`), the organization's conversations, property
 * definitions (mounted from their module) and setting a property value. Counts and the last
 * interaction come from the customers linked to the organization and their conversations.
 */
export function organizationsRoutes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  app.route("/", organizationPropertyRoutes());

  app.get("/v2/organizations", (c) => {
    const q = new QueryReader(c);
    const sort = q.string("sort") ?? "lastInteractionAt,desc";
    if (!SORT.test(sort))
      q.problems.add(
        "sort",
        "must be field[,asc|desc] with field name, customerCount, conversationCount or lastInteractionAt",
        sort,
      );
    const page = q.page();
    if (!q.problems.ok) return q.problems.respond(c);
    const [field = "lastInteractionAt", direction = "desc"] = sort.split(",");
    const data = c.get("account").mailbox;
    const stats = organizationStats(data);
    const sign = direction === "asc" ? 1 : -1;
    const key = (o: M["Organization"]): string | number =>
      field === "name"
        ? (o.name ?? "").toLowerCase()
        : (stats.get(o.id)?.[field as keyof OrganizationStats] ?? 0);
    const sorted = [...data.organizations.values()].sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      return sign * (ka < kb ? -1 : ka > kb ? 1 : a.id - b.id);
    });
    return pagedList(c, "organizations", sorted, page, (o) =>
      organizationView(c, o, stats, true, false),
    );
  });

  app.get(ORGANIZATION, (c) => {
    const q = new QueryReader(c);
    const counts = q.flag("includeCounts");
    const properties = q.flag("includeProperties");
    if (!q.problems.ok) return q.problems.respond(c);
    const data = c.get("account").mailbox;
    const organization = data.organizations.get(Number(c.req.param("organizationId")));
    if (!organization) return vndError(c, 404, "Organization not found");
    return hal(c, organizationView(c, organization, organizationStats(data), counts, properties));
  });

  app.get(`${ORGANIZATION}/conversations`, (c) => {
    const q = new QueryReader(c);
    const page = q.page();
    if (!q.problems.ok) return q.problems.respond(c);
    const data = c.get("account").mailbox;
    const id = Number(c.req.param("organizationId"));
    if (!data.organizations.has(id)) return vndError(c, 404, "Organization not found");
    const members = customersOf(data, id);
    const conversations = [...data.conversations.values()].filter(
      (conversation) =>
        conversation.primaryCustomer && members.has(conversation.primaryCustomer.id),
    );
    const origin = originOf(c);
    return pagedList(
      c,
      "conversations",
      sortConversations(conversations, "createdAt", "desc"),
      page,
      (conversation) =>
        conversationView(data, conversation, { origin, version: 2, embedThreads: false }),
    );
  });

  app.put(`${ORGANIZATION}/properties/:slug`, async (c) => {
    const data = c.get("account").mailbox;
    const organization = data.organizations.get(Number(c.req.param("organizationId")));
    if (!organization) return vndError(c, 404, "Organization not found");
    const definition = data.organizationProperties.find((d) => d.slug === c.req.param("slug"));
    if (!definition) return vndError(c, 404, "Organization property not found");
    const body = await readObject(c);
    if (body instanceof Response) return body;
    const p = new FieldProblems();
    p.string("value", body.value, { required: true });
    const value = p.ok ? organizationValue(definition, body.value as string) : undefined;
    if (typeof value === "string") p.add("value", value, body.value);
    if (!p.ok || !value || typeof value === "string") return p.respond(c);
    organization.properties = [
      ...(organization.properties ?? []).filter((v) => v.slug !== definition.slug),
      value,
    ];
    c.get("emulator").emit(
      c.get("account"),
      "organization.updated",
      organizationView(c, organization, organizationStats(data), true, true),
    );
    return noContent(c);
  });

  return app;
}

/** An organization as answered: counts and properties only when asked for. */
function organizationView(
  c: MailboxContext,
  organization: M["Organization"],
  stats: Map<number, OrganizationStats>,
  counts: boolean,
  properties: boolean,
): M["Organization"] {
  const { properties: values, customerCount: _, conversationCount: __, ...rest } = organization;
  const found = stats.get(organization.id);
  return present(
    {
      ...rest,
      ...(counts
        ? {
            customerCount: found?.customerCount ?? 0,
            conversationCount: found?.conversationCount ?? 0,
          }
        : {}),
      ...(properties ? { properties: values ?? [] } : {}),
    },
    originOf(c),
    2,
  );
}

function customersOf(data: MailboxData, organizationId: number): Set<number> {
  const ids = new Set<number>();
  for (const customer of data.customers.values()) {
    if (customer.organizationId === organizationId) ids.add(customer.id);
  }
  return ids;
}

/** Customer and conversation counts and the latest conversation activity per organization. */
function organizationStats(data: MailboxData): Map<number, OrganizationStats> {
  const stats = new Map<number, OrganizationStats>();
  const orgOf = new Map<number, number>();
  for (const organization of data.organizations.values()) {
    stats.set(organization.id, { customerCount: 0, conversationCount: 0, lastInteractionAt: 0 });
  }
  for (const customer of data.customers.values()) {
    const entry = customer.organizationId ? stats.get(customer.organizationId) : undefined;
    if (!entry || !customer.organizationId) continue;
    entry.customerCount += 1;
    orgOf.set(customer.id, customer.organizationId);
  }
  for (const conversation of data.conversations.values()) {
    const orgId = conversation.primaryCustomer
      ? orgOf.get(conversation.primaryCustomer.id)
      : undefined;
    const entry = orgId === undefined ? undefined : stats.get(orgId);
    if (!entry) continue;
    entry.conversationCount += 1;
    const at = Date.parse(conversation.userUpdatedAt ?? conversation.createdAt);
    entry.lastInteractionAt = Math.max(entry.lastInteractionAt, at);
  }
  return stats;
}
