import { createHmac } from "node:crypto";
import type { RawRequest } from "./raw-http.js";
import type { SeededRandom } from "./seeded-random.js";

/** A delivery as the emulator sent it: event name, raw body, signature. */
export interface RecordedDelivery {
  event: string;
  body: Uint8Array;
  signature: string;
}

/** A fuzz case: the request to send and the statuses it may be answered with. */
export interface FuzzCase {
  mutation: string;
  request: RawRequest;
  /** 200 for controls (valid deliveries), the refusal's status otherwise. */
  statuses: readonly number[];
}

const sign = (secret: string, body: Uint8Array) =>
  createHmac("sha1", secret).update(body).digest("base64");

const headersOf = (
  delivery: RecordedDelivery,
  overrides: Record<string, string | undefined> = {},
) => {
  const base: Record<string, string | undefined> = {
    "content-type": "application/json",
    "x-helpscout-event": delivery.event,
    "x-helpscout-signature": delivery.signature,
    ...overrides,
  };
  return Object.entries(base).flatMap(([name, value]) =>
    value === undefined ? [] : [[name, value] as [string, string]],
  );
};

type Mutation = (
  delivery: RecordedDelivery,
  random: SeededRandom,
  context: { secret: string; others: readonly RecordedDelivery[]; maxBodyBytes: number },
) => Omit<FuzzCase, "mutation">;

const post = (delivery: RecordedDelivery, body = delivery.body, overrides = {}) => ({
  method: "POST",
  headers: headersOf(delivery, overrides),
  body,
});

/**
 * Tampered, mislabelled, oversized and ill-formed deliveries, each with the status it must get;
 * and valid ones (replays, harmless header variants) that must get 200.
 */
