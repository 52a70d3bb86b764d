import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  apiKeyPolicy,
  bearerTokenPolicy,
  createHelpScoutFetch,
  HelpScoutError,
  isHelpScoutError,
  staticTokenSource,
} from "../src/index.js";

const API_KEY = "secret-docs-api-key-0123456789";
const TOKEN = "mailbox-access-token-abcdefghij";

async function failure(
  respond: () => Response | Promise<Response>,
  auth = apiKeyPolicy(API_KEY),
  url = "https://docsapi.helpscout.net/v1/articles/abc",
): Promise<HelpScoutError> {
  const fetch = createHelpScoutFetch({ auth, fetch: async () => respond() });
  const error = await fetch(url).then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e,
  );
  if (!isHelpScoutError(error)) throw error;
  return error;
}

const vnd = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/vnd.error+json", ...headers },
  });

describe("errorPolicy", () => {
  it.each([
    [400, "bad_request"],
    [401, "unauthorized"],
    [402, "payment_required"],
    [403, "forbidden"],
    [404, "not_found"],
    [412, "precondition_failed"],
    [429, "rate_limited"],
    [500, "server_error"],
    [502, "server_error"],
    [503, "service_unavailable"],
  ])("maps %i to code %s", async (status, code) => {
    const error = await failure(() => new Response("", { status }));
    expect(error).toBeInstanceOf(HelpScoutError);
    expect(error.status).toBe(status);
    expect(error.code).toBe(code);
    expect(error.request).toEqual({
      method: "GET",
      url: "https://docsapi.helpscout.net/v1/articles/abc",
    });
  });

  it("reads logRef, message, field errors and the correlation id of a vnd.error", async () => {
    const error = await failure(() =>
      vnd(
        400,
        {
          logRef: "f3a1c2#9",
          message: "Bad request",
          _embedded: {
            errors: [
              { path: "subject", message: "may not be empty", rejectedValue: "", source: "JSON" },
            ],
          },
        },
        { "correlation-id": "c0ffee" },
      ),
    );
    expect(error.logRef).toBe("f3a1c2#9");
    expect(error.correlationId).toBe("c0ffee");
    expect(error.message).toContain("400");
    expect(error.message).toContain("Bad request");
    expect(error.fieldErrors).toEqual([
      { path: "subject", message: "may not be empty", rejectedValue: "", source: "JSON" },
    ]);
  });

  it("reads the Docs API's looser error body", async () => {
    const error = await failure(() =>
      vnd(422, { status: 422, error: "Validation failed", errors: { name: ["must be unique"] } }),
    );
    expect(error.code).toBe("unprocessable_entity");
    expect(error.message).toContain("Validation failed");
    expect(error.fieldErrors).toEqual([{ path: "name", message: "must be unique" }]);
  });

  it("says what came back when the body is an HTML page from a proxy", async () => {
    const error = await failure(
      () =>
        new Response("<html><body>502 Bad Gateway</body></html>", {
          status: 502,
          headers: { "content-type": "text/html; charset=utf-8" },
        }),
    );
    expect(error.code).toBe("server_error");
    expect(error.message).toContain("non-JSON error body (text/html)");
  });

  it("carries the wait Help Scout asks for on 429", async () => {
    const mailbox = await failure(() => vnd(429, {}, { "x-ratelimit-retry-after": "7" }));
    expect(mailbox.retryAfterMs).toBe(7000);
    const docs = await failure(() => vnd(429, {}, { "x-ratelimit-reset": "42" }));
    expect(docs.retryAfterMs).toBe(42_000);
  });

  it("passes 2xx and 3xx answers through untouched", async () => {
    const fetch = createHelpScoutFetch({
      auth: apiKeyPolicy(API_KEY),
      fetch: async () => new Response(null, { status: 301, headers: { location: "/v2/x/2" } }),
    });
    const response = await fetch("https://api.helpscout.net/v2/conversations/1");
    expect(response.status).toBe(301);
  });

  it("wraps a network failure, keeping the system error code", async () => {
    const error = await failure(() => {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), {
          code: "ECONNREFUSED",
        }),
      });
    });
    expect(error.code).toBe("network_error");
    expect(error.status).toBeUndefined();
    expect(error.message).toContain("ECONNREFUSED");
    expect((error.cause as { code?: string }).code).toBe("ECONNREFUSED");
  });

  it("is recognised across copies of the package by its brand", () => {
    const error = new HelpScoutError({ code: "not_found", message: "x" });
    expect(isHelpScoutError(error)).toBe(true);
    expect(isHelpScoutError(new Error("x"))).toBe(false);
    expect(isHelpScoutError({ code: "not_found" })).toBe(false);
  });
});

