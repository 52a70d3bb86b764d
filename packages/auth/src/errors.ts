/** The known error codes; others may be added, so compare against these, not exhaustively. */
export type KnownHelpScoutErrorCode =
  | "bad_request"
  | "unauthorized"
  | "payment_required"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "precondition_failed"
  | "payload_too_large"
  | "unprocessable_entity"
  | "rate_limited"
  | "server_error"
  | "service_unavailable"
  | "http_error"
  | "network_error"
  | "aborted"
  | "invalid_response"
  | "needs_reauthorization"
  | "connection_not_found"
  | "oauth_state_invalid"
  | "configuration_error"
  | "encryption_key_missing"
  | "outcome_unknown";

/** A {@link KnownHelpScoutErrorCode}, or a newer code this version does not know yet. */
export type HelpScoutErrorCode = KnownHelpScoutErrorCode | (string & {});

/** One field-level problem reported by Help Scout (Mailbox `_embedded.errors[]`, Docs `errors`). */
export interface FieldError {
  /** The offending field, e.g. `subject`, when Help Scout names one. */
  readonly path?: string;
  /** Human-readable text from Help Scout. */
  readonly message: string;
  /** The rejected value; `[REDACTED]` when the field holds a credential. */
  readonly rejectedValue?: unknown;
  /** Where the value came from, e.g. `JSON`. */
  readonly source?: string;
}

/** What an error keeps of its request: method and a redacted URL, never headers or body. */
export interface RequestSummary {
  readonly method: string;
  readonly url: string;
}

/** Everything a {@link HelpScoutError} is built from. */
export interface HelpScoutErrorInit {
  code: HelpScoutErrorCode;
  message: string;
  status?: number;
  logRef?: string;
  correlationId?: string;
  fieldErrors?: readonly FieldError[];
  request?: RequestSummary;
  retryAfterMs?: number;
  attempts?: number;
  cause?: unknown;
}

const BRAND = Symbol.for("@terapi/helpscout-auth/HelpScoutError");

/**
 * The one error type every Help Scout call throws: a non-2xx answer or a request that never got
 * one. It never holds a credential: the request is kept as method + redacted URL, and known
 * secrets are scrubbed from the message and field errors when it is built.
 */
export class HelpScoutError extends Error {
  override readonly name = "HelpScoutError";
  /** Machine-readable reason, e.g. `not_found` or `rate_limited`. */
  readonly code: HelpScoutErrorCode;
  /** HTTP status, absent for network errors. */
  readonly status: number | undefined;
  /** Help Scout's failure id (`logRef`), to quote to their support. */
  readonly logRef: string | undefined;
  /** The `Correlation-Id` response header, Help Scout's request id. */
  readonly correlationId: string | undefined;
  /** Per-field validation problems, empty when there are none. */
  readonly fieldErrors: readonly FieldError[];
  /** Method and redacted URL of the failed request. */
  readonly request: RequestSummary | undefined;
  /** How long Help Scout asked us to wait before trying again, when it said. */
  readonly retryAfterMs: number | undefined;
  /** How many times the request was sent (1 unless a retry policy resent it). */
  attempts: number;

  constructor(init: HelpScoutErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.status = init.status;
    this.logRef = init.logRef;
    this.correlationId = init.correlationId;
    this.fieldErrors = init.fieldErrors ?? [];
    this.request = init.request;
    this.retryAfterMs = init.retryAfterMs;
    this.attempts = init.attempts ?? 1;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** A plain, secret-free object for logs and JSON responses. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      status: this.status,
      logRef: this.logRef,
      correlationId: this.correlationId,
      fieldErrors: this.fieldErrors,
      request: this.request,
      retryAfterMs: this.retryAfterMs,
      attempts: this.attempts,
    };
  }
}

/**
 * True for a {@link HelpScoutError}, also one thrown by another copy of this package (checks a
 * global brand, not only `instanceof`).
 */
export function isHelpScoutError(value: unknown): value is HelpScoutError {
  return typeof value === "object" && value !== null && BRAND in value;
}

/** The error code for an HTTP status. */
export function codeForStatus(status: number): KnownHelpScoutErrorCode {
  const known: Record<number, KnownHelpScoutErrorCode> = {
    400: "bad_request",
    401: "unauthorized",
    402: "payment_required",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    412: "precondition_failed",
    413: "payload_too_large",
    422: "unprocessable_entity",
    429: "rate_limited",
    503: "service_unavailable",
  };
  return known[status] ?? (status >= 500 ? "server_error" : "http_error");
}
