import { isHelpScoutError } from "@terapi/helpscout-auth";
import { type MailboxClient, paginate } from "@terapi/helpscout-mailbox";
import { stampOf } from "./models/timestamps.js";
import type { RecordChangesResult, RecordStore } from "./types.js";
import {
  hasEmbeddedThreads,
  idFromResourceUrl,
  isDeleteEvent,
  notificationUrl,
  payloadId,
  type WebhookTarget,
  webhookTarget,
} from "./webhook-targets.js";

/**
 * A verified webhook event: its name and parsed body. The events of
 * `@terapi/helpscout-webhooks` have this shape, so its router can hand them over as they are.
 */
export interface WebhookEventInput {
  /** The `X-HelpScout-Event` name, e.g. `convo.created`. */
  event: string;
  /** The parsed JSON body: the object, `{ id }` for `*.deleted`, `{ url }` in notification mode. */
  payload: unknown;
}

/** Options of {@link applyWebhookEvent}. */
export interface ApplyWebhookEventOptions extends WebhookEventInput {
  /** Whose account the records belong to (the sync's connection id). */
  connectionId: string;
  /**
   * Reads what a delivery lacks: the object of a notification-mode delivery (`{ url }`), or the
   * threads of a conversation sent without them. Without it such events are `ignored`.
   */
  mailbox?: MailboxClient;
  /** Aborts those reads. */
  signal?: AbortSignal;
}

/** What {@link applyWebhookEvent} did with an event. */
export interface WebhookApplyResult {
  /** The event name. */
  event: string;
  /** The record model it changed (`conversations`, `customers`, `tags`), `null` for none. */
  model: string | null;
  /** The record id (Help Scout's id as text), when known. */
  id: string | null;
  /**
   * `inserted`, `updated`, `unchanged` (same content hash), `deleted`, `stale` (the store holds a
   * newer version: the delivery came late) or `ignored` (see `reason`).
   */
  action: "inserted" | "updated" | "unchanged" | "deleted" | "stale" | "ignored";
  /** Why an event was ignored. */
  reason?: string;
}

/**
 * Applies a webhook event to the sync's record store, with the models' record shape, id and hash
 * conventions, and without touching any sync checkpoint (see {@link RecordStore.applyRecordChanges}):
 *
 * - `convo.*` upserts the conversation in `conversations`, threads embedded as the sync stores it
 *   (a payload without `_embedded.threads` is completed with `GET /v2/conversations/{id}?embed=threads`
 *   through `mailbox`); `convo.deleted` marks it deleted.
 * - `customer.*` → `customers`, `tag.*` → `tags` (`*.deleted` marks deleted).
 * - Notification-mode deliveries (`{ url }`) are read through `mailbox` (`*.deleted` needs no read).
 * - `satisfaction.ratings`, `organization.*`, `user.status.changed`, `beacon.*`, `message.*` and
 *   unknown events are `ignored`: the sync has no model for them.
 *
 * @returns What changed. Store and API failures are thrown (a `HelpScoutError` or the driver's).
 * @example
 * const result = await applyWebhookEvent(store, { connectionId: "acme", event, payload, mailbox });
 */
export async function applyWebhookEvent(
  store: RecordStore,
  options: ApplyWebhookEventOptions,
): Promise<WebhookApplyResult> {
  const { event, connectionId } = options;
  const target = webhookTarget(event);
  if ("ignored" in target) return ignored(event, null, null, target.ignored);
  const url = notificationUrl(options.payload);
  const id =
    url === undefined
      ? payloadId(options.payload)
      : idFromResourceUrl(url, target.model)?.toString();
  if (id === undefined) {
    const what = url === undefined ? "no id in the payload" : `no ${target.model} id in ${url}`;
    return ignored(event, target.model, null, what);
  }
  if (isDeleteEvent(event)) {
    const result = await store.applyRecordChanges({
      connectionId,
      model: target.model,
      deletedIds: [id],
    });
    return outcome(event, target.model, id, result);
  }
  let payload = options.payload;
  const incomplete = target.model === "conversations" && !hasEmbeddedThreads(payload);
  if (url !== undefined || incomplete) {
    if (options.mailbox === undefined) {
      const lacking = url === undefined ? "a conversation without its threads" : "a notification";
      return ignored(event, target.model, id, `${lacking}: pass a mailbox client to read it`);
    }
    payload = await readObject(options.mailbox, target.model, Number(id), options.signal);
    if (payload === undefined) return ignored(event, target.model, id, "not found in the API");
  }
  const recordId = payloadId(payload) ?? id;
  const result = await store.applyRecordChanges({
    connectionId,
    model: target.model,
    records: [{ id: recordId, payload, lastModifiedAt: stampOf(payload, target.stampKeys) }],
  });
  return outcome(event, target.model, recordId, result);
}

/**
 * A webhook listener that applies every event to `store` (see {@link applyWebhookEvent}): pass it
 * to the `onAny` of a `@terapi/helpscout-webhooks` handler. Failures are thrown, so the handler's
 * `onError` sees them.
 *
 * @example
 * webhooks.onAny(syncStoreWebhookListener(store, { connectionId: "acme", mailbox }));
 */
export function syncStoreWebhookListener(
  store: RecordStore,
  options: Omit<ApplyWebhookEventOptions, "event" | "payload">,
): (event: WebhookEventInput) => Promise<WebhookApplyResult> {
  return (input) =>
    applyWebhookEvent(store, { ...options, event: input.event, payload: input.payload });
}

/** The object as the sync stores it, read through the API; `undefined` when it is gone. */
async function readObject(
  mailbox: MailboxClient,
  model: WebhookTarget["model"],
  id: number,
  signal: AbortSignal | undefined,
): Promise<unknown> {
  try {
    if (model === "conversations") {
      const { data } = await mailbox.GET("/v2/conversations/{conversationId}", {
        params: { path: { conversationId: id }, query: { embed: "threads" } },
        signal,
      });
      return data;
    }
    if (model === "customers") {
      const { data } = await mailbox.GET("/v2/customers/{customerId}", {
        params: { path: { customerId: id } },
        signal,
      });
      return data;
    }
    // There is no Get Tag endpoint: tags are few, so the listing is searched.
    for await (const tag of paginate(mailbox, "/v2/tags", { signal })) {
      if (tag.id === id) return tag;
    }
    return undefined;
  } catch (error) {
    if (isHelpScoutError(error) && error.status === 404) return undefined;
    throw error;
  }
}

function outcome(
  event: string,
  model: string,
  id: string,
  result: RecordChangesResult,
): WebhookApplyResult {
  const action =
    result.deleted > 0
      ? "deleted"
      : result.inserted > 0
        ? "inserted"
        : result.updated > 0
          ? "updated"
          : result.stale > 0
            ? "stale"
            : "unchanged";
  return { event, model, id, action };
}

function ignored(
  event: string,
  model: string | null,
  id: string | null,
  reason: string,
): WebhookApplyResult {
  return { event, model, id, action: "ignored", reason };
}