describe("errors never carry a credential", () => {
  const echo = (secret: string) => () =>
    vnd(401, {
      logRef: "r1",
      message: `token ${secret} is not valid`,
      _embedded: { errors: [{ path: "secret", message: `bad ${secret}`, rejectedValue: secret }] },
    });

  const everyRendering = (error: HelpScoutError) =>
    [
      error.message,
      String(error),
      error.stack ?? "",
      JSON.stringify(error),
      inspect(error, { depth: 10 }),
      inspect(error.cause, { depth: 10 }),
    ].join("\n");

  it("scrubs the Docs API key and its Basic encoding", async () => {
    const error = await failure(echo(API_KEY));
    const text = everyRendering(error);
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain(Buffer.from(`${API_KEY}:X`).toString("base64"));
    expect(text).toContain("[REDACTED]");
  });

  it("scrubs the bearer token and a rejected webhook secret", async () => {
    const error = await failure(
      echo(TOKEN),
      bearerTokenPolicy(staticTokenSource(TOKEN)),
      "https://api.helpscout.net/v2/webhooks",
    );
    const text = everyRendering(error);
    expect(text).not.toContain(TOKEN);
    expect(error.fieldErrors[0]?.rejectedValue).toBe("[REDACTED]");
  });

  it("redacts credential query parameters in the recorded URL", async () => {
    const error = await failure(
      () => vnd(400, {}),
      apiKeyPolicy(API_KEY),
      "https://api.helpscout.net/v2/oauth2/token?client_secret=s3cr3t-value&refresh_token=rt-abcdef&page=2",
    );
    const text = everyRendering(error);
    expect(text).not.toContain("s3cr3t-value");
    expect(text).not.toContain("rt-abcdef");
    expect(error.request?.url).toContain("page=2");
  });

  it("scrubs credentials from a network error's cause", async () => {
    const error = await failure(
      () => {
        throw new TypeError(`fetch failed for ${TOKEN}`);
      },
      bearerTokenPolicy(staticTokenSource(TOKEN)),
    );
    expect(everyRendering(error)).not.toContain(TOKEN);
  });
});

describe("rejected values", () => {
  it("hides values of camelCase credential fields and any echo of the request's own token", async () => {
    const error = await failure(
      () =>
        vnd(400, {
          _embedded: {
            errors: [
              { path: "accessToken", message: "invalid", rejectedValue: "some-other-token-value" },
              { path: "webhookSecret", message: "too long", rejectedValue: "s3cr3t-s3cr3t" },
              { path: "note", message: "bad", rejectedValue: `prefix ${TOKEN} suffix` },
              { path: "postalCode", message: "bad", rejectedValue: "12345" },
            ],
          },
        }),
      bearerTokenPolicy(staticTokenSource(TOKEN)),
      "https://api.helpscout.net/v2/customers",
    );
    expect(error.fieldErrors.map((f) => f.rejectedValue)).toEqual([
      "[REDACTED]",
      "[REDACTED]",
      "prefix [REDACTED] suffix",
      "12345",
    ]);
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });
});
