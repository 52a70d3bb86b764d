import { HelpScoutError } from "./errors.js";
import { redactUrl } from "./redact.js";

/**
 * The part of an openapi-fetch middleware that {@link jsonAnswerCheck} implements, typed by
 * structure so this package does not depend on openapi-fetch.
 */
export interface JsonAnswerCheck {
  onResponse(context: {
    request: Request;
    response: Response;
    options?: { parseAs?: string };
  }): Promise<Response | undefined>;
}

/** `application/json`, `application/hal+json`, `application/vnd.error+json`, with parameters. */
const JSON_CONTENT_TYPE = /^\s*application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/**
 * An openapi-fetch middleware for the typed clients: a successful answer whose body is not JSON
 * throws a `HelpScoutError` with code `invalid_response` instead of reaching the caller as a
 * `SyntaxError` or as missing data. That is what a proxy's or captive portal's HTML page, a body
 * cut short by a broken connection, or an empty `200` to a `GET` look like; Help Scout's APIs
 * answer JSON only. Bodies with another `parseAs` than `json`, `204`s and empty answers to
 * writes pass untouched. The body is read and parsed once: the same `Response` is handed on, its
 * `text()` and `json()` answering from what was read, so openapi-fetch neither reads a copy nor
 * parses again (status, headers, `url` and `redirected` are the answer's own).
 *
 * @param prefix - The package name the error message starts with, e.g. `@terapi/helpscout-docs`.
 * @internal Shared by `@terapi/helpscout-docs` and `@terapi/helpscout-mailbox`.
 */
export function jsonAnswerCheck(prefix: string): JsonAnswerCheck {
  return {
    async onResponse({ request, response, options }) {
      const parseAs = options?.parseAs ?? "json";
      if (!response.ok || response.status === 204 || request.method === "HEAD") return undefined;
      if (parseAs !== "json") return undefined;
      const invalid = (what: string) =>
        new HelpScoutError({
          code: "invalid_response",
          status: response.status,
          message: `${prefix}: ${request.method} ${redactUrl(request.url)} answered ${response.status} with ${what}; Help Scout answers JSON, so something between (a proxy, a captive portal, a dropped connection) changed the answer. Nothing was read from it.`,
          request: { method: request.method, url: redactUrl(request.url) },
        });
      // Read once; openapi-fetch then gets the text or value from what was read.
      const text = await response.text();
      if (text.trim() === "") {
        if (request.method === "GET") throw invalid("an empty body");
        return answeringWith(response, text, undefined);
      }
      const type = response.headers.get("content-type");
      if (type !== null && !JSON_CONTENT_TYPE.test(type)) {
        throw invalid(`content-type ${type.split(";")[0]?.trim() || "(empty)"}, not JSON`);
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw invalid(`malformed JSON (${text.length} characters; cut short?)`);
      }
      return answeringWith(response, text, value);
    },
  };
}

/**
 * `response`, whose body was read as `text`, with `text()` and `json()` answering from it: cheaper
 * than a new `Response`, whose body openapi-fetch would stream and parse again.
 *
 * openapi-fetch accepts only an `instanceof Response` (the global of the moment). A server library
 * in the same process may have replaced the global (`@hono/node-server` does), leaving `fetch`'s
 * answers outside it: those are handed on as a new `Response` of the current global instead.
 */
function answeringWith(response: Response, text: string, value: unknown): Response {
  if (!(response instanceof Response)) return copyWithBody(response, text);
  Object.defineProperties(response, {
    text: { value: async () => text, configurable: true },
    json: {
      value: async () => {
        if (value === undefined) throw new SyntaxError("Unexpected end of JSON input");
        return value;
      },
      configurable: true,
    },
  });
  return response;
}

/** A copy of `response` with `text` as its body, keeping `url` and `redirected` (merge detection). */
function copyWithBody(response: Response, text: string): Response {
  const copy = new Response(text, response);
  Object.defineProperties(copy, {
    url: { value: response.url },
    redirected: { value: response.redirected },
  });
  return copy;
}
