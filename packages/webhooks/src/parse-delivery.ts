import { isKnownWebhookEvent } from "./event-names.js";
import { createSignatureVerifier, type WebhookSecrets } from "./signature.js";
import type { WebhookEvent, WebhookPayloadEvent } from "./types.js";
import { WebhookError } from "./webhook-error.js";

/**
 * The largest body accepted by default: 4 MiB. A conversation is delivered with all its threads
 * (up to 100, HTML bodies included), so this is far above Express' 100 kB default.
 */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Request headers: a Fetch `Headers`, or Node's `IncomingHttpHeaders`. */
export type HeadersInput =
  | Headers
  | Readonly<Record<string, string | readonly string[] | undefined>>;

/** A received request, framework-free: what {@link parseWebhookDelivery} verifies. */
export interface WebhookDeliveryInput {
  /** The HTTP method; checked to be `POST` when given. */
  method?: string;
  headers: HeadersInput;
  /** The raw body bytes, exactly as received. */
  body: Uint8Array;
}

/** Options of {@link parseWebhookDelivery}. */
export interface ParseWebhookOptions {
  /** The webhook secret, or several while rotating (any one may sign). */
  secret: WebhookSecrets;
  /** Bodies larger than this are refused (`payload_too_large`). Default {@link DEFAULT_MAX_BODY_BYTES}. */
  maxBodyBytes?: number;
}

/** A verifier and a size limit, checked once. @internal */
export interface DeliveryRules {
  verify: (body: Uint8Array, signature: string) => Promise<boolean>;
  maxBodyBytes: number;
}

/** {@link DeliveryRules} from options; throws `configuration_error` for bad ones. @internal */
export function deliveryRules(options: ParseWebhookOptions): DeliveryRules {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new WebhookError("configuration_error", "maxBodyBytes must be a positive integer.");
  }
  return { verify: createSignatureVerifier(options.secret), maxBodyBytes };
}

/** `headers` as a Fetch `Headers` (repeated Node headers joined with `, `). @internal */
export function toHeaders(headers: HeadersInput): Headers {
  if (headers instanceof Headers) return headers;
  const result = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    try {
      result.set(name, typeof value === "string" ? value : value.join(", "));
    } catch {
      // A name or value Fetch cannot hold: never one of the headers read here.
    }
  }
  return result;
}

/**
 * Checks what can be checked before the body is read: method, content type, declared length.
 * @internal
 */
export function checkEnvelope(
  method: string | undefined,
  headers: Headers,
  rules: DeliveryRules,
): void {
  if (method !== undefined && method.toUpperCase() !== "POST") {
    throw new WebhookError("method_not_allowed", `Help Scout POSTs webhooks; got ${method}.`);
  }
  const type = headers.get("content-type");
  const mediaType = type?.split(";", 1)[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw new WebhookError(
      "unsupported_media_type",
      `expected Content-Type application/json, got ${type === null ? "none" : JSON.stringify(type.slice(0, 100))}.`,
    );
  }
  const length = Number(headers.get("content-length") ?? Number.NaN);
  if (length > rules.maxBodyBytes) throw tooLarge(rules.maxBodyBytes);
}

/** The error for a body over the limit. @internal */
export function tooLarge(maxBodyBytes: number): WebhookError {
  return new WebhookError(
    "payload_too_large",
    `the body is larger than maxBodyBytes (${maxBodyBytes} bytes).`,
  );
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Verifies and parses a delivery whose body has been read. @internal */
export async function parseVerified(
  headers: Headers,
  body: Uint8Array,
  rules: DeliveryRules,
): Promise<WebhookEvent> {
  if (body.byteLength > rules.maxBodyBytes) throw tooLarge(rules.maxBodyBytes);
  const signature = headers.get("x-helpscout-signature");
  if (signature === null || signature.trim() === "") {
    throw new WebhookError("missing_signature", "no X-HelpScout-Signature header.");
  }
  if (!(await rules.verify(body, signature))) {
    throw new WebhookError(
      "invalid_signature",
      "the X-HelpScout-Signature does not match the body under the configured secret(s): check the secret, and that the raw body reaches the handler unchanged.",
    );
  }
  const event = headers.get("x-helpscout-event")?.trim();
  if (!event) throw new WebhookError("missing_event", "no X-HelpScout-Event header.");
  let payload: unknown;
  try {
    payload = JSON.parse(utf8.decode(body));
  } catch (cause) {
    throw new WebhookError("invalid_json", "the signed body is not UTF-8 JSON.", cause);
  }
  return classify(event, payload);
}

/**
 * Which kind of event a verified body is: a notification-mode body (`{ url }` alone) whatever
 * the event, a name this version does not list or a body that is not an object (`unknown`), else
 * the typed payload of a known event.
 */
function classify(event: string, payload: unknown): WebhookEvent {
  const isObject = typeof payload === "object" && payload !== null && !Array.isArray(payload);
  if (isObject) {
    const url = (payload as { url?: unknown }).url;
    if (Object.keys(payload).length === 1 && typeof url === "string") {
      return { kind: "notification", event, payload: { url } };
    }
  }
  if (!isKnownWebhookEvent(event) || !isObject) return { kind: "unknown", event, payload };
  return { kind: "payload", event, payload } as WebhookPayloadEvent;
}

/**
 * Verifies and parses one delivery without the router: method `POST`, `Content-Type:
 * application/json`, size, `X-HelpScout-Signature` over the raw bytes (constant time, any of the
 * secrets), `X-HelpScout-Event`, UTF-8 JSON.
 *
 * @returns The event, typed by its name and `kind`.
 * @throws WebhookError with the `code` and `status` of what was wrong; never containing a secret.
 * @example
 * const event = await parseWebhookDelivery({ headers: req.headers, body: rawBody }, { secret });
 * if (event.kind === "payload" && event.event === "convo.created") console.log(event.payload.subject);
 */
export async function parseWebhookDelivery(
  input: WebhookDeliveryInput,
  options: ParseWebhookOptions,
): Promise<WebhookEvent> {
  const rules = deliveryRules(options);
  const headers = toHeaders(input.headers);
  checkEnvelope(input.method, headers, rules);
  return parseVerified(headers, input.body, rules);
}
