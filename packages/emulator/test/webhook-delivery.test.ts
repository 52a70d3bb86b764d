import { createHmac, timingSafeEqual } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { createEmulator, type Emulator, signWebhookBody } from "../src/index.js";
import type { M } from "../src/types.js";
import { startReceiver, type WebhookReceiver } from "./webhook-receiver.js";

type StoredWebhook = M["Webhook"] & { secret: string };

let receivers: WebhookReceiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  receivers = [];
});

async function receiver(statuses?: number[]): Promise<WebhookReceiver> {
  const started = await startReceiver(statuses);
  receivers.push(started);
  return started;
}

function subscribe(
  emulator: Emulator,
  webhook: Partial<StoredWebhook> & { url: string },
): StoredWebhook {
  const data = emulator.account().mailbox;
  const stored: StoredWebhook = {
    id: data.nextId++,
    state: "enabled",
    events: ["convo.created", "customer.created"],
    secret: "s3cr3t",
    ...webhook,
  };
  data.webhooks.set(stored.id, stored);
  return stored;
}

const conversation = { id: 77, number: 12, mailboxId: 5, subject: "Déjà vu ✓", status: "active" };

/** Verifies a signature the way a receiver would, without the emulator's code. */
function verify(
  secret: string,
  rawBody: Buffer,
  signature: string | string[] | undefined,
): boolean {
  const expected = Buffer.from(createHmac("sha1", secret).update(rawBody).digest("base64"));
  const given = Buffer.from(String(signature));
  return expected.length === given.length && timingSafeEqual(expected, given);
}

