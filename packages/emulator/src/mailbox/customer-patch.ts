import type { M, MailboxData } from "../types.js";
import { FieldProblems, isObject, type JsonObject } from "./conversation-validation.js";
import {
  addEntry,
  CUSTOMER_SCALARS,
  checkAddress,
  checkEntry,
  GENDERS,
  PHOTO_TYPES,
  setAddress,
} from "./customer-create.js";
import { ENTRY_TYPES, type EntryKind, entriesOf } from "./customer-model.js";

const COLLECTIONS: Record<string, EntryKind> = {
  emails: "emails",
  phones: "phones",
  chats: "chats",
  socialProfiles: "social-profiles",
  websites: "websites",
};
const ADDRESS_FIELDS = ["city", "state", "postalCode", "country", "lines"];

/**
 * Applies a `PATCH /v2/customers/{id}` body (an array of `{op, path, value}`) to a copy of the
 * customer: top-level fields (`add`/`replace`/`remove`), entries (`add /emails`, `replace
 * /emails/{id}[/value|/type]`, `remove /emails/{id}`; a whole collection cannot be removed) and the
 * address. Returns the patched copy, or the problems (nothing is applied then).
 */
export function applyCustomerPatch(
  data: MailboxData,
  customer: M["Customer"],
  operations: unknown,
  now: string,
): M["Customer"] | FieldProblems {
  const p = new FieldProblems();
  if (!Array.isArray(operations) || operations.length === 0) {
    p.add("body", "must be a non-empty array of patch operations", operations ?? null);
    return p;
  }
  const copy = structuredClone(customer);
  operations.forEach((operation: unknown, index) => {
    const at = `[${index}]`;
    if (!isObject(operation)) p.add(at, "must be a patch operation object", operation);
    else applyOne(data, copy, operation, at, p, now);
  });
  return p.ok ? copy : p;
}

function applyOne(
  data: MailboxData,
  customer: M["Customer"],
  operation: JsonObject,
  at: string,
  p: FieldProblems,
  now: string,
): void {
  const { op, path, value } = operation;
  if (op !== "add" && op !== "replace" && op !== "remove") {
    p.add(`${at}.op`, "must be one of: add, remove, replace", op ?? null);
    return;
  }
  const segments = typeof path === "string" ? path.split("/").slice(1) : [];
  const [head = "", id, leaf] = segments;
  const target = customer as Record<string, unknown>;
  if (
    segments.length === 1 &&
    (head in CUSTOMER_SCALARS || head === "gender" || head === "photoType")
  ) {
    if (op === "remove") target[head] = null;
    else if (head === "gender") p.oneOf(`${at}.value`, value, GENDERS, true);
    else if (head === "photoType") p.oneOf(`${at}.value`, value, PHOTO_TYPES, true);
    else {
      const max = CUSTOMER_SCALARS[head as keyof typeof CUSTOMER_SCALARS];
      p.string(`${at}.value`, value, { required: true, max });
    }
    if (op !== "remove" && p.ok) target[head] = value;
    return;
  }
  const kind = COLLECTIONS[head];
  if (kind) {
    if (segments.length === 1) {
      if (op !== "add")
        p.add(`${at}.path`, `cannot ${String(op)} the whole ${head} collection`, path);
      else {
        checkEntry(p, kind, value, `${at}.value`);
        if (p.ok) addEntry(data, customer, kind, value as JsonObject);
      }
      return;
    }
    const entries = entriesOf(customer, kind);
    const index = entries.findIndex((entry) => String(entry.id) === id);
    if (
      index < 0 ||
      segments.length > 3 ||
      (leaf !== undefined && leaf !== "value" && leaf !== "type")
    ) {
      p.add(`${at}.path`, index < 0 ? `No ${head} entry ${id}` : "Unsupported path", path);
      return;
    }
    const entry = entries[index] as { value: string; type?: string };
    if (op === "remove" && leaf === undefined) entries.splice(index, 1);
    else if (op === "remove") p.add(`${at}.op`, "An entry's value or type cannot be removed", op);
    else if (leaf === "type" || leaf === "value") {
      const allowed = ENTRY_TYPES[kind];
      if (leaf === "type" && allowed) p.oneOf(`${at}.value`, value, allowed, true);
      else p.string(`${at}.value`, value, { required: true });
      if (p.ok) entry[leaf] = value as string;
    } else {
      const body = isObject(value) ? value : { value, type: entry.type };
      checkEntry(p, kind, body, `${at}.value`);
      if (p.ok)
        Object.assign(entry, { value: body.value, ...(body.type ? { type: body.type } : {}) });
    }
    return;
  }
  if (head === "address") {
    patchAddress(data, customer, op, id, value, `${at}.value`, p, now);
    return;
  }
  p.add(`${at}.path`, "Unsupported path", path ?? null);
}

function patchAddress(
  data: MailboxData,
  customer: M["Customer"],
  op: "add" | "replace" | "remove",
  field: string | undefined,
  value: unknown,
  at: string,
  p: FieldProblems,
  now: string,
): void {
  customer._embedded ??= {};
  const embedded = customer._embedded;
  if (field === undefined) {
    if (op === "remove") delete embedded.address;
    else {
      checkAddress(p, value, at);
      if (p.ok) setAddress(data, customer, value as JsonObject, now);
    }
    return;
  }
  if (!ADDRESS_FIELDS.includes(field)) {
    p.add(at.replace(/value$/, "path"), "Unsupported address field", field);
    return;
  }
  const address = embedded.address ?? setAddress(data, customer, {}, now);
  const record = address as Record<string, unknown>;
  if (op === "remove") record[field] = field === "lines" ? [] : null;
  else if (field === "lines") {
    if (typeof value !== "string") p.strings(at, value ?? 0);
    if (p.ok) record.lines = Array.isArray(value) ? value : [value];
  } else {
    p.string(at, value, { required: true, max: field === "country" ? 2 : undefined });
    if (p.ok) record[field] = value;
  }
  address.updatedAt = now;
}
