import type { webhooks } from "./generated/mailbox-api.js";

/** An event name the Mailbox spec's `webhooks:` section types. */
type WebhookEventKey = keyof webhooks & string;

/**
 * Every event of the Mailbox spec's `webhooks:` section (28), in the spec's order. A type test
 * keeps this list and the generated `webhooks` interface equal both ways, so a spec change that
 * adds an event fails the build until it is listed here.
 *
 * The first 21 are the {@link SUBSCRIBABLE_WEBHOOK_EVENTS}; the last 7 are newer events known from
 * third-party summaries only (unconfirmed in Help Scout's docs).
 */
export const WEBHOOK_EVENTS = [
  "convo.assigned",
  "convo.created",
  "convo.deleted",
  "convo.merged",
  "convo.moved",
  "convo.status",
  "convo.tags",
  "convo.custom-fields",
  "convo.customer.reply.created",
  "convo.agent.reply.created",
  "convo.note.created",
  "customer.created",
  "customer.updated",
  "customer.deleted",
  "satisfaction.ratings",
  "beacon.chat.created",
  "beacon.chat.customer.replied",
  "tag.created",
  "tag.updated",
  "tag.deleted",
  "message.survey.response.received",
  "convo.ai-answers.created",
  "convo.ai-answers-email.reply.created",
  "convo.ai-answers-email.resolution",
  "organization.created",
  "organization.updated",
  "organization.deleted",
  "user.status.changed",
] as const satisfies readonly WebhookEventKey[];

/**
 * The 21 events Help Scout's Create/Update Webhook pages list as valid `events` values: what a
 * subscription can ask for (`ensureWebhook` in `@terapi/helpscout-webhooks` subscribes to them).
 *
 * @see https://developer.helpscout.com/mailbox-api/endpoints/webhooks/create/
 */
export const SUBSCRIBABLE_WEBHOOK_EVENTS: readonly WebhookEventKey[] = WEBHOOK_EVENTS.slice(0, 21);
