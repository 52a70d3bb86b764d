import { isHelpScoutError, redactSecrets } from "@terapi/helpscout-auth";

/** The body of every answer the proxy gives itself (not passed on from Help Scout). */
export interface ProxyErrorBody {
  error: {
    /** Machine-readable, e.g. `unauthorized`, `missing_connection_id`, `upstream_timeout`. */
    code: string;
    /** What went wrong and what to do; never holds a credential or the proxy key. */
    message: string;
  };
}

/** Where a failed request stood when it failed, to tell a timeout from a disconnect. */
export interface FailureContext {
  /** The upstream timeout fired. */
  timedOut: boolean;
  /** The proxy is shutting down. */
  shuttingDown: boolean;
  /** Known secrets (the proxy key) scrubbed from every message, a last line of defence. */
  secrets: readonly string[];
}

/** A JSON error answer of the proxy: `{ error: { code, message } }` with `status`. */
export function proxyError(
  status: number,
  code: string,
  message: string,
  secrets: readonly string[] = [],
  headers: Record<string, string> = {},
): Response {
  const body: ProxyErrorBody = {
    error: { code, message: redactSecrets(`helpscout proxy: ${message}`, secrets) },
  };
  return Response.json(body, { status, headers });
}

/** Statuses for the codes of `HelpScoutError`s that carry no HTTP status of their own. */
const STATUS_OF_CODE: Readonly<Record<string, number>> = {
  invalid_request: 400,
  connection_not_found: 404,
  network_error: 502,
  outcome_unknown: 502,
  needs_reauthorization: 502,
  invalid_response: 502,
};

/**
 * The answer for an error thrown while serving a request: a timeout is 504, an unreachable Help
 * Scout 502, a refused path 400, an unknown connection 404; a `HelpScoutError` with a status (a
 * route's typed call that failed) keeps it. Anything else is a 500 that says nothing of its cause.
 *
 * @returns The response, and whether the error was unexpected (worth logging).
 */
export function errorResponse(
  error: unknown,
  context: FailureContext,
): { response: Response; unexpected: boolean } {
  const { secrets } = context;
  if (context.timedOut) {
    const message = "Help Scout did not answer in time (the upstream timeout passed).";
    return { response: proxyError(504, "upstream_timeout", message, secrets), unexpected: false };
  }
  if (isHelpScoutError(error)) {
    if (error.code === "aborted") {
      const code = context.shuttingDown ? "shutting_down" : "aborted";
      const message = context.shuttingDown
        ? "the proxy is shutting down; send the request again to a running proxy."
        : "the request was aborted.";
      return { response: proxyError(503, code, message, secrets), unexpected: false };
    }
    const status = error.status ?? STATUS_OF_CODE[error.code] ?? 500;
    const code = error.code === "network_error" ? "upstream_unreachable" : String(error.code);
    const message = error.message.replace(/^@terapi\/helpscout-[a-z]+: /, "");
    return { response: proxyError(status, code, message, secrets), unexpected: status === 500 };
  }
  const message = "the proxy failed unexpectedly; its own output says why.";
  return { response: proxyError(500, "internal_error", message, secrets), unexpected: true };
}
