import type { M, MailboxData } from "../types.js";
import { type FieldProblems, isObject, type JsonObject } from "./conversation-validation.js";
import {
  customerLinks,
  ENTRY_TYPES,
  type EntryKind,
  entriesOf,
  organizationForEmail,
} from "./customer-model.js";
import { customerPropertyValue, setCustomerProperty } from "./customer-property-values.js";

/** The scalar fields of a customer and their length limits. */
export const CUSTOMER_SCALARS = {
  firstName: 40,
  lastName: 40,
  photoUrl: 200,
  jobTitle: 60,
  background: 200,
  location: 60,
  organization: 60,
  age: 255,
} as const;
/** `gender` values. */
export const GENDERS = ["male", "female", "unknown"] as const;
/** `photoType` values. */
export const PHOTO_TYPES = [
  "unknown",
  "gravatar",
  "twitter",
  "facebook",
  "googleprofile",
  "googleplus",
  "linkedin",
  "instagram",
] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const BODY_KINDS: Record<string, EntryKind> = {
  emails: "emails",
  phones: "phones",
  chats: "chats",
  socialProfiles: "social-profiles",
  websites: "websites",
};

/** Checks the scalar fields (`firstName` … `photoType`, `phone`) of a customer body. */
export function checkCustomerScalars(problems: FieldProblems, body: JsonObject, prefix = ""): void {
  for (const [field, max] of Object.entries(CUSTOMER_SCALARS)) {
    problems.string(`${prefix}${field}`, body[field], { max });
  }
  problems.string(`${prefix}phone`, body.phone);
  problems.oneOf(`${prefix}gender`, body.gender, GENDERS);
  problems.oneOf(`${prefix}photoType`, body.photoType, PHOTO_TYPES);
}

/** Checks one entry (`{type, value}`) of a kind. */
export function checkEntry(
  problems: FieldProblems,
  kind: EntryKind,
  entry: unknown,
  path: string,
): void {
  if (!isObject(entry)) {
    problems.add(path, "must be an object", entry);
    return;
  }
  problems.string(`${path}.value`, entry.value, { required: true });
  if (kind === "emails" && typeof entry.value === "string" && !EMAIL.test(entry.value)) {
    problems.add(`${path}.value`, "must be a well-formed email address", entry.value);
  }
  const types = ENTRY_TYPES[kind];
  if (types) problems.oneOf(`${path}.type`, entry.type, types);
}

/** Checks a customer body as Create customer (and customer references) take it. */
export function checkCustomerBody(
  problems: FieldProblems,
  data: MailboxData,
  body: JsonObject,
  prefix = "",
): void {
  checkCustomerScalars(problems, body, prefix);
  for (const [key, kind] of Object.entries(BODY_KINDS)) {
    const list = body[key];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) problems.add(`${prefix}${key}`, "must be an array", list);
    else {
      for (const [i, entry] of list.entries()) {
        checkEntry(problems, kind, entry, `${prefix}${key}[${i}]`);
      }
    }
  }
  if (body.address !== undefined && body.address !== null) {
    checkAddress(problems, body.address, `${prefix}address`);
  }
  const properties = body.properties;
  if (properties !== undefined && properties !== null) {
    if (!Array.isArray(properties)) problems.add(`${prefix}properties`, "must be an array");
    else {
      for (const [i, item] of properties.entries()) {
        checkProperty(problems, data, item, `${prefix}properties[${i}]`);
      }
    }
  }
}

/** Checks an address body (`city`, `state`, `postalCode`, `country` (2 letters), `lines`). */
export function checkAddress(problems: FieldProblems, address: unknown, path: string): void {
  if (!isObject(address)) {
    problems.add(path, "must be an object", address);
    return;
  }
  for (const field of ["city", "state", "postalCode"])
    problems.string(`${path}.${field}`, address[field]);
  problems.string(`${path}.country`, address.country, { max: 2 });
  problems.strings(`${path}.lines`, address.lines);
}

