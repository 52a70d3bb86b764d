import { isKnownWebhookEvent } from "./event-names.js";
import type {
  HandlerResult,
  KnownWebhookEvent,
  WebhookContext,
  WebhookEvent,
  WebhookNotification,
  WebhookPayloads,
} from "./types.js";
import { WebhookError } from "./webhook-error.js";

/** A handler of known events: the typed payload and the delivery's context. */
export type EventHandler<E extends KnownWebhookEvent> = (
  payload: WebhookPayloads[E],
  context: WebhookContext<E>,
) => HandlerResult;

/** A handler of notification-mode deliveries: `{ url }` of the changed object. */
export type NotificationHandler = (
  notification: WebhookNotification,
  context: WebhookContext,
) => HandlerResult;

/** A handler of deliveries this version cannot type; `context.event` names the event. */
export type UnknownHandler = (payload: unknown, context: WebhookContext) => HandlerResult;

/** A handler of every verified delivery, whatever its kind. */
export type AnyHandler = (event: WebhookEvent, context: WebhookContext) => HandlerResult;

type Route =
  | { kind: "payload"; events: ReadonlySet<string>; run: (payload: never, ctx: never) => unknown }
  | { kind: "notification"; run: NotificationHandler }
  | { kind: "unknown"; run: UnknownHandler }
  | { kind: "any"; run: AnyHandler };

/** The handlers registered on a webhook handler, in registration order. @internal */
export class WebhookRoutes {
  readonly #routes: Route[] = [];

  /** @throws WebhookError `configuration_error` for a name this version does not type. */
  addEvents(events: readonly string[], run: (payload: never, ctx: never) => unknown): void {
    if (events.length === 0) {
      throw new WebhookError("configuration_error", "on() needs at least one event name.");
    }
    for (const event of events) {
      if (!isKnownWebhookEvent(event)) {
        throw new WebhookError(
          "configuration_error",
          `"${event}" is not a webhook event this version knows; handle it with onUnknown() or onAny().`,
        );
      }
    }
    this.#routes.push({ kind: "payload", events: new Set(events), run });
  }

  add(route: Exclude<Route, { kind: "payload" }>): void {
    this.#routes.push(route);
  }

  /** The calls to make for one delivery, in registration order. */
  callsFor(event: WebhookEvent, context: WebhookContext): Array<() => unknown> {
    const calls: Array<() => unknown> = [];
    for (const route of this.#routes) {
      if (route.kind === "any") {
        calls.push(() => route.run(event, context));
      } else if (route.kind === "notification" && event.kind === "notification") {
        calls.push(() => route.run(event.payload, context));
      } else if (route.kind === "unknown" && event.kind === "unknown") {
        calls.push(() => route.run(event.payload, context));
      } else if (route.kind === "payload" && event.kind === "payload") {
        if (route.events.has(event.event)) {
          calls.push(() => route.run(event.payload as never, context as never));
        }
      }
    }
    return calls;
  }
}
