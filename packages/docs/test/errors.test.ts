import { inspect } from "node:util";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { createDocsClient, type HelpScoutError, isHelpScoutError } from "../src/index.js";
import { API_KEY, BASIC, ids } from "./fixtures.js";
import { DOCS, server, useMswServer } from "./msw/server.js";

useMswServer();

async function failWith(
  status: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  server.use(
    http.get(`${DOCS}/v1/articles/:articleId`, () =>
      HttpResponse.json(body, { status, headers: { "correlation-id": "corr-1", ...headers } }),
    ),
  );
  // Error mapping alone: the default retry and throttle are tested in defaults.test.ts.
  const docs = createDocsClient({ apiKey: API_KEY, retry: false, throttle: false });
  const error = await docs
    .GET("/v1/articles/{articleId}", { params: { path: { articleId: ids.article } } })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  if (!isHelpScoutError(error)) throw new Error(`expected a HelpScoutError, got ${String(error)}`);
  return error;
}

describe("Docs error mapping", () => {
  it.each([
    [400, "bad_request"],
    [401, "unauthorized"],
    [402, "payment_required"],
    [403, "forbidden"],
    [404, "not_found"],
    [429, "rate_limited"],
    [500, "server_error"],
    [503, "service_unavailable"],
  ])("%i → %s, with status, correlation id and the server's message", async (status, code) => {
    const error = await failWith(status, { status, message: `server says ${status}` });
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.correlationId).toBe("corr-1");
    expect(error.message).toContain(`server says ${status}`);
    expect(error.request).toEqual({
      method: "GET",
      url: `${DOCS}/v1/articles/${ids.article}`,
    });
  });

  it("a 429 carries the wait from X-RateLimit-Reset", async () => {
    const error = await failWith(429, {}, { "x-ratelimit-reset": "120" });
    expect(error.retryAfterMs).toBe(120_000);
  });

  it("a 422 lists the field errors", async () => {
    const error = await failWith(422, { errors: { name: ["is already taken"] } });
    expect(error.fieldErrors).toEqual([{ path: "name", message: "is already taken" }]);
  });

  it("never shows the API key or its Basic header", async () => {
    const error: HelpScoutError = await failWith(401, { message: `bad key ${API_KEY}` });
    const everything = [
      error.message,
      error.stack,
      JSON.stringify(error),
      inspect(error, { depth: 10, showHidden: true }),
    ].join("\n");
    expect(everything).not.toContain(API_KEY);
    expect(everything).not.toContain(BASIC.slice("Basic ".length));
  });
});
