import type { M } from "../types.js";
import { textMatches } from "./conversation-search.js";
import { fullName } from "./customer-model.js";
import type { QueryReader } from "./query-params.js";
import {
  inRange,
  parseQuery,
  type QueryMatcher,
  type QueryNode,
  QuerySyntaxError,
  queryFields,
} from "./query-parser.js";

/**
 * The search fields of a customer `query` (lower case): the documented `firstName`, `lastName`,
 * `email`, `emailDomain`, `modifiedAt`, plus `createdAt`, `name`, `phone`, `organization`,
 * `jobTitle`, `location` and `id`. Names and e-mails match whole values (case-insensitive, `*`
 * wildcards); a term without a field searches names and e-mail addresses.
 */
export const CUSTOMER_QUERY_FIELDS = new Set([
  "firstname",
  "lastname",
  "name",
  "email",
  "emaildomain",
  "modifiedat",
  "createdat",
  "phone",
  "organization",
  "jobtitle",
  "location",
  "id",
]);

/** Parses a customer `query` parameter, recording a problem when it is malformed. */
export function readCustomerQuery(q: QueryReader): QueryNode | undefined {
  const raw = q.string("query");
  if (raw === undefined) return undefined;
  try {
    const node = parseQuery(raw);
    const unknown = queryFields(node).find((f) => !CUSTOMER_QUERY_FIELDS.has(f.toLowerCase()));
    if (unknown === undefined) return node;
    q.problems.add("query", `Unknown search field "${unknown}"`, raw);
  } catch (error) {
    if (!(error instanceof QuerySyntaxError)) throw error;
    q.problems.add("query", error.message, raw);
  }
  return undefined;
}

/** A search matcher over one customer. */
export function customerMatcher(customer: M["Customer"]): QueryMatcher {
  const emails = (customer._embedded?.emails ?? []).map((entry) => entry.value);
  const phones = (customer._embedded?.phones ?? []).map((entry) => entry.value.replace(/\D/g, ""));
  const stamp = (field: string) =>
    field === "modifiedat" ? (customer.updatedAt ?? customer.createdAt) : customer.createdAt;
  return {
    match(field, value) {
      const key = field?.toLowerCase();
      switch (key) {
        case undefined:
          return (
            textMatches(fullName(customer), value, "contains") ||
            emails.some((email) => textMatches(email, value, "contains"))
          );
        case "firstname":
          return textMatches(customer.firstName, value, "equals");
        case "lastname":
          return textMatches(customer.lastName, value, "equals");
        case "name":
          return textMatches(fullName(customer), value, "contains");
        case "email":
          return emails.some((email) => textMatches(email, value, "equals"));
        case "emaildomain":
          return emails.some((email) => textMatches(email.split("@")[1], value, "equals"));
        case "phone":
          return phones.some((phone) => phone.includes(value.replace(/\D/g, "")));
        case "organization":
          return textMatches(customer.organization, value, "contains");
        case "jobtitle":
          return textMatches(customer.jobTitle, value, "contains");
        case "location":
          return textMatches(customer.location, value, "contains");
        case "id":
          return String(customer.id) === value;
        case "modifiedat":
        case "createdat":
          return (stamp(key) ?? "").startsWith(value);
        default:
          throw new QuerySyntaxError(`Unknown search field "${field}"`);
      }
    },
    range(field, from, to) {
      const key = field.toLowerCase();
      if (key === "modifiedat" || key === "createdat") return inRange(stamp(key), from, to);
      if (key === "id") return inRange(customer.id, from, to);
      throw new QuerySyntaxError(`Field "${field}" does not take a range`);
    },
  };
}