function checkProperty(problems: FieldProblems, data: MailboxData, item: unknown, path: string) {
  if (!isObject(item)) {
    problems.add(path, "must be an object", item);
    return;
  }
  const definition = data.customerProperties.find((d) => d.slug === item.slug);
  if (!definition) {
    problems.add(`${path}.slug`, "Unknown customer property", item.slug);
    return;
  }
  const value = customerPropertyValue(definition, item.value);
  if (typeof value === "string") problems.add(`${path}.value`, value, item.value);
}

/**
 * Creates a customer from a checked body (Create customer, or a customer reference that matched
 * no one): scalars, entries, address, property values; linked to the organization whose domain
 * matches its first e-mail address. Ids come from `data.nextId`.
 */
export function createCustomer(data: MailboxData, body: JsonObject, now: string): M["Customer"] {
  const id = data.nextId++;
  const customer: M["Customer"] = { id, draft: false, createdAt: now, updatedAt: now };
  assignScalars(customer, body);
  for (const [key, kind] of Object.entries(BODY_KINDS)) {
    const list = body[key];
    if (Array.isArray(list))
      for (const entry of list) addEntry(data, customer, kind, entry as JsonObject);
  }
  if (typeof body.phone === "string" && body.phone !== "") {
    addEntry(data, customer, "phones", { type: "other", value: body.phone });
  }
  if (typeof body.email === "string")
    addEntry(data, customer, "emails", { type: "work", value: body.email });
  if (isObject(body.address)) setAddress(data, customer, body.address, now);
  for (const item of Array.isArray(body.properties) ? body.properties : []) {
    const definition = data.customerProperties.find((d) => isObject(item) && d.slug === item.slug);
    const value = definition && isObject(item) ? customerPropertyValue(definition, item.value) : "";
    if (typeof value !== "string") setCustomerProperty(customer, value);
  }
  const organization = organizationForEmail(data, customer._embedded?.emails?.[0]?.value);
  if (organization) {
    customer.organizationId = organization.id;
    customer.organization ??= organization.name ?? null;
  }
  customer._embedded ??= {};
  customer._links = customerLinks(customer);
  data.customers.set(id, customer);
  return customer;
}

/** Sets the scalar fields of a customer; with `overwrite`, fields left out become null. */
export function assignScalars(customer: M["Customer"], body: JsonObject, overwrite = false): void {
  const target = customer as Record<string, unknown>;
  for (const field of [...Object.keys(CUSTOMER_SCALARS), "gender", "photoType"]) {
    const value = body[field];
    if (typeof value === "string") target[field] = value;
    else if (overwrite || value === null) target[field] = null;
  }
}

/** Adds an entry (`{type, value}`) of a kind to a customer and returns it. */
export function addEntry(
  data: MailboxData,
  customer: M["Customer"],
  kind: EntryKind,
  body: JsonObject,
) {
  const entry = {
    id: data.nextId++,
    value: String(body.value ?? ""),
    ...(ENTRY_TYPES[kind] ? { type: typeof body.type === "string" ? body.type : "other" } : {}),
  } as ReturnType<typeof entriesOf>[number];
  entriesOf(customer, kind).push(entry);
  return entry;
}

/** Sets a customer's address from a checked body. */
export function setAddress(
  data: MailboxData,
  customer: M["Customer"],
  body: JsonObject,
  now: string,
): M["CustomerAddress"] {
  const previous = customer._embedded?.address;
  const text = (value: unknown) => (typeof value === "string" ? value : null);
  const address: M["CustomerAddress"] = {
    id: previous?.id ?? data.nextId++,
    city: text(body.city),
    state: text(body.state),
    postalCode: text(body.postalCode),
    country: text(body.country),
    lines: Array.isArray(body.lines) ? body.lines.map(String) : [],
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
  };
  customer._embedded ??= {};
  customer._embedded.address = address;
  return address;
}
