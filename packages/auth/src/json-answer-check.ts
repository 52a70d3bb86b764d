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
 * writes pass untouched. The body is read once and handed on in an equal `Response` (status,
 * headers, `url`, `redirected`), which costs less than reading a clone.
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
      // Read once and hand openapi-fetch an equal answer: cheaper than teeing the stream.
      const text = await response.text();
      if (text.trim() === "") {
        if (request.method === "GET") throw invalid("an empty body");
        return answerWithBody(response, text);
      }
      const type = response.headers.get("content-type");
      if (type !== null && !JSON_CONTENT_TYPE.test(type)) {
        throw invalid(`content-type ${type.split(";")[0]?.trim() || "(empty)"}, not JSON`);
      }
      try {
        JSON.parse(text);
      } catch {
        throw invalid(`malformed JSON (${text.length} characters; cut short?)`);
      }
      return answerWithBody(response, text);
    },
  };
}

/** A copy of `response` with `text` as its body, keeping `url` and `redirected` (merge detection). */
function answerWithBody(response: Response, text: string): Response {
  const copy = new Response(text, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  Object.defineProperties(copy, {
    url: { value: response.url },
    redirected: { value: response.redirected },
  });
  return copy;
}
