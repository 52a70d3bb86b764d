import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createWebhookHandler,
  type WebhookContext,
  type WebhookError,
  type WebhookEvent,
} from "../src/index.js";
import { gate, SECRET, signedDelivery, signedRequest } from "./fixtures/deliveries.js";

const conversation = { id: 10, number: 3, subject: "Refund", status: "active", threads: 0 };

afterEach(() => {
  vi.restoreAllMocks();
});

describe("createWebhookHandler routing", () => {
  it("calls the handlers of an event with its typed payload and context, in registration order", async () => {
    const calls: string[] = [];
    const webhooks = createWebhookHandler({ secret: SECRET })
      .on("convo.created", (payload, ctx) => {
        calls.push(`created ${payload.subject} ${ctx.event}`);
      })
      .on(["convo.created", "convo.status"], (payload) => {
        calls.push(`created|status ${payload.id}`);
      })
      .on("customer.deleted", (payload) => {
        calls.push(`customer ${payload.id}`);
      })
      .onAny((event) => {
        calls.push(`any ${event.kind} ${event.event}`);
      });

    const response = await webhooks.fetch(await signedRequest("convo.created", conversation));
    expect(response.status).toBe(200);
    await webhooks.idle();
    expect(calls).toEqual([
      "created Refund convo.created",
      "created|status 10",
      "any payload convo.created",
    ]);

    calls.length = 0;
    await webhooks.fetch(await signedRequest("customer.deleted", { id: 4 }));
    await webhooks.idle();
    expect(calls).toEqual(["customer 4", "any payload customer.deleted"]);
  });

  it("routes notification-mode deliveries to onNotification and new event names to onUnknown", async () => {
    const seen: Array<[string, unknown, string]> = [];
    const typed = vi.fn();
    const webhooks = createWebhookHandler({ secret: SECRET })
      .on("convo.created", typed)
      .onNotification((notification, ctx) => {
        seen.push(["notification", notification, ctx.event]);
      })
      .onUnknown((payload, ctx) => {
        seen.push(["unknown", payload, ctx.event]);
      });
    const url = "https://api.helpscout.net/v2/conversations/10";
    await webhooks.fetch(await signedRequest("convo.created", { url }));
    await webhooks.fetch(await signedRequest("convo.teleported", { id: 10, to: "mars" }));
    await webhooks.idle();
    expect(typed).not.toHaveBeenCalled();
    expect(seen).toEqual([
      ["notification", { url }, "convo.created"],
      ["unknown", { id: 10, to: "mars" }, "convo.teleported"],
    ]);
  });

  it("refuses to register an event name it does not know (a typo would never fire)", () => {
    const webhooks = createWebhookHandler({ secret: SECRET });
    // @ts-expect-error not an event name
    expect(() => webhooks.on("convo.craeted", () => {})).toThrow(/onUnknown/);
    expect(() => webhooks.on([], () => {})).toThrow(/at least one event/);
  });

  it("gives each delivery a context with its headers, raw bytes and a fresh id", async () => {
    const contexts: WebhookContext[] = [];
    const webhooks = createWebhookHandler({ secret: SECRET }).onAny((_event, ctx) => {
      contexts.push(ctx);
    });
    const delivery = await signedDelivery("tag.created", '{"id":1,"name":"vip"}');
    const first = await webhooks.receive(delivery);
    const second = await webhooks.receive(delivery);
    await webhooks.idle();
    expect(first.ok && second.ok).toBe(true);
    expect(contexts).toHaveLength(2);
    expect(new TextDecoder().decode(contexts[0]?.rawBody)).toBe('{"id":1,"name":"vip"}');
    expect(contexts[0]?.headers.get("x-helpscout-event")).toBe("tag.created");
    expect(contexts[0]?.deliveryId).not.toBe(contexts[1]?.deliveryId);
    expect(contexts[0]?.receivedAt).toBeInstanceOf(Date);
  });
});

