import type { M, MailboxData } from "../types.js";
import { API_ORIGIN } from "./conversation-model.js";

/** The entry collections of a customer: path segment, `_embedded` key and patch path name. */
export const ENTRY_KINDS = {
  emails: { embedded: "emails", patch: "emails" },
  phones: { embedded: "phones", patch: "phones" },
  chats: { embedded: "chats", patch: "chats" },
  "social-profiles": { embedded: "social_profiles", patch: "socialProfiles" },
  websites: { embedded: "websites", patch: "websites" },
} as const;

/** A customer entry collection's path segment (`emails`, `social-profiles`…). */
export type EntryKind = keyof typeof ENTRY_KINDS;
/** Any customer entry. */
export type CustomerEntry =
  | M["CustomerEmail"]
  | M["CustomerPhone"]
  | M["CustomerChatHandle"]
  | M["CustomerSocialProfile"]
  | M["CustomerWebsite"];
type Embedded = NonNullable<M["Customer"]["_embedded"]>;

/** The allowed `type` values of each entry kind (websites have none). */
export const ENTRY_TYPES: Record<EntryKind, readonly string[] | undefined> = {
  emails: ["home", "other", "work"],
  phones: ["fax", "home", "other", "pager", "work", "mobile"],
  chats: ["aim", "gtalk", "icq", "msn", "other", "qq", "skype", "xmpp", "yahoo"],
  "social-profiles": [
    "aboutMe",
    "facebook",
    "flickr",
    "forsquare",
    "google",
    "googleplus",
    "linkedin",
    "other",
    "quora",
    "tungleme",
    "twitter",
    "youtube",
  ],
  websites: undefined,
};

/** The entries of one kind of a customer (a live array: edits change the customer). */
export function entriesOf(customer: M["Customer"], kind: EntryKind): CustomerEntry[] {
  customer._embedded ??= {};
  const key = ENTRY_KINDS[kind].embedded;
  const embedded = customer._embedded as Record<string, CustomerEntry[] | undefined>;
  embedded[key] ??= [];
  return embedded[key] as CustomerEntry[];
}

/** The embedded entries of a customer, with every collection present. */
export function embeddedOf(customer: M["Customer"]): Embedded {
  customer._embedded ??= {};
  for (const kind of Object.keys(ENTRY_KINDS) as EntryKind[]) entriesOf(customer, kind);
  customer._embedded.properties ??= [];
  return customer._embedded;
}

/** The links of a customer, from its current fields. */
export function customerLinks(customer: M["Customer"]): M["HalLinks"] {
  const base = `${API_ORIGIN}/v2/customers/${customer.id}`;
  const links: M["HalLinks"] = {
    self: { href: base },
    address: { href: `${base}/address` },
    chats: { href: `${base}/chats` },
    emails: { href: `${base}/emails` },
    phones: { href: `${base}/phones` },
    "social-profiles": { href: `${base}/social-profiles` },
    websites: { href: `${base}/websites` },
  };
  if (customer.organizationId) {
    links.organization = { href: `${API_ORIGIN}/v2/organizations/${customer.organizationId}` };
  }
  return links;
}

/** The customer that has this e-mail address (case-insensitive). */
export function findCustomerByEmail(data: MailboxData, email: string): M["Customer"] | undefined {
  const wanted = email.trim().toLowerCase();
  for (const customer of data.customers.values()) {
    if (customer._embedded?.emails?.some((entry) => entry.value.toLowerCase() === wanted)) {
      return customer;
    }
  }
  return undefined;
}

/** The organization whose domains include the domain of this e-mail address. */
export function organizationForEmail(
  data: MailboxData,
  email: string | undefined,
): M["Organization"] | undefined {
  const domain = email?.split("@")[1]?.toLowerCase();
  if (!domain) return undefined;
  for (const organization of data.organizations.values()) {
    if (organization.domains?.some((d) => d.toLowerCase() === domain)) return organization;
  }
  return undefined;
}

/** A customer's full name, for display and search. */
export function fullName(person: { firstName?: string | null; lastName?: string | null }): string {
  return [person.firstName, person.lastName].filter(Boolean).join(" ");
}
