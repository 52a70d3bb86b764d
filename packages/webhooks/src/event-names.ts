import { WEBHOOK_EVENTS } from "@terapi/helpscout-mailbox/webhook-events";
import type { KnownWebhookEvent } from "./types.js";

export {
  SUBSCRIBABLE_WEBHOOK_EVENTS,
  WEBHOOK_EVENTS,
} from "@terapi/helpscout-mailbox/webhook-events";

const KNOWN: ReadonlySet<string> = new Set(WEBHOOK_EVENTS);

/**
 * True when `event` is one of the {@link WEBHOOK_EVENTS} this version types; other names are
 * still delivered, to `onUnknown` and `onAny`.
 */
export function isKnownWebhookEvent(event: string): event is KnownWebhookEvent {
  return KNOWN.has(event);
}
