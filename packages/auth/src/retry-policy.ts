import { computeBackoff, DEFAULT_MAX_RETRIES } from "./compute-backoff.js";
import { HelpScoutError, isHelpScoutError } from "./errors.js";
import { replayable } from "./pipeline-request.js";
import { redactUrl } from "./redact.js";
import { sleep as defaultSleep, type Sleep } from "./sleep.js";
import type { PipelineRequest, Policy } from "./types.js";

/** Statuses resent by default: Help Scout failed, or a proxy in front of it did. */
export const DEFAULT_RETRYABLE_STATUSES: readonly number[] = [500, 502, 503, 504];
/** Methods that may be sent twice without doing twice what they do (RFC 9110 §9.2.2). */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set([
  "GET",
  "HEAD",
  "OPTIONS",
  "PUT",
  "DELETE",
]);
/** Network errors that prove the request never reached a server: no connection, no address. */
export const UNSENT_ERROR_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** What {@link RetryOptions.onRateLimit} is told about a 429. */
export interface RateLimitContext {
  /** How long the retry would wait: Help Scout's hint, else a backoff. */
  retryAfterMs: number;
  /** The request as the caller made it (do not read its body). */
  request: PipelineRequest;
  /** Which send was answered 429, from 1. */
  attempt: number;
  /** The 429 itself. */
  error: HelpScoutError;
}

/** Options of {@link retryPolicy}. */
export interface RetryOptions {
  /** Resends after 5xx and network errors, and after 429s under the default hook. Default 3. */
  maxRetries?: number;
  /**
   * Decides whether a 429 is retried after `retryAfterMs`. It is the bound on 429 retries, so
   * make it return false eventually. Default: `attempt <= maxRetries`.
   */
  onRateLimit?: (context: RateLimitContext) => boolean | Promise<boolean>;
  /** Statuses resent when the method allows. Default {@link DEFAULT_RETRYABLE_STATUSES}. */
  retryableStatuses?: readonly number[];
  /** Wait after the `attempt`-th failure when Help Scout gave no hint. Default {@link computeBackoff}. */
  backoff?: (attempt: number) => number;
  /** Abort-aware wait, injectable for tests. Default {@link defaultSleep | sleep}. */
  sleep?: Sleep;
}

/**
 * Resends failed requests; the outermost policy, so each attempt is authenticated and throttled
 * anew. The same request is sent each time; only a streamed body is teed before each send, since
 * sending reads it.
 *
 * - 429: retried after `retryAfterMs` (or a backoff) while `onRateLimit` says so.
 * - Statuses in `retryableStatuses` and network errors: retried up to `maxRetries` times for
 *   GET, HEAD, OPTIONS, PUT and DELETE. A POST or PATCH is resent only when the network error
 *   proves it never reached Help Scout (ECONNREFUSED, ENOTFOUND, EAI_AGAIN). Otherwise its
 *   outcome is unknown (a 5xx, a reset, a timeout): it is never replayed, since that could create
 *   a conversation twice, and an `outcome_unknown` error is thrown instead.
 * - Anything else (other 4xx, aborts, errors that are not a HelpScoutError) is thrown at once.
 *
 * The error finally thrown carries `attempts`, the number of sends. Waits end when the request's
 * signal aborts.
 */
export function retryPolicy(options: RetryOptions = {}): Policy {
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new TypeError(
      `@terapi/helpscout-auth: maxRetries must be a whole number ≥ 0, got ${maxRetries}.`,
    );
  }
  const onRateLimit = options.onRateLimit ?? (({ attempt }) => attempt <= maxRetries);
  const retryable = new Set(options.retryableStatuses ?? DEFAULT_RETRYABLE_STATUSES);
  const backoff = options.backoff ?? ((attempt: number) => computeBackoff(attempt));
  const wait = options.sleep ?? defaultSleep;

  return async (request, next) => {
    let pending = request;
    for (let attempt = 1; ; attempt++) {
      let delay: number;
      const [send, keep] = replayable(pending);
      pending = keep;
      try {
        return await next(send);
      } catch (error) {
        if (!isHelpScoutError(error)) throw error;
        error.attempts = attempt;
        if (error.code === "aborted") throw error;
        const hinted = () => error.retryAfterMs ?? backoff(attempt);
        if (error.status === 429) {
          delay = hinted();
          const again = await onRateLimit({ retryAfterMs: delay, request, attempt, error });
          if (!again) throw error;
        } else {
          const network = error.code === "network_error";
          const idempotent = IDEMPOTENT_METHODS.has(request.method);
          if (!idempotent && !provablyUnsent(error) && (network || (error.status ?? 0) >= 500)) {
            throw outcomeUnknown(error, request);
          }
          const transient = network || retryable.has(error.status ?? 0);
          if (!transient || attempt > maxRetries || request.signal?.aborted) throw error;
          delay = hinted();
        }
      }
      try {
        await wait(delay, request.signal);
      } catch (error) {
        if (isHelpScoutError(error)) error.attempts = attempt;
        throw error;
      }
    }
  };
}

function provablyUnsent(error: HelpScoutError): boolean {
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return error.code === "network_error" && typeof code === "string" && UNSENT_ERROR_CODES.has(code);
}

function outcomeUnknown(error: HelpScoutError, request: PipelineRequest): HelpScoutError {
  const summary = error.request ?? { method: request.method, url: redactUrl(request.url) };
  const what =
    error.status === undefined ? "no response arrived" : `Help Scout answered ${error.status}`;
  const logRef = error.logRef ? ` (logRef ${error.logRef})` : "";
  return new HelpScoutError({
    code: "outcome_unknown",
    message:
      `@terapi/helpscout-auth: ${summary.method} ${summary.url}: ${what}${logRef}, so the write may or may not have happened. ` +
      "It was not repeated, because sending it again could do it twice. Check whether it took effect before sending it again.",
    request: summary,
    status: error.status,
    logRef: error.logRef,
    correlationId: error.correlationId,
    fieldErrors: error.fieldErrors,
    retryAfterMs: error.retryAfterMs,
    attempts: error.attempts,
    cause: error,
  });
}