export const MUTATIONS: Record<string, Mutation> = {
  "control: replay as sent": (d) => ({ request: post(d), statuses: [200] }),
  "control: charset and header case": (d) => ({
    request: {
      method: "POST",
      headers: [
        ["Content-Type", "application/json; charset=UTF-8"],
        ["X-HELPSCOUT-EVENT", d.event],
        ["X-HelpScout-Signature", d.signature],
      ],
      body: d.body,
    },
    statuses: [200],
  }),
  "control: chunked body": (d) => ({ request: { ...post(d), chunked: true }, statuses: [200] }),
  "body byte flipped": (d, r) => {
    const body = Uint8Array.from(d.body);
    const at = r.int(0, body.length - 1);
    body[at] = (body[at] ?? 0) ^ (1 << r.int(0, 7));
    return { request: post(d, body), statuses: [401] };
  },
  "body cut short": (d, r) => ({
    request: post(d, d.body.slice(0, r.int(0, d.body.length - 1))),
    statuses: [401],
  }),
  "body with bytes appended": (d, r) => ({
    request: post(d, Uint8Array.from([...d.body, ...r.pick([[0x0a], [0x20], [0x7d], [0x00]])])),
    statuses: [401],
  }),
  "signature of another delivery": (d, r, { others }) => {
    const candidates = others.filter((o) => o.signature !== d.signature);
    const other = candidates.length > 0 ? r.pick(candidates) : d;
    return {
      request: post(d, d.body, { "x-helpscout-signature": other.signature }),
      statuses: [401],
    };
  },
  "signed with another secret": (d, r) => ({
    request: post(d, d.body, {
      "x-helpscout-signature": sign(`not-the-secret-${r.int(0, 1e6)}`, d.body),
    }),
    statuses: [401],
  }),
  "signature character changed": (d, r) => {
    const chars = [...d.signature];
    const at = r.int(0, chars.length - 2);
    chars[at] = chars[at] === "A" ? "B" : "A";
    return {
      request: post(d, d.body, { "x-helpscout-signature": chars.join("") }),
      statuses: [401],
    };
  },
  "signature as hex": (d) => ({
    request: post(d, d.body, {
      "x-helpscout-signature": Buffer.from(d.signature, "base64").toString("hex"),
    }),
    statuses: [401],
  }),
  "signature header twice": (d, r) => ({
    request: {
      method: "POST",
      headers: [
        ...headersOf(d),
        ["x-helpscout-signature", r.chance(0.5) ? d.signature : "AAAAAAAAAAAAAAAAAAAAAAAAAAA="],
      ],
      body: d.body,
    },
    statuses: [401],
  }),
  "no signature": (d) => ({
    request: post(d, d.body, { "x-helpscout-signature": undefined }),
    statuses: [401],
  }),
  "empty signature": (d) => ({
    request: post(d, d.body, { "x-helpscout-signature": "" }),
    statuses: [401],
  }),
  "content-type text/plain": (d) => ({
    request: post(d, d.body, { "content-type": "text/plain" }),
    statuses: [415],
  }),
  "no content-type": (d) => ({
    request: post(d, d.body, { "content-type": undefined }),
    statuses: [415],
  }),
  "oversized, chunked": (d, r, { secret, maxBodyBytes }) => {
    const body = Buffer.from(
      JSON.stringify({ id: 1, pad: "x".repeat(maxBodyBytes + r.int(1, 40_000)) }),
    );
    return {
      request: {
        ...post(d, body, { "x-helpscout-signature": sign(secret, body) }),
        chunked: true,
        ownConnection: true,
      },
      statuses: [413],
    };
  },
  "oversized, with length": (d, r, { secret, maxBodyBytes }) => {
    const body = Buffer.from(
      JSON.stringify({ id: 2, pad: "y".repeat(maxBodyBytes + r.int(1, 40_000)) }),
    );
    return {
      request: {
        ...post(d, body, { "x-helpscout-signature": sign(secret, body) }),
        ownConnection: true,
      },
      statuses: [413],
    };
  },
  "signed, not JSON": (d, r, { secret }) => {
    const body = Uint8Array.from([
      0x7b,
      ...Array.from({ length: r.int(0, 64) }, () => r.int(0, 255)),
    ]);
    return {
      request: post(d, body, { "x-helpscout-signature": sign(secret, body) }),
      statuses: [400],
    };
  },
  "signed, invalid UTF-8": (d, r, { secret }) => {
    const at = r.int(1, d.body.length - 2);
    const body = Uint8Array.from([...d.body.slice(0, at), 0xc3, 0x28, ...d.body.slice(at)]);
    return {
      request: post(d, body, { "x-helpscout-signature": sign(secret, body) }),
      statuses: [400],
    };
  },
  "signed, JSON of the wrong shape": (d, r, { secret }) => {
    // Authentic (signed with the secret) but not an object the store could hold: accepted as a
    // delivery, and the store listener must write nothing.
    const payload = r.pick<unknown>([
      [],
      "text",
      42,
      null,
      {},
      { id: null },
      { id: { x: 1 } },
      { id: "" },
      { id: 1.5 },
      { url: 42 },
    ]);
    const body = Buffer.from(JSON.stringify(payload));
    return {
      request: post(d, body, { "x-helpscout-signature": sign(secret, body) }),
      statuses: [200],
    };
  },
  "no event header": (d) => ({
    request: post(d, d.body, { "x-helpscout-event": undefined }),
    statuses: [400],
  }),
  "not a POST": (d, r) => ({
    request: { ...post(d), method: r.pick(["PUT", "PATCH", "DELETE"]) },
    statuses: [405],
  }),
};

/** Whether a case is a delivery the handler must accept (and hand to its listeners). */
export const isAccepted = (fuzz: FuzzCase) => fuzz.statuses.includes(200);

/**
 * A seeded corpus of `size` cases, cycling through every mutation, each built on a delivery the
 * emulator really sent (picked at random).
 */
export function fuzzCorpus(
  deliveries: readonly RecordedDelivery[],
  size: number,
  random: SeededRandom,
  context: { secret: string; maxBodyBytes: number },
): FuzzCase[] {
  const names = Object.keys(MUTATIONS);
  return Array.from({ length: size }, (_, index) => {
    const mutation = names[index % names.length] as string;
    const delivery = random.pick(deliveries);
    const built = (MUTATIONS[mutation] as Mutation)(delivery, random, {
      ...context,
      others: deliveries,
    });
    return { mutation, ...built };
  });
}
