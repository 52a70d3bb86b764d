import { describe, expect, it } from "vitest";
import {
  isWebhookError,
  parseWebhookDelivery,
  type WebhookDeliveryInput,
  type WebhookError,
} from "../src/index.js";
import { SECRET, signedDelivery } from "./fixtures/deliveries.js";

async function refusal(input: WebhookDeliveryInput, maxBodyBytes?: number): Promise<WebhookError> {
  const error = await parseWebhookDelivery(input, {
    secret: SECRET,
    ...(maxBodyBytes === undefined ? {} : { maxBodyBytes }),
  }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isWebhookError(error)) throw new Error(`expected a WebhookError, got ${String(error)}`);
  // Never the secret, in any form a log could take.
  expect(error.message).not.toContain(SECRET);
  expect(JSON.stringify(error)).not.toContain(SECRET);
  expect(String(error.stack)).not.toContain(SECRET);
  return error;
}

const conversation = { id: 1, number: 7, subject: "Hello", status: "active", threads: 1 };

describe("parseWebhookDelivery", () => {
  it("returns a known event with its typed payload", async () => {
    const delivery = await signedDelivery("convo.created", JSON.stringify(conversation));
    const event = await parseWebhookDelivery(delivery, { secret: SECRET });
    expect(event).toEqual({ kind: "payload", event: "convo.created", payload: conversation });
    if (event.kind === "payload" && event.event === "convo.created") {
      expect(event.payload.subject).toBe("Hello");
    }
  });

  it("tells notification-mode bodies ({url} alone) from objects, whatever the event", async () => {
    const url = "https://api.helpscout.net/v2/customers/3";
    for (const event of ["customer.created", "brand.new.event"]) {
      const delivery = await signedDelivery(event, JSON.stringify({ url }));
      expect(await parseWebhookDelivery(delivery, { secret: SECRET })).toEqual({
        kind: "notification",
        event,
        payload: { url },
      });
    }
    // An object that merely has a url too is a payload.
    const withMore = await signedDelivery("customer.created", JSON.stringify({ id: 3, url }));
    expect((await parseWebhookDelivery(withMore, { secret: SECRET })).kind).toBe("payload");
  });

  it("delivers unknown event names and non-object bodies as unknown, not dropped", async () => {
    const newer = await signedDelivery("convo.snoozed", JSON.stringify(conversation));
    expect(await parseWebhookDelivery(newer, { secret: SECRET })).toEqual({
      kind: "unknown",
      event: "convo.snoozed",
      payload: conversation,
    });
    for (const body of ["[1,2]", "null", '"text"', "42"]) {
      const odd = await signedDelivery("tag.created", body);
      expect(await parseWebhookDelivery(odd, { secret: SECRET })).toEqual({
        kind: "unknown",
        event: "tag.created",
        payload: JSON.parse(body),
      });
    }
  });

  it("accepts a charset parameter and any case in the content type, and a POST in any case", async () => {
    const delivery = await signedDelivery("tag.deleted", '{"id":5}');
    const headers = { ...delivery.headers, "content-type": "Application/JSON; charset=UTF-8" };
    const event = await parseWebhookDelivery(
      { method: "post", headers, body: delivery.body },
      { secret: SECRET },
    );
    expect(event).toEqual({ kind: "payload", event: "tag.deleted", payload: { id: 5 } });
  });

  it("refuses each kind of bad delivery with a typed error and the status to answer", async () => {
    const good = await signedDelivery("convo.created", JSON.stringify(conversation));
    const without = (name: string) =>
      Object.fromEntries(Object.entries(good.headers).filter(([key]) => key !== name));
    const cases: Array<[string, WebhookDeliveryInput, string, number]> = [
      ["a GET", { ...good, method: "GET" }, "method_not_allowed", 405],
      [
        "text/plain",
        { ...good, headers: { ...good.headers, "content-type": "text/plain" } },
        "unsupported_media_type",
        415,
      ],
      [
        "no content type",
        { ...good, headers: without("content-type") },
        "unsupported_media_type",
        415,
      ],
      [
        "no signature",
        { ...good, headers: without("x-helpscout-signature") },
        "missing_signature",
        401,
      ],
      [
        "another secret's signature",
        await signedDelivery("convo.created", JSON.stringify(conversation), "other"),
        "invalid_signature",
        401,
      ],
      [
        "a changed body",
        { ...good, body: new TextEncoder().encode(JSON.stringify({ ...conversation, id: 2 })) },
        "invalid_signature",
        401,
      ],
      ["no event", { ...good, headers: without("x-helpscout-event") }, "missing_event", 400],
      ["invalid JSON", await signedDelivery("convo.created", "{not json"), "invalid_json", 400],
      ["an empty body", await signedDelivery("convo.created", ""), "invalid_json", 400],
      [
        "invalid UTF-8 (signed)",
        await signedDelivery("convo.created", Uint8Array.from([0x7b, 0x22, 0xff, 0x22, 0x7d])),
        "invalid_json",
        400,
      ],
      [
        "a byte-order mark",
        await signedDelivery("convo.created", `\ufeff${JSON.stringify(conversation)}`),
        "invalid_json",
        400,
      ],
    ];
    for (const [name, input, code, status] of cases) {
      const error = await refusal(input);
      expect([error.code, error.status], name).toEqual([code, status]);
    }
  });

  it("refuses bodies over maxBodyBytes, by declared length or by actual size", async () => {
    const big = await signedDelivery(
      "convo.created",
      JSON.stringify({ id: 1, body: "x".repeat(2_000) }),
    );
    expect((await refusal(big, 1_000)).code).toBe("payload_too_large");
    const declared = {
      ...big,
      body: new Uint8Array(0),
      headers: { ...big.headers, "content-length": "5000" },
    };
    const error = await refusal(declared, 1_000);
    expect([error.code, error.status]).toEqual(["payload_too_large", 413]);
    expect((await parseWebhookDelivery(big, { secret: SECRET, maxBodyBytes: 10_000 })).kind).toBe(
      "payload",
    );
  });

  it("rejects a bad maxBodyBytes as a configuration error", async () => {
    const delivery = await signedDelivery("tag.deleted", '{"id":5}');
    for (const maxBodyBytes of [0, -1, 1.5, Number.NaN]) {
      await expect(
        parseWebhookDelivery(delivery, { secret: SECRET, maxBodyBytes }),
      ).rejects.toMatchObject({ code: "configuration_error" });
    }
  });
});
