import type { M, MailboxData } from "../types.js";
import { fullName } from "./customer-model.js";
import { inRange, type QueryMatcher, QuerySyntaxError } from "./query-parser.js";

/**
 * The search fields the emulator understands in a conversation `query` (lower case): the
 * documented `number`, `subject`, `tag`, `email`, `modifiedAt` plus Help Scout's common
 * in-app operators (`customerName`, `firstName`, `lastName`, `body`, `status`, `type`, `mailbox`,
 * `assigned`, `createdAt`, `closedAt`, `id`). A term without a field searches subject, preview and
 * thread bodies.
 */
export const CONVERSATION_QUERY_FIELDS = new Set([
  "number",
  "id",
  "subject",
  "body",
  "tag",
  "email",
  "customeremail",
  "customername",
  "firstname",
  "lastname",
  "status",
  "type",
  "mailbox",
  "mailboxid",
  "assigned",
  "assignedto",
  "modifiedat",
  "createdat",
  "closedat",
]);

/** Whether `text` matches a search value: `*` is a wildcard, otherwise `mode` decides. */
export function textMatches(
  text: string | null | undefined,
  value: string,
  mode: "equals" | "contains",
): boolean {
  if (text === null || text === undefined) return false;
  const hay = text.toLowerCase();
  const needle = value.toLowerCase();
  if (needle.includes("*")) {
    const pattern = needle.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
    return new RegExp(`^${pattern.join(".*")}$`).test(hay);
  }
  return mode === "equals" ? hay === needle : hay.includes(needle);
}

/** A search matcher over one conversation (its customer and threads included). */
export function conversationMatcher(
  data: MailboxData,
  conversation: M["Conversation"],
): QueryMatcher {
  const person = conversation.primaryCustomer;
  const customer = person ? data.customers.get(person.id) : undefined;
  const emails = [
    person?.email,
    ...(customer?._embedded?.emails ?? []).map((entry) => entry.value),
  ].filter((email): email is string => typeof email === "string");
  const name = customer ? fullName(customer) : [person?.first, person?.last].join(" ");
  const bodies = () => (data.threads.get(conversation.id) ?? []).map((t) => t.body ?? "");
  const stamp = (field: string) =>
    field === "modifiedat"
      ? (conversation.userUpdatedAt ?? conversation.createdAt)
      : field === "createdat"
        ? conversation.createdAt
        : conversation.closedAt;
  return {
    match(field, value) {
      const key = field?.toLowerCase();
      switch (key) {
        case undefined:
          return [conversation.subject, conversation.preview, ...bodies()].some((text) =>
            textMatches(text, value, "contains"),
          );
        case "subject":
          return textMatches(conversation.subject, value, "contains");
        case "body":
          return bodies().some((body) => textMatches(body, value, "contains"));
        case "email":
        case "customeremail":
          return emails.some((email) => textMatches(email, value, "equals"));
        case "tag":
          return (conversation.tags ?? []).some((tag) => textMatches(tag.tag, value, "equals"));
        case "customername":
          return textMatches(name, value, "contains");
        case "firstname":
          return textMatches(customer?.firstName ?? person?.first, value, "equals");
        case "lastname":
          return textMatches(customer?.lastName ?? person?.last, value, "equals");
        case "number":
          return String(conversation.number) === value;
        case "id":
          return String(conversation.id) === value;
        case "status":
          return conversation.status === value.toLowerCase();
        case "type":
          return conversation.type === value.toLowerCase();
        case "mailbox":
        case "mailboxid":
          return String(conversation.mailboxId) === value;
        case "assigned":
        case "assignedto":
          return (
            String(conversation.assignee?.id) === value ||
            textMatches(conversation.assignee?.email, value, "equals")
          );
        case "modifiedat":
        case "createdat":
        case "closedat":
          return (stamp(key) ?? "").startsWith(value);
        default:
          throw new QuerySyntaxError(`Unknown search field "${field}"`);
      }
    },
    range(field, from, to) {
      const key = field.toLowerCase();
      if (key === "number") return inRange(conversation.number, from, to);
      if (key === "id") return inRange(conversation.id, from, to);
      if (key === "modifiedat" || key === "createdat" || key === "closedat") {
        return inRange(stamp(key), from, to);
      }
      throw new QuerySyntaxError(`Field "${field}" does not take a range`);
    },
  };
}