describe("webhook delivery", () => {
  it("signs with base64(HMAC-SHA1(secret, raw body)) (RFC 2202 vector)", () => {
    expect(signWebhookBody("Jefe", "what do ya want for nothing?")).toBe(
      "7/zfauXrL6LSdBbV8YTfnCWafHk=",
    );
  });

  it("POSTs the JSON payload with the event and a signature a receiver can verify", async () => {
    const emulator = createEmulator();
    const r = await receiver();
    subscribe(emulator, { url: `${r.url}/hooks?x=1` });
    emulator.emit(emulator.account(), "convo.created", conversation);
    await emulator.settle();
    expect(r.received).toHaveLength(1);
    const [delivery] = r.received;
    expect(delivery?.path).toBe("/hooks?x=1");
    expect(delivery?.headers["content-type"]).toBe("application/json");
    expect(delivery?.headers["x-helpscout-event"]).toBe("convo.created");
    expect(verify("s3cr3t", delivery!.rawBody, delivery?.headers["x-helpscout-signature"])).toBe(
      true,
    );
    expect(verify("other", delivery!.rawBody, delivery?.headers["x-helpscout-signature"])).toBe(
      false,
    );
    expect(JSON.parse(delivery!.rawBody.toString("utf8"))).toEqual(conversation);
    expect(emulator.stats).toMatchObject({ webhookDeliveries: 1, webhookFailures: 0 });
  });

  it("only delivers to enabled webhooks subscribed to the event and the conversation's mailbox", async () => {
    const emulator = createEmulator();
    const all = await receiver();
    const inbox5 = await receiver();
    const inbox6 = await receiver();
    const off = await receiver();
    const tags = await receiver();
    subscribe(emulator, { url: all.url, mailboxIds: [] });
    subscribe(emulator, { url: inbox5.url, mailboxIds: [5, 9], secret: "five" });
    subscribe(emulator, { url: inbox6.url, mailboxIds: [6] });
    subscribe(emulator, { url: off.url, state: "disabled" });
    subscribe(emulator, { url: tags.url, events: ["tag.created"] });
    const account = emulator.account();
    emulator.emit(account, "convo.created", conversation);
    emulator.emit(account, "customer.created", { id: 3, firstName: "Ada" });
    emulator.emit(account, "convo.deleted", { id: 77 });
    await emulator.settle();
    expect(all.received.map((d) => d.headers["x-helpscout-event"])).toEqual(
      expect.arrayContaining(["convo.created", "customer.created"]),
    );
    expect(all.received).toHaveLength(2);
    expect(inbox5.received).toHaveLength(2);
    expect(
      verify(
        "five",
        inbox5.received[0]!.rawBody,
        inbox5.received[0]!.headers["x-helpscout-signature"],
      ),
    ).toBe(true);
    expect(inbox6.received.map((d) => d.headers["x-helpscout-event"])).toEqual([
      "customer.created",
    ]);
    expect(off.received).toHaveLength(0);
    expect(tags.received).toHaveLength(0);
  });

  it("sends only the resource URL to a webhook in notification mode", async () => {
    const emulator = createEmulator();
    const r = await receiver();
    subscribe(emulator, { url: r.url, notification: true });
    const account = emulator.account();
    emulator.emit(account, "convo.created", {
      ...conversation,
      _links: { self: { href: "https://api.helpscout.net/v2/conversations/77" } },
    });
    emulator.emit(account, "customer.created", { id: 3 });
    await emulator.settle();
    const bodies = r.received.map((d) => JSON.parse(d.rawBody.toString("utf8")));
    expect(bodies).toEqual(
      expect.arrayContaining([
        { url: "https://api.helpscout.net/v2/conversations/77" },
        { url: "https://api.helpscout.net/v2/customers/3" },
      ]),
    );
  });

  it("retries a failed delivery until it is acknowledged", async () => {
    const emulator = createEmulator();
    const r = await receiver([500, 503, 200]);
    subscribe(emulator, { url: r.url });
    emulator.emit(emulator.account(), "convo.created", conversation);
    await emulator.settle();
    expect(r.received).toHaveLength(3);
    expect(new Set(r.received.map((d) => d.rawBody.toString("utf8"))).size).toBe(1);
    expect(emulator.stats).toMatchObject({ webhookDeliveries: 1, webhookFailures: 2 });
  });

  it("gives up after three retries, keeping the webhook enabled", async () => {
    const emulator = createEmulator();
    const r = await receiver([500]);
    const webhook = subscribe(emulator, { url: r.url });
    emulator.emit(emulator.account(), "convo.created", conversation);
    await emulator.settle();
    expect(r.received).toHaveLength(4);
    expect(emulator.stats).toMatchObject({ webhookDeliveries: 0, webhookFailures: 4 });
    expect(webhook.state).toBe("enabled");
  });

  it("retries network errors too", async () => {
    const emulator = createEmulator();
    const closed = await startReceiver();
    await closed.close();
    subscribe(emulator, { url: closed.url });
    emulator.emit(emulator.account(), "convo.created", conversation);
    await emulator.settle();
    expect(emulator.stats).toMatchObject({ webhookDeliveries: 0, webhookFailures: 4 });
  });

  it("disables the webhook on 410 Gone without retrying", async () => {
    const emulator = createEmulator();
    const r = await receiver([410, 200]);
    const webhook = subscribe(emulator, { url: r.url });
    emulator.emit(emulator.account(), "convo.created", conversation);
    await emulator.settle();
    expect(r.received).toHaveLength(1);
    expect(webhook.state).toBe("disabled");
    emulator.emit(emulator.account(), "convo.created", conversation);
    await emulator.settle();
    expect(r.received).toHaveLength(1);
  });

  it("uses the transport given to createEmulator", async () => {
    const seen: Request[] = [];
    const emulator = createEmulator({
      fetch: async (input) => {
        seen.push(input as Request);
        return new Response(null, { status: 204 });
      },
    });
    subscribe(emulator, { url: "https://hooks.example/helpscout" });
    emulator.emit(emulator.account(), "customer.created", { id: 3 });
    await emulator.settle();
    expect(seen.map((r) => [r.method, r.url])).toEqual([
      ["POST", "https://hooks.example/helpscout"],
    ]);
    expect(emulator.stats.webhookDeliveries).toBe(1);
  });
});
