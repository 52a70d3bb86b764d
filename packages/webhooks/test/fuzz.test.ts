import { describe, expect, it } from "vitest";
import {
  createWebhookHandler,
  isWebhookError,
  WEBHOOK_EVENTS,
  type WebhookDeliveryInput,
} from "../src/index.js";
import { SECRET, signedDelivery } from "./fixtures/deliveries.js";
import { type SeededRandom, seededRandom } from "./fixtures/seeded-random.js";

const SEED = 20_260_301;
const CASES = 4_000;
const MAX_BODY = 8 * 1024;

const TEXTS = ["Hello", "Déjà vu", "✓ done", "日本語", "😀 emoji", "a\\/b", 'quote "x"', "\u0000"];

/** A random, realistic JSON body: nested objects, non-ASCII text, escapes. */
function randomPayload(random: SeededRandom): unknown {
  return {
    id: random.int(1, 1e9),
    subject: random.pick(TEXTS),
    tags: Array.from({ length: random.int(0, 3) }, () => ({
      id: random.int(1, 99),
      tag: random.pick(TEXTS),
    })),
    _embedded: {
      threads: Array.from({ length: random.int(0, 4) }, () => ({
        body: random.pick(TEXTS).repeat(random.int(1, 30)),
      })),
    },
  };
}

type Mutation = (
  delivery: WebhookDeliveryInput & { headers: Record<string, string> },
  random: SeededRandom,
) => Promise<void> | void;

const flipBit = (bytes: Uint8Array, random: SeededRandom) => {
  const copy = new Uint8Array(bytes);
  const index = random.int(0, copy.length - 1);
  copy[index] = (copy[index] ?? 0) ^ (1 << random.int(0, 7));
  return copy;
};

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Each mutation makes a delivery that must be refused; the expected status classes are listed. */
const MUTATIONS: Record<string, { mutate: Mutation; statuses: number[] }> = {
  "body bit flip": {
    mutate: (d, r) => {
      d.body = flipBit(d.body, r);
    },
    statuses: [401],
  },
  "body truncated": {
    mutate: (d, r) => {
      d.body = d.body.slice(0, r.int(0, d.body.length - 1));
    },
    statuses: [401],
  },
  "body extended": {
    mutate: (d, r) => {
      d.body = Uint8Array.from([...d.body, ...r.bytes(r.int(1, 8))]);
    },
    statuses: [401],
  },
  "signature bit flip": {
    mutate: (d, r) => {
      const signature = d.headers["x-helpscout-signature"] ?? "";
      const index = r.int(0, signature.length - 2);
      const replacement = BASE64.replace(signature[index] ?? "", "")[r.int(0, 62)] ?? "A";
      d.headers["x-helpscout-signature"] =
        signature.slice(0, index) + replacement + signature.slice(index + 1);
    },
    statuses: [401],
  },
  "signature truncated": {
    mutate: (d, r) => {
      const signature = d.headers["x-helpscout-signature"] ?? "";
      d.headers["x-helpscout-signature"] = signature.slice(0, r.int(1, signature.length - 1));
    },
    statuses: [401],
  },
  "wrong base64": {
    mutate: (d, r) => {
      const signature = d.headers["x-helpscout-signature"] ?? "";
      d.headers["x-helpscout-signature"] = r.pick([
        signature.replaceAll("+", "-").replaceAll("/", "_").replace("=", "") || "-",
        `${signature}==`,
        Buffer.from(signature, "base64").toString("hex"),
        signature.replace("=", "%3D"),
        `${signature.slice(0, 10)} ${signature.slice(10)}`,
        `sha1=${signature}`,
      ]);
    },
    statuses: [401],
  },
  "another secret": {
    mutate: async (d, r) => {
      const other = await signedDelivery("convo.created", d.body, `other-${r.int(0, 1e6)}`);
      d.headers["x-helpscout-signature"] = other.headers["x-helpscout-signature"] ?? "";
    },
    statuses: [401],
  },
  "no signature": {
    mutate: (d) => {
      delete d.headers["x-helpscout-signature"];
    },
    statuses: [401],
  },
  "wrong content type": {
    mutate: (d, r) => {
      d.headers["content-type"] = r.pick([
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/jsonp",
        "",
        "multipart/form-data; boundary=x",
        "json",
      ]);
    },
    statuses: [415],
  },
  "huge body": {
    mutate: async (d, r) => {
      const body = JSON.stringify({ id: 1, pad: "x".repeat(MAX_BODY + r.int(1, 50_000)) });
      const signed = await signedDelivery("convo.created", body);
      d.body = signed.body;
      d.headers["x-helpscout-signature"] = signed.headers["x-helpscout-signature"] ?? "";
    },
    statuses: [413],
  },
  "invalid UTF-8, correctly signed": {
    mutate: async (d, r) => {
      const bad = r.pick([
        [0xff],
        [0xc3, 0x28],
        [0xe2, 0x82],
        [0xed, 0xa0, 0x80],
        [0xf8, 0x88, 0x80, 0x80, 0x80],
        [0xc0, 0xaf],
      ]);
      const at = r.int(1, d.body.length - 1);
      const body = Uint8Array.from([...d.body.slice(0, at), ...bad, ...d.body.slice(at)]);
      const signed = await signedDelivery("convo.created", body);
      d.body = body;
      d.headers["x-helpscout-signature"] = signed.headers["x-helpscout-signature"] ?? "";
    },
    statuses: [400],
  },
  "random bytes, correctly signed": {
    mutate: async (d, r) => {
      const body = Uint8Array.from([0x7b, ...r.bytes(r.int(0, 200))]); // "{" then noise
      const signed = await signedDelivery("convo.created", body);
      d.body = body;
      d.headers["x-helpscout-signature"] = signed.headers["x-helpscout-signature"] ?? "";
    },
    statuses: [400],
  },
  "no event header": {
    mutate: (d) => {
      delete d.headers["x-helpscout-event"];
    },
    statuses: [400],
  },
  "not a POST": {
    mutate: (d, r) => {
      d.method = r.pick(["GET", "PUT", "DELETE", "PATCH"]);
    },
    statuses: [405],
  },
};

