export {
  createWebhookHandler,
  type WaitUntilContext,
  type WebhookHandler,
  type WebhookHandlerOptions,
  type WebhookReceipt,
} from "./create-webhook-handler.js";
export {
  type EnsureWebhookOptions,
  type EnsureWebhookResult,
  ensureWebhook,
} from "./ensure-webhook.js";
export {
  isKnownWebhookEvent,
  SUBSCRIBABLE_WEBHOOK_EVENTS,
  WEBHOOK_EVENTS,
} from "./event-names.js";
export {
  DEFAULT_MAX_BODY_BYTES,
  type HeadersInput,
  type ParseWebhookOptions,
  parseWebhookDelivery,
  type WebhookDeliveryInput,
} from "./parse-delivery.js";
export type { NodeRequest } from "./read-body.js";
export {
  MAX_SECRET_LENGTH,
  signWebhookBody,
  verifyWebhookSignature,
  type WebhookSecrets,
} from "./signature.js";
export type {
  HandlerResult,
  KnownWebhookEvent,
  UnknownWebhookEvent,
  WebhookContext,
  WebhookEvent,
  WebhookNotification,
  WebhookNotificationEvent,
  WebhookPayload,
  WebhookPayloadEvent,
  WebhookPayloads,
} from "./types.js";
export { isWebhookError, WebhookError, type WebhookErrorCode } from "./webhook-error.js";
export type {
  AnyHandler,
  EventHandler,
  NotificationHandler,
  UnknownHandler,
} from "./webhook-routes.js";
