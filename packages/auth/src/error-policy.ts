import { codeForStatus, HelpScoutError, isHelpScoutError, type RequestSummary } from "./errors.js";
import { parseErrorBody } from "./parse-error-body.js";
import { parseRetryAfter } from "./parse-retry-after.js";
import { redactSecrets, redactUrl, secretsOf } from "./redact.js";
import type { PipelineRequest, Policy } from "./types.js";

const PREFIX = "@terapi/helpscout-auth:";
/** Error bodies are read up to this size; Help Scout's are a few hundred bytes. */
const MAX_ERROR_BODY_CHARS = 64 * 1024;

const NEXT_STEP: Record<string, string> = {
  unauthorized: "Check the credentials: a Docs API key, or a Mailbox token that may have expired.",
  payment_required: "The API key is suspended; check the Help Scout account's billing.",
  forbidden: "The credentials' user may not do this, or the plan lacks the feature.",
  not_found: "Check the id; a merged conversation answers 404 after 60 days.",
  rate_limited: "The account's rate limit is used up; wait before sending more.",
  precondition_failed: "The conversation is locked (thread limit or company policy).",
  server_error: "Help Scout failed; quote the logRef or correlation id to their support.",
  service_unavailable: "Help Scout is temporarily unavailable; try again later.",
  network_error: "No response arrived; check connectivity. A write may or may not have happened.",
};

/**
 * Turns every answer of 400 or above, and every request that got no answer, into a
 * {@link HelpScoutError}. It is the innermost policy, so it sees the final request and can scrub
 * the very credentials it carried from anything the error records.
 */
export function errorPolicy(): Policy {
  // A synchronous throw of `next` is a failure to send like a rejection.
  return (request, next) => {
    let sent: Promise<Response>;
    try {
      sent = next(request);
    } catch (cause) {
      sent = Promise.reject(cause);
    }
    return sent.then(
      (response) =>
        response.status < 400
          ? response
          : httpError(response, summaryOf(request), secretsOf(request)).then((error) =>
              Promise.reject(error),
            ),
      (cause: unknown) => {
        if (isHelpScoutError(cause)) throw cause;
        throw networkError(cause, summaryOf(request), secretsOf(request));
      },
    );
  };
}

/**
 * Method and redacted URL, built only once a request failed: parsing the URL on every success
 * would be a cost on the hot path.
 */
function summaryOf(request: PipelineRequest): RequestSummary {
  return { method: request.method, url: redactUrl(request.url) };
}

async function httpError(
  response: Response,
  request: RequestSummary,
  secrets: string[],
): Promise<HelpScoutError> {
  const body = await response.text().catch(() => "");
  const parsed = parseErrorBody(
    body.slice(0, MAX_ERROR_BODY_CHARS),
    response.headers.get("content-type"),
  );
  const code = codeForStatus(response.status);
  const said = parsed.message ? `: ${parsed.message}` : "";
  const logRef = parsed.logRef ? ` (logRef ${parsed.logRef})` : "";
  const hint = NEXT_STEP[code] ? ` ${NEXT_STEP[code]}` : "";
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
  const message = `${PREFIX} ${request.method} ${request.url} answered ${status}${said}${logRef}.${hint}`;
  const correlationId = response.headers.get("correlation-id");
  const retryAfterMs = parseRetryAfter(response.headers, response.status);
  return new HelpScoutError({
    code,
    status: response.status,
    message: redactSecrets(message, secrets),
    request,
    fieldErrors: parsed.fieldErrors.map((field) => ({
      ...field,
      message: redactSecrets(field.message, secrets),
      ...(typeof field.rejectedValue === "string"
        ? { rejectedValue: redactSecrets(field.rejectedValue, secrets) }
        : {}),
    })),
    ...(parsed.logRef ? { logRef: parsed.logRef } : {}),
    ...(correlationId ? { correlationId } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

function networkError(cause: unknown, request: RequestSummary, secrets: string[]): HelpScoutError {
  const original = cause instanceof Error ? cause : new Error(String(cause));
  const inner = original.cause instanceof Error ? original.cause : undefined;
  const reason = [original.message, inner?.message].filter(Boolean).join(": ");
  // Keep the system error code (ECONNREFUSED, ECONNRESET…): retry decides on it. Drop the original
  // objects, whose messages we cannot vouch for.
  const sanitized = new Error(redactSecrets(reason, secrets));
  const errno =
    (inner as { code?: unknown } | undefined)?.code ?? (original as { code?: unknown }).code;
  if (typeof errno === "string") Object.assign(sanitized, { code: errno });
  sanitized.name = original.name;
  return new HelpScoutError({
    code: original.name === "AbortError" ? "aborted" : "network_error",
    message: redactSecrets(
      `${PREFIX} ${request.method} ${request.url} got no response (${reason}). ${NEXT_STEP.network_error}`,
      secrets,
    ),
    request,
    cause: sanitized,
  });
}