describe("answering fast and finishing later", () => {
  it("answers 200 before a slow handler finishes, and idle() waits for it", async () => {
    const held = gate();
    let finished = false;
    const webhooks = createWebhookHandler({ secret: SECRET }).on("convo.created", async () => {
      await held.promise;
      finished = true;
    });
    const response = await webhooks.fetch(await signedRequest("convo.created", conversation));
    expect(response.status).toBe(200);
    expect(finished).toBe(false);

    let idle = false;
    const idling = webhooks.idle().then(() => {
      idle = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(idle).toBe(false);
    held.open();
    await idling;
    expect(finished).toBe(true);
  });

  it("does not run a handler's synchronous work before the answer is handed back", async () => {
    const order: string[] = [];
    const webhooks = createWebhookHandler({ secret: SECRET }).on("convo.created", () => {
      order.push("handler");
    });
    const answered = webhooks
      .fetch(await signedRequest("convo.created", conversation))
      .then(() => order.push("answered"));
    await answered;
    await webhooks.idle();
    expect(order).toEqual(["answered", "handler"]);
  });

  it("hands the handlers' promise to the platform's waitUntil", async () => {
    const held = gate();
    const webhooks = createWebhookHandler({ secret: SECRET }).on(
      "convo.created",
      () => held.promise,
    );
    const waitUntil = vi.fn();
    await webhooks.fetch(await signedRequest("convo.created", conversation), { waitUntil });
    expect(waitUntil).toHaveBeenCalledTimes(1);
    let settled = false;
    void (waitUntil.mock.calls[0]![0] as Promise<void>).then(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(settled).toBe(false);
    held.open();
    await webhooks.idle();
    expect(settled).toBe(true);
  });

  it("close() refuses new deliveries with 503 and waits for those in progress", async () => {
    const held = gate();
    const webhooks = createWebhookHandler({ secret: SECRET }).on(
      "convo.created",
      () => held.promise,
    );
    await webhooks.fetch(await signedRequest("convo.created", conversation));
    let closed = false;
    const closing = webhooks.close().then(() => {
      closed = true;
    });
    const late = await webhooks.fetch(await signedRequest("convo.created", conversation));
    expect(late.status).toBe(503);
    expect(closed).toBe(false);
    held.open();
    await closing;
    expect(closed).toBe(true);
  });
});

describe("errors", () => {
  it("sends handler errors to onError with the event and context; the other handlers still run", async () => {
    const onError = vi.fn();
    const after = vi.fn();
    const webhooks = createWebhookHandler({ secret: SECRET, onError })
      .on("convo.created", () => {
        throw new Error("sync failure");
      })
      .on("convo.created", async () => {
        await Promise.reject(new Error("async failure"));
      })
      .on("convo.created", after);
    const response = await webhooks.fetch(await signedRequest("convo.created", conversation));
    expect(response.status).toBe(200);
    await webhooks.idle();
    expect(onError.mock.calls.map(([error]) => (error as Error).message)).toEqual([
      "sync failure",
      "async failure",
    ]);
    const [, event, ctx] = onError.mock.calls[0] as [Error, WebhookEvent, WebhookContext];
    expect(event).toMatchObject({ kind: "payload", event: "convo.created" });
    expect(ctx.event).toBe("convo.created");
    expect(after).toHaveBeenCalledTimes(1);
  });

  it("never lets a handler error, or a throwing onError, become an unhandled rejection", async () => {
    const unhandled = vi.fn();
    process.on("unhandledRejection", unhandled);
    try {
      const webhooks = createWebhookHandler({
        secret: SECRET,
        onError: () => {
          throw new Error("onError itself fails");
        },
      }).on("convo.created", async () => {
        throw new Error("handler fails");
      });
      await webhooks.fetch(await signedRequest("convo.created", conversation));
      await webhooks.idle();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off("unhandledRejection", unhandled);
    }
  });

  it("by default reports a failing handler on stderr with the event, never the payload", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const webhooks = createWebhookHandler({ secret: SECRET }).on("convo.created", () => {
      throw new Error("boom");
    });
    await webhooks.fetch(await signedRequest("convo.created", { ...conversation, subject: "PII" }));
    await webhooks.idle();
    expect(logged).toHaveBeenCalledTimes(1);
    const line = String(logged.mock.calls[0]?.[0]);
    expect(line).toContain("convo.created");
    expect(line).toContain("boom");
    expect(line).not.toContain("PII");
  });

  it("tells onRejected about every refused delivery and answers with its status and reason", async () => {
    const rejected: WebhookError[] = [];
    const handler = vi.fn();
    const webhooks = createWebhookHandler({
      secret: SECRET,
      onRejected: (error) => rejected.push(error),
    }).onAny(handler);
    const forged = await signedRequest("convo.created", conversation, { secret: "guess" });
    const response = await webhooks.fetch(forged);
    expect(response.status).toBe(401);
    expect(await response.text()).toContain("X-HelpScout-Signature does not match");
    const get = await webhooks.fetch(
      new Request("https://receiver.example.test/", { method: "GET" }),
    );
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect(rejected.map((e) => e.code)).toEqual(["invalid_signature", "method_not_allowed"]);
    await webhooks.idle();
    expect(handler).not.toHaveBeenCalled();
  });

  it("throws a configuration error for a bad secret when created, without showing it", () => {
    const long = "L".repeat(41);
    expect(() => createWebhookHandler({ secret: long })).toThrow(/at most 40/);
    expect(() => createWebhookHandler({ secret: long })).not.toThrow(long);
    expect(() => createWebhookHandler({ secret: "" })).toThrow(/empty/);
    expect(() => createWebhookHandler({ secret: [] })).toThrow(/at least one/);
  });
});
