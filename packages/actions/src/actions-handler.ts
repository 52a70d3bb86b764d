import { isActionError, isActionInputError } from "./action-errors.js";
import { getAction } from "./catalog.js";
import { listActions } from "./list-actions.js";
import { runAction } from "./run-action.js";
import type { ActionClients } from "./types.js";

/** Options of {@link createActionsHandler}. */
export interface ActionsHandlerOptions {
  /** The path the handler is mounted at; `/actions` by default. */
  basePath?: string;
  /** Largest request body accepted, in bytes; 1 MiB by default (larger answers 413). */
  maxBodyBytes?: number;
}

/** A fetch-style handler: a `Request` and the clients to run with in, a `Response` out. */
export type ActionsHandler = (request: Request, clients: ActionClients) => Promise<Response>;

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * The catalogue over HTTP, as a fetch-style handler you can mount in any server (Hono, Next.js
 * route handlers, `Bun.serve`, the `helpscout proxy`, …):
 *
 * - `GET /actions` → `200 { actions: [{ name, title, description, api, rerunSafe, inputSchema,
 *   outputSchema }] }`; `GET /actions/<name>` → `200 { action }`.
 * - `POST /actions/<name>` with the input as JSON body → `200 { output }`.
 * - Invalid input → `400 { error: { code: "invalid_input", message, fieldErrors } }` (no call made);
 *   body not JSON → `400 invalid_json`; unknown action → `404 unknown_action`; other methods → `405`.
 * - A Help Scout failure → its status with `{ error: { code, message, logRef, fieldErrors,
 *   rerunSafe } }`; a write whose outcome is unknown → `502 outcome_unknown`. Anything else →
 *   `500 internal_error` without details. No answer ever contains a credential.
 *
 * @param options - Mount path and body limit.
 * @example
 * const handle = createActionsHandler();
 * // in a server: return handle(request, { mailbox, docs });
 */
export function createActionsHandler(options: ActionsHandlerOptions = {}): ActionsHandler {
  const base = `/${(options.basePath ?? "/actions").replace(/^\/+|\/+$/g, "")}`;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return async (request, clients) => {
    const path = new URL(request.url).pathname.replace(/\/+$/, "");
    if (path === base) {
      if (request.method !== "GET" && request.method !== "HEAD") return notAllowed("GET");
      return json(200, { actions: listActions() });
    }
    if (!path.startsWith(`${base}/`) || path.slice(base.length + 1).includes("/")) {
      return problem(404, "not_found", `No route for ${path}; actions are under ${base}/<name>.`);
    }
    const name = safeDecode(path.slice(base.length + 1));
    const action = getAction(name);
    if (!action) {
      return problem(
        404,
        "unknown_action",
        `There is no action "${name}"; GET ${base} lists them.`,
      );
    }
    if (request.method === "GET" || request.method === "HEAD") {
      return json(200, { action: listActions().find((a) => a.name === action.name) });
    }
    if (request.method !== "POST") return notAllowed("GET, POST");
    const input = await readJson(request, maxBodyBytes);
    if (input instanceof Response) return input;
    try {
      const output = await runAction(name, input, {
        ...clients,
        signal: clients.signal ?? request.signal,
      });
      return json(200, { output });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** The request body as JSON (an empty body is `{}`), or the error answer. */
async function readJson(request: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) return tooLarge(maxBytes);
  const text = await request.text();
  if (new TextEncoder().encode(text).byteLength > maxBytes) return tooLarge(maxBytes);
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    return problem(400, "invalid_json", "The request body is not valid JSON.");
  }
}

function tooLarge(maxBytes: number): Response {
  return problem(413, "payload_too_large", `The request body is larger than ${maxBytes} bytes.`);
}

/** Statuses for failures Help Scout did not answer with a status of its own. */
const STATUS_BY_CODE: Record<string, number> = {
  network_error: 502,
  invalid_response: 502,
  read_back_failed: 502,
  connection_not_found: 404,
  missing_client: 501,
  aborted: 499,
};

function errorResponse(error: unknown): Response {
  if (isActionInputError(error)) {
    const { code, message, fieldErrors } = error;
    return json(400, { error: { code, message, fieldErrors } });
  }
  if (isActionError(error)) {
    // An unknown outcome is the upstream's fault whatever it answered (often a 5xx or nothing).
    const status =
      error.code === "outcome_unknown" ? 502 : (error.status ?? STATUS_BY_CODE[error.code] ?? 500);
    return json(status, {
      error: {
        code: error.code,
        message: error.message,
        ...(error.logRef ? { logRef: error.logRef } : {}),
        ...(error.fieldErrors.length > 0 ? { fieldErrors: error.fieldErrors } : {}),
        rerunSafe: error.rerunSafe,
      },
    });
  }
  // A bug, not an expected failure: no details (they could quote anything).
  return problem(500, "internal_error", "The action failed unexpectedly.");
}

function notAllowed(allow: string): Response {
  const response = problem(405, "method_not_allowed", `Use ${allow}.`);
  response.headers.set("allow", allow);
  return response;
}

function problem(status: number, code: string, message: string): Response {
  return json(status, { error: { code, message } });
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
