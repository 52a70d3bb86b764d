import { HelpScoutError } from "@terapi/helpscout-auth";

/** Why a delivery was refused, or a webhook option rejected. */
export type WebhookErrorCode =
  /** Not a `POST` (405). */
  | "method_not_allowed"
  /** `Content-Type` is not `application/json` (415). */
  | "unsupported_media_type"
  /** The body is larger than `maxBodyBytes` (413). */
  | "payload_too_large"
  /** No `X-HelpScout-Signature` header (401). */
  | "missing_signature"
  /** The signature does not match the body under any configured secret (401). */
  | "invalid_signature"
  /** No `X-HelpScout-Event` header (400). */
  | "missing_event"
  /** The signed body is not UTF-8 JSON (400). */
  | "invalid_json"
  /** The body stream failed or was cut off (400). */
  | "body_unreadable"
  /**
   * A middleware (e.g. `express.json()`) parsed the body before the handler could read its raw
   * bytes, which the signature covers (500: a set-up mistake on the receiving side).
   */
  | "body_already_parsed"
  /** The handler is closing (503: Help Scout retries later). */
  | "shutting_down"
  /** A bad option: an empty secret, a secret over 40 characters, a URL that is not http(s)… */
  | "configuration_error";

/** The HTTP status a refused delivery is answered with, per code. */
const STATUS: Readonly<Record<WebhookErrorCode, number>> = {
  method_not_allowed: 405,
  unsupported_media_type: 415,
  payload_too_large: 413,
  missing_signature: 401,
  invalid_signature: 401,
  missing_event: 400,
  invalid_json: 400,
  body_unreadable: 400,
  body_already_parsed: 500,
  shutting_down: 503,
  configuration_error: 500,
};

const BRAND = Symbol.for("@terapi/helpscout-webhooks/WebhookError");

/**
 * A refused delivery or a rejected webhook option. `status` is the HTTP status the handler
 * answers with. The message never contains a secret nor the body: only what was wrong and what
 * to do about it.
 */
export class WebhookError extends HelpScoutError {
  declare readonly code: WebhookErrorCode;
  /** The HTTP status the delivery is answered with. */
  declare readonly status: number;

  /**
   * @param code - Why.
   * @param message - What was wrong, without any secret; prefixed with the package name.
   * @param cause - The underlying error, if any.
   */
  constructor(code: WebhookErrorCode, message: string, cause?: unknown) {
    super({
      code,
      status: STATUS[code],
      message: `@terapi/helpscout-webhooks: ${message}`,
      ...(cause === undefined ? {} : { cause }),
    });
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * True for a {@link WebhookError}, also one thrown by another copy of this package (checks a
 * global brand, not only `instanceof`).
 */
export function isWebhookError(value: unknown): value is WebhookError {
  return typeof value === "object" && value !== null && BRAND in value;
}
