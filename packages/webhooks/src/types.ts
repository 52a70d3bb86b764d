import type { webhooks } from "@terapi/helpscout-mailbox";

type JsonBodyOf<Operation> = Operation extends {
  requestBody: { content: { "application/json": infer Body } };
}
  ? Body
  : never;

/**
 * The body of each webhook event, generated from the Mailbox spec's `webhooks:` section: a v2
 * `Conversation` for `convo.*`, `Customer`, `Rating`, `Tag`, `Organization`, `UserStatus`,
 * `{ id }` (`DeletedResourcePayload`) for `*.deleted`, open objects for Beacon chats and surveys.
 */
export type WebhookPayloads = { [E in keyof webhooks]: JsonBodyOf<webhooks[E]["post"]> };

/** A webhook event name this version types (`convo.created`, `customer.deleted`, …). */
export type KnownWebhookEvent = keyof WebhookPayloads & string;

/** The payload of one known event, e.g. `WebhookPayload<"convo.created">` is a `Conversation`. */
export type WebhookPayload<E extends KnownWebhookEvent> = WebhookPayloads[E];

/**
 * The body of a delivery from a webhook in notification mode (`notification: true`): only the API
 * URL of the changed object (e.g. `https://api.helpscout.net/v2/conversations/123`), never the
 * object. Help Scout does not document this shape further.
 */
export interface WebhookNotification {
  url: string;
}

/** A delivery of a known event with its full object, as typed by the spec. */
export type WebhookPayloadEvent = {
  [E in KnownWebhookEvent]: { kind: "payload"; event: E; payload: WebhookPayloads[E] };
}[KnownWebhookEvent];

/** A delivery from a webhook in notification mode: the event and `{ url }` of the object. */
export interface WebhookNotificationEvent {
  kind: "notification";
  /** The event name (known, or one this version does not list). */
  event: KnownWebhookEvent | (string & {});
  payload: WebhookNotification;
}

/**
 * A delivery this version cannot type: an event name the spec does not list (Help Scout adds
 * events), or a known event whose body is not a JSON object. Delivered as is, never dropped.
 */
export interface UnknownWebhookEvent {
  kind: "unknown";
  event: string;
  /** The parsed JSON body. */
  payload: unknown;
}

/** A verified, parsed delivery; `kind` tells which of the three it is. */
export type WebhookEvent = WebhookPayloadEvent | WebhookNotificationEvent | UnknownWebhookEvent;

/** What a handler learns about the delivery besides its payload. */
export interface WebhookContext<E extends string = string> {
  /** The event name, from the `X-HelpScout-Event` header (not covered by the signature). */
  event: E;
  /** A random id of this delivery, to correlate logs (Help Scout sends none). */
  deliveryId: string;
  /** When the delivery was verified. */
  receivedAt: Date;
  /** The request headers. */
  headers: Headers;
  /** The exact bytes the signature was verified over. */
  rawBody: Uint8Array;
}

/** A handler's result is awaited (so its errors reach `onError`) but otherwise ignored. */
export type HandlerResult = unknown;