describe(`fuzz (seed ${SEED})`, () => {
  it(`accepts none of ${CASES} mutated deliveries, never crashes, and refuses each with a typed error`, async () => {
    const random = seededRandom(SEED);
    const webhooks = createWebhookHandler({ secret: SECRET, maxBodyBytes: MAX_BODY });
    const handled: string[] = [];
    webhooks.onAny((event) => {
      handled.push(event.event);
    });
    const names = Object.keys(MUTATIONS);
    const tally: Record<string, number> = {};
    for (let n = 0; n < CASES; n += 1) {
      const name = names[n % names.length] ?? "";
      const { mutate, statuses } = MUTATIONS[name]!;
      const event = random.pick(WEBHOOK_EVENTS);
      const delivery = {
        method: "POST",
        ...(await signedDelivery(event, JSON.stringify(randomPayload(random)))),
      };
      await mutate(delivery, random);
      const receipt = await webhooks.receive(delivery);
      const where = `case ${n} (${name}), seed ${SEED}`;
      expect(receipt.ok, where).toBe(false);
      if (receipt.ok) continue;
      expect(isWebhookError(receipt.error), where).toBe(true);
      expect(statuses, `${where}: ${receipt.error.code}`).toContain(receipt.status);
      expect(receipt.error.message, where).not.toContain(SECRET);
      tally[receipt.error.code] = (tally[receipt.error.code] ?? 0) + 1;
    }
    await webhooks.idle();
    expect(handled).toEqual([]);
    // Every kind of refusal was exercised.
    expect(Object.keys(tally).sort()).toEqual([
      "invalid_json",
      "invalid_signature",
      "method_not_allowed",
      "missing_event",
      "missing_signature",
      "payload_too_large",
      "unsupported_media_type",
    ]);
  });

  it("accepts every unmutated delivery of the same generator (the control)", async () => {
    const random = seededRandom(SEED + 1);
    const webhooks = createWebhookHandler({ secret: SECRET, maxBodyBytes: MAX_BODY });
    let handled = 0;
    webhooks.onAny(() => {
      handled += 1;
    });
    for (let n = 0; n < 500; n += 1) {
      const delivery = await signedDelivery(
        random.pick(WEBHOOK_EVENTS),
        JSON.stringify(randomPayload(random)),
      );
      const receipt = await webhooks.receive(delivery);
      expect(receipt.ok, `control case ${n}`).toBe(true);
    }
    await webhooks.idle();
    expect(handled).toBe(500);
  });

  it("answers mutated requests through the Fetch adapter with 4xx, never throwing", async () => {
    const random = seededRandom(SEED + 2);
    const webhooks = createWebhookHandler({ secret: SECRET, maxBodyBytes: MAX_BODY });
    const names = Object.keys(MUTATIONS).filter((name) => name !== "not a POST");
    for (let n = 0; n < 300; n += 1) {
      const name = names[n % names.length] ?? "";
      const delivery = {
        method: "POST",
        ...(await signedDelivery("convo.created", JSON.stringify(randomPayload(random)))),
      };
      await MUTATIONS[name]!.mutate(delivery, random);
      const response = await webhooks.fetch(
        new Request("https://receiver.example.test/", {
          method: "POST",
          headers: delivery.headers,
          body: new Uint8Array(delivery.body),
        }),
      );
      expect(MUTATIONS[name]!.statuses, `case ${n} (${name})`).toContain(response.status);
    }
  });
});
