/**
 * Which record model a webhook event changes, and how: the sync's models and their conventions
 * (record id = Help Scout's id as text, `lastModifiedAt` from the same payload fields the sync
 * models read).
 */
export interface WebhookTarget {
  /** The record model: `conversations`, `customers` or `tags`. */
  model: "conversations" | "customers" | "tags";
  /** Payload fields holding the modification time, first found wins (as the sync model). */
  stampKeys: readonly string[];
}

/** The synced models webhook events feed, by event group (the part before the first dot). */
const TARGETS: Readonly<Record<string, WebhookTarget>> = {
  convo: { model: "conversations", stampKeys: ["userUpdatedAt", "createdAt"] },
  customer: { model: "customers", stampKeys: ["updatedAt", "createdAt"] },
  tag: { model: "tags", stampKeys: ["updatedAt", "createdAt"] },
};

/** Why events of the other groups change nothing, for the result's `reason`. */
const IGNORED: Readonly<Record<string, string>> = {
  satisfaction:
    "ratings are not a synced model (the API has no ratings listing to reconcile them with)",
  organization: "organizations are not a synced model",
  user: "user statuses are not a synced model",
  beacon: "Beacon chats are not a synced model",
  message: "survey responses are not a synced model",
};

/** The model an event changes, or why it changes none. */
export function webhookTarget(event: string): WebhookTarget | { ignored: string } {
  const group = event.split(".", 1)[0] ?? "";
  const target = Object.hasOwn(TARGETS, group) ? TARGETS[group] : undefined;
  if (target) return target;
  return {
    ignored: (Object.hasOwn(IGNORED, group) ? IGNORED[group] : undefined) ?? "not a synced model",
  };
}

/** True for the events whose body is only the id of a deleted object (`*.deleted`). */
export function isDeleteEvent(event: string): boolean {
  return event.endsWith(".deleted");
}

/**
 * The body of a delivery in notification mode: a JSON object whose only field is the `url` of
 * the changed object (the same test the webhooks package applies).
 */
export function notificationUrl(payload: unknown): string | undefined {
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return undefined;
  const keys = Object.keys(payload);
  const url = (payload as { url?: unknown }).url;
  return keys.length === 1 && typeof url === "string" ? url : undefined;
}

/**
 * The id in an API URL of the target's model, e.g. `…/v2/conversations/123` → `123`; only the
 * path is read (the host is never contacted from it).
 */
export function idFromResourceUrl(url: string, model: WebhookTarget["model"]): number | undefined {
  if (!URL.canParse(url)) return undefined;
  const match = new RegExp(`^/v[23]/${model}/(\\d+)/?$`).exec(new URL(url).pathname);
  const id = match?.[1] === undefined ? Number.NaN : Number(match[1]);
  return Number.isSafeInteger(id) ? id : undefined;
}

/** The numeric or string `id` of a payload, as a record id. */
export function payloadId(payload: unknown): string | undefined {
  if (typeof payload !== "object" || payload === null) return undefined;
  const id = (payload as { id?: unknown }).id;
  if (typeof id === "number" && Number.isSafeInteger(id)) return String(id);
  if (typeof id === "string" && id !== "") return id;
  return undefined;
}

/** True when a conversation payload embeds its threads (what the sync stores). */
export function hasEmbeddedThreads(payload: unknown): boolean {
  const embedded = (payload as { _embedded?: { threads?: unknown } } | null)?._embedded;
  return Array.isArray(embedded?.threads);
}
