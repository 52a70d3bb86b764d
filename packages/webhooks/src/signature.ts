import { WebhookError } from "./webhook-error.js";

const encoder = new TextEncoder();
/** The base64 of an HMAC-SHA1 (20 bytes): 27 characters and one `=`. */
const SIGNATURE_SHAPE = /^[A-Za-z0-9+/]{27}=$/;
/** Help Scout's limit on a webhook secret (Create Webhook: "max 40 characters"). */
export const MAX_SECRET_LENGTH = 40;

/** Bytes WebCrypto accepts (a view on a plain `ArrayBuffer`). */
function bufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer
    ? (bytes as Uint8Array<ArrayBuffer>)
    : new Uint8Array(bytes);
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The 20 bytes of a signature in canonical base64, else `undefined`. */
function signatureBytes(signature: string): Uint8Array<ArrayBuffer> | undefined {
  if (!SIGNATURE_SHAPE.test(signature)) return undefined;
  const binary = atob(signature);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  // Only the canonical spelling: other padding bits would decode to the same bytes.
  return toBase64(bytes) === signature ? bytes : undefined;
}

function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-1" },
    false,
    ["sign", "verify"],
  );
}

/**
 * The `X-HelpScout-Signature` Help Scout sends with a body: `base64(HMAC-SHA1(secret, rawBody))`.
 * Useful to test your own endpoint. A string body is signed as its UTF-8 bytes.
 *
 * @see https://developer.helpscout.com/webhooks/
 * @example
 * const signature = await signWebhookBody("my-secret", JSON.stringify({ id: 1 }));
 */
export async function signWebhookBody(secret: string, body: Uint8Array | string): Promise<string> {
  const bytes = typeof body === "string" ? encoder.encode(body) : bufferSource(body);
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(secret), bytes);
  return toBase64(new Uint8Array(mac));
}

/** The secrets to verify against: one, or several while rotating. */
export type WebhookSecrets = string | readonly string[];

/**
 * The secrets as a non-empty list, each checked against Help Scout's rules.
 *
 * @throws WebhookError `configuration_error` for no secret, an empty one or one over 40
 *   characters (the message gives the position and length, never the value).
 */
export function secretList(secrets: WebhookSecrets): readonly string[] {
  const list = typeof secrets === "string" ? [secrets] : [...secrets];
  if (list.length === 0) {
    throw new WebhookError("configuration_error", "pass at least one webhook secret.");
  }
  list.forEach((secret, index) => {
    if (typeof secret !== "string" || secret.length === 0) {
      throw new WebhookError(
        "configuration_error",
        `webhook secret #${index + 1} is empty; pass the secret you gave Help Scout.`,
      );
    }
    if (secret.length > MAX_SECRET_LENGTH) {
      throw new WebhookError(
        "configuration_error",
        `webhook secret #${index + 1} has ${secret.length} characters; Help Scout allows at most ${MAX_SECRET_LENGTH}.`,
      );
    }
  });
  return list;
}

/**
 * A verifier for a set of secrets (keys imported once): resolves `true` when `signature` is the
 * canonical base64 HMAC-SHA1 of `body` under one of them. The comparison is WebCrypto's
 * `verify`, which compares in constant time; a malformed signature is refused before any HMAC.
 *
 * @throws WebhookError `configuration_error` for a bad secret (see {@link secretList}).
 */
export function createSignatureVerifier(
  secrets: WebhookSecrets,
): (body: Uint8Array, signature: string) => Promise<boolean> {
  const keys = Promise.all(secretList(secrets).map(hmacKey));
  keys.catch(() => undefined); // surfaced by the first verification instead
  return async (body, signature) => {
    const expected = signatureBytes(signature.trim());
    if (expected === undefined) return false;
    const data = bufferSource(body);
    let valid = false;
    // Every key is tried (no early exit), so timing does not tell which secret matched.
    for (const key of await keys) {
      if (await crypto.subtle.verify("HMAC", key, expected, data)) valid = true;
    }
    return valid;
  };
}

/**
 * Whether `signature` (the `X-HelpScout-Signature` header) signs `body` (the raw request bytes)
 * under `secrets`. Use it without the router; {@link createWebhookHandler} does this for you.
 *
 * @example
 * const ok = await verifyWebhookSignature(rawBody, request.headers.get("x-helpscout-signature"), secret);
 */
export async function verifyWebhookSignature(
  body: Uint8Array,
  signature: string | null | undefined,
  secrets: WebhookSecrets,
): Promise<boolean> {
  if (typeof signature !== "string") return false;
  return createSignatureVerifier(secrets)(body, signature);
}
