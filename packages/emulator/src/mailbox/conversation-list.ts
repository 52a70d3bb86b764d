import type { M, MailboxData } from "../types.js";
import { fieldMatches } from "./conversation-fields.js";
import { inFolder } from "./conversation-model.js";
import { CONVERSATION_QUERY_FIELDS, conversationMatcher } from "./conversation-search.js";
import type { MailboxContext } from "./conversation-view.js";
import { QueryReader } from "./query-params.js";
import {
  evaluateQuery,
  parseQuery,
  type QueryNode,
  QuerySyntaxError,
  queryFields,
} from "./query-parser.js";

const STATUSES = ["active", "all", "closed", "open", "pending", "spam"] as const;
const SORT_FIELDS = [
  "createdAt",
  "customerEmail",
  "customerName",
  "mailboxid",
  "modifiedAt",
  "number",
  "score",
  "status",
  "subject",
] as const;

/** The filters, order and page of a List conversations request. */
export interface ConversationFilters {
  mailboxes?: number[];
  folder?: number;
  status: (typeof STATUSES)[number];
  tags?: string[];
  assignedTo?: number;
  modifiedSince?: number;
  number?: number;
  query?: QueryNode;
  fields?: [number, string][];
  sortField: (typeof SORT_FIELDS)[number];
  sortOrder: "asc" | "desc";
  embedThreads: boolean;
  page: number;
}

/**
 * Reads the List conversations parameters (defaults: `status=active`, `sortField=createdAt`,
 * `sortOrder=desc`); answers 400 listing every bad one.
 */
export function readConversationFilters(c: MailboxContext): ConversationFilters | Response {
  const q = new QueryReader(c);
  const embed = q.oneOf("embed", ["threads"] as const, "threads");
  const filters: ConversationFilters = {
    mailboxes: q.ints("mailbox"),
    folder: q.int("folder"),
    status: q.oneOf("status", STATUSES, "active"),
    tags: q.list("tag")?.map((tag) => tag.toLowerCase()),
    assignedTo: q.int("assigned_to"),
    modifiedSince: q.dateTime("modifiedSince"),
    number: q.int("number"),
    sortField: q.oneOf("sortField", SORT_FIELDS, "createdAt"),
    sortOrder: q.oneOf("sortOrder", ["asc", "desc"] as const, "desc"),
    embedThreads: q.string("embed") !== undefined && embed === "threads",
    page: q.page(),
  };
  const custom = q.string("customFieldsByIds");
  if (custom !== undefined) {
    const pairs = custom.split(",").map((pair) => /^(\d+):(.+)$/.exec(pair.trim()));
    if (pairs.some((pair) => pair === null)) {
      q.problems.add("customFieldsByIds", "must be fieldId:value pairs, comma-separated", custom);
    } else {
      filters.fields = pairs.map((pair) => [Number(pair?.[1]), pair?.[2] ?? ""]);
    }
  }
  const query = q.string("query");
  if (query !== undefined) {
    try {
      filters.query = parseQuery(query);
      const unknown = queryFields(filters.query).find(
        (field) => !CONVERSATION_QUERY_FIELDS.has(field.toLowerCase()),
      );
      if (unknown !== undefined)
        q.problems.add("query", `Unknown search field "${unknown}"`, query);
    } catch (error) {
      if (!(error instanceof QuerySyntaxError)) throw error;
      q.problems.add("query", error.message, query);
    }
  }
  return q.problems.ok ? filters : q.problems.respond(c);
}

/** The conversations matching every filter, sorted (throws QuerySyntaxError for bad ranges). */
export function selectConversations(
  data: MailboxData,
  conversations: Iterable<M["Conversation"]>,
  filters: ConversationFilters,
): M["Conversation"][] {
  const folder = filters.folder === undefined ? undefined : findFolder(data, filters.folder);
  const selected = [...conversations].filter((conversation) => {
    if (!statusMatches(conversation.status, filters.status)) return false;
    if (filters.mailboxes && !filters.mailboxes.includes(conversation.mailboxId)) return false;
    if (filters.folder !== undefined && !(folder && inFolder(conversation, folder))) return false;
    if (filters.assignedTo !== undefined && conversation.assignee?.id !== filters.assignedTo) {
      return false;
    }
    if (filters.number !== undefined && conversation.number !== filters.number) return false;
    if (
      filters.modifiedSince !== undefined &&
      Date.parse(conversation.userUpdatedAt ?? conversation.createdAt) < filters.modifiedSince
    ) {
      return false;
    }
    if (filters.tags) {
      const names = (conversation.tags ?? []).map((tag) => tag.tag.toLowerCase());
      if (!filters.tags.some((tag) => names.includes(tag))) return false;
    }
    if (
      filters.fields?.some(([id, value]) => !fieldMatches(conversation.customFields, id, value))
    ) {
      return false;
    }
    return !filters.query || evaluateQuery(filters.query, conversationMatcher(data, conversation));
  });
  return sortConversations(selected, filters.sortField, filters.sortOrder);
}

function statusMatches(status: M["ConversationStatus"], wanted: ConversationFilters["status"]) {
  if (wanted === "all") return true;
  if (wanted === "open") return status === "active" || status === "pending" || status === "open";
  return status === wanted;
}

function findFolder(data: MailboxData, id: number): M["Folder"] | undefined {
  for (const folders of data.folders.values()) {
    const folder = folders.find((f) => f.id === id);
    if (folder) return folder;
  }
  return undefined;
}

/** Sorts conversations by a List conversations `sortField` (ties broken by id). */
export function sortConversations(
  conversations: M["Conversation"][],
  field: ConversationFilters["sortField"],
  order: "asc" | "desc",
): M["Conversation"][] {
  const key = (c: M["Conversation"]): number | string => {
    switch (field) {
      case "modifiedAt":
        return Date.parse(c.userUpdatedAt ?? c.createdAt);
      case "number":
        return c.number;
      case "mailboxid":
        return c.mailboxId;
      case "status":
        return c.status;
      case "subject":
        return (c.subject ?? "").toLowerCase();
      case "customerEmail":
        return (c.primaryCustomer?.email ?? "").toLowerCase();
      case "customerName":
        return [c.primaryCustomer?.first, c.primaryCustomer?.last].join(" ").toLowerCase();
      default:
        return Date.parse(c.createdAt);
    }
  };
  const sign = order === "asc" ? 1 : -1;
  const keyed = conversations.map((c) => [key(c), c] as const);
  keyed.sort(([ka, a], [kb, b]) => sign * (ka < kb ? -1 : ka > kb ? 1 : a.id - b.id));
  return keyed.map(([, c]) => c);
}
