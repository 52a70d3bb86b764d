import type { M } from "../types.js";
import { API_ORIGIN } from "./conversation-model.js";
import { type SeedContext, seededUuid } from "./seed-context.js";

/** The link of a customer property definition. */
export function customerPropertyLinks(slug: string): M["HalLinks"] {
  return { self: { href: `${API_ORIGIN}/v2/customer-properties/${slug}` } };
}

/** The link of an organization property definition. */
export function organizationPropertyLinks(slug: string): M["HalLinks"] {
  return { self: { href: `${API_ORIGIN}/v2/organizations/properties/${slug}` } };
}

/**
 * Seeds the company's customer and organization property definitions: one of each type
 * (dropdown, number, date, url, text). Dropdown options of customer properties have UUID ids.
 */
export function seedPropertyDefinitions(ctx: SeedContext): void {
  const { random, data } = ctx;
  const customer = (
    type: M["CustomerPropertyType"],
    slug: string,
    name: string,
    labels?: string[],
  ): M["CustomerPropertyDefinition"] => ({
    type,
    slug,
    name,
    ...(labels ? { options: labels.map((label) => ({ id: seededUuid(random), label })) } : {}),
    _links: customerPropertyLinks(slug),
  });
  data.customerProperties.push(
    customer("dropdown", "plan", "Plan", ["Free", "Starter", "Pro", "Enterprise"]),
    customer("number", "seats", "Seats"),
    customer("date", "signup-date", "Signup Date"),
    customer("url", "admin-url", "Admin URL"),
    customer("text", "account-id", "Account ID"),
  );
  const organization = (
    type: M["OrganizationPropertyType"],
    slug: string,
    name: string,
    labels?: string[],
  ): M["OrganizationPropertyDefinition"] => ({
    type,
    slug,
    name,
    ...(labels ? { options: labels.map((label) => ({ label })) } : {}),
    _links: organizationPropertyLinks(slug),
  });
  data.organizationProperties.push(
    organization("dropdown", "tier", "Tier", ["Enterprise", "Mid-market", "SMB"]),
    organization("number", "arr", "Annual Revenue"),
    organization("date", "renewal-date", "Renewal Date"),
    organization("url", "crm-url", "CRM Record"),
    organization("text", "account-manager", "Account Manager"),
  );
}
