import type { Conversation, Customer, Rating, Tag, webhooks } from "@terapi/helpscout-mailbox";
import { describe, expectTypeOf, it } from "vitest";
import {
  createWebhookHandler,
  type KnownWebhookEvent,
  type WEBHOOK_EVENTS,
  type WebhookEvent,
  type WebhookPayload,
} from "../src/index.js";

describe("webhook types", () => {
  it("lists exactly the events of the spec's webhooks section", () => {
    expectTypeOf<(typeof WEBHOOK_EVENTS)[number]>().toEqualTypeOf<keyof webhooks>();
    expectTypeOf<KnownWebhookEvent>().toEqualTypeOf<keyof webhooks>();
  });

  it("types each event's payload from the spec", () => {
    expectTypeOf<WebhookPayload<"convo.created">>().toEqualTypeOf<Conversation>();
    expectTypeOf<WebhookPayload<"customer.updated">>().toEqualTypeOf<Customer>();
    expectTypeOf<WebhookPayload<"satisfaction.ratings">>().toEqualTypeOf<Rating>();
    expectTypeOf<WebhookPayload<"tag.created">>().toEqualTypeOf<Tag>();
    expectTypeOf<WebhookPayload<"convo.deleted">>().toEqualTypeOf<{ id: number }>();
  });

  it("types handlers by event name, and unions for several", () => {
    const handler = createWebhookHandler({ secret: "s" });
    handler.on("convo.created", (conversation, ctx) => {
      expectTypeOf(conversation).toEqualTypeOf<Conversation>();
      expectTypeOf(ctx.event).toEqualTypeOf<"convo.created">();
    });
    handler.on(["customer.created", "tag.deleted"], (payload) => {
      expectTypeOf(payload).toEqualTypeOf<Customer | { id: number }>();
    });
    handler.onUnknown((payload, ctx) => {
      expectTypeOf(payload).toBeUnknown();
      expectTypeOf(ctx.event).toBeString();
    });
    handler.onNotification((notification) => {
      expectTypeOf(notification).toEqualTypeOf<{ url: string }>();
    });
    // @ts-expect-error not an event of the spec
    handler.on("convo.exploded", () => {});
  });

  it("narrows a WebhookEvent by kind and name", () => {
    const narrow = (event: WebhookEvent) => {
      if (event.kind === "payload" && event.event === "customer.deleted") {
        expectTypeOf(event.payload).toEqualTypeOf<{ id: number }>();
      }
      if (event.kind === "notification") expectTypeOf(event.payload.url).toBeString();
      if (event.kind === "unknown") expectTypeOf(event.payload).toBeUnknown();
    };
    expectTypeOf(narrow).toBeFunction();
  });
});
