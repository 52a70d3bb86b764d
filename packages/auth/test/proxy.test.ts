import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type ConnectionProvider,
  type HelpScoutError,
  isHelpScoutError,
  MemoryBudgetStore,
  mailboxThrottle,
  proxy,
} from "../src/index.js";

const MAILBOX = "https://api.helpscout.net";
const DOCS = "https://docsapi.helpscout.net";

/** Every request msw answered, as it arrived. */
const seen: Request[] = [];
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
afterAll(() => server.close());

/** Answers `path` on `base` with `respond`, recording each request (a clone, body intact). */
function answer(
  base: string,
  path: string,
  respond: (request: Request) => Response | Promise<Response>,
) {
  server.use(
    http.all(`${base}${path}`, async ({ request }) => {
      seen.push(request.clone());
      return respond(request);
    }),
  );
}

/** A unique token per test: the default throttle shares a budget per token across the process. */
let tokens = 0;
const token = () => `token-${++tokens}-${"x".repeat(20)}`;

async function failure(call: Promise<unknown>): Promise<HelpScoutError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isHelpScoutError(error)) throw new Error(`expected a HelpScoutError, got ${String(error)}`);
  return error;
}

describe("proxy()", () => {
  it("sends a Mailbox request with the connection's bearer token, not the caller's", async () => {
    answer(MAILBOX, "/v2/conversations", () => HttpResponse.json({ page: { number: 1 } }));
    const accessToken = token();
    const response = await proxy({
      connection: { accessToken },
      path: "/v2/conversations",
      query: { status: "active" },
      headers: {
        authorization: "Bearer caller-own-key",
        "x-trace": "t1",
        connection: "x-drop",
        "x-drop": "1",
      },
    });
    expect(await response.json()).toEqual({ page: { number: 1 } });
    const sent = seen[0];
    expect(sent?.url).toBe(`${MAILBOX}/v2/conversations?status=active`);
    expect(sent?.headers.get("authorization")).toBe(`Bearer ${accessToken}`);
    expect(sent?.headers.get("x-trace")).toBe("t1");
    expect(sent?.headers.has("x-drop")).toBe(false);
  });

  it("sends a Docs request with Basic <apiKey>:X", async () => {
    answer(DOCS, "/v1/sites", () => HttpResponse.json({ sites: { items: [] } }));
    await proxy({ connection: { apiKey: "docs-key-abcdef" }, path: "/v1/sites" });
    expect(seen[0]?.headers.get("authorization")).toBe(
      `Basic ${Buffer.from("docs-key-abcdef:X").toString("base64")}`,
    );
  });

  it("takes credentials from a stored connection and picks the API from its provider", async () => {
    answer(DOCS, "/v1/collections", () => HttpResponse.json({}));
    const asked: string[] = [];
    const terapi: ConnectionProvider = {
      async getConnection(provider, id) {
        asked.push(`${provider}/${id}`);
        return { credentials: { type: "API_KEY", apiKey: "stored-docs-key" } };
      },
    };
    await proxy({
      connection: { terapi, providerConfigKey: "helpscout-docs", connectionId: "acme" },
      path: "/v1/collections",
    });
    expect(asked).toEqual(["helpscout-docs/acme"]);
    expect(seen[0]?.url).toBe(`${DOCS}/v1/collections`);
  });

  it("takes a token source for either API, the API told by the path", async () => {
    answer(DOCS, "/v1/sites", () => HttpResponse.json({}));
    answer(MAILBOX, "/v2/users/me", () => HttpResponse.json({}));
    const tokenSource = { getToken: async () => "source-secret-123" };
    await proxy({ connection: { tokenSource }, path: "/v1/sites" });
    await proxy({ connection: { tokenSource }, path: "/v2/users/me" });
    expect(seen.map((r) => [new URL(r.url).host, r.headers.get("authorization")])).toEqual([
      ["docsapi.helpscout.net", `Basic ${Buffer.from("source-secret-123:X").toString("base64")}`],
      ["api.helpscout.net", "Bearer source-secret-123"],
    ]);
  });

  it("refreshes a stored connection's token on 401 and replays the request once", async () => {
    let n = 1;
    const invalidated: (string | undefined)[] = [];
    const terapi: ConnectionProvider = {
      getConnection: async () => ({
        credentials: { type: "OAUTH2", accessToken: `oauth-token-${n}` },
      }),
      invalidate: (_p, _c, rejected) => {
        invalidated.push(rejected);
        n += 1;
      },
    };
    answer(MAILBOX, "/v2/customers", (request) =>
      request.headers.get("authorization") === "Bearer oauth-token-2"
        ? HttpResponse.json({ id: 7 }, { status: 201 })
        : HttpResponse.json({ message: "Invalid token" }, { status: 401 }),
    );
    const response = await proxy({
      connection: { terapi, providerConfigKey: "helpscout-mailbox", connectionId: "acme" },
      method: "post",
      path: "/v2/customers",
      body: { firstName: "Ada" },
    });
    expect(response.status).toBe(201);
    expect(invalidated).toEqual(["oauth-token-1"]);
    expect(await Promise.all(seen.map((r) => r.json()))).toEqual([
      { firstName: "Ada" },
      { firstName: "Ada" },
    ]);
  });

  it("retries a 429 after Help Scout's X-RateLimit-Retry-After and returns the success", async () => {
    let calls = 0;
    answer(MAILBOX, "/v2/users/me", () =>
      ++calls === 1
        ? HttpResponse.json(
            { message: "Rate limit exceeded" },
            { status: 429, headers: { "x-ratelimit-retry-after": "0.05" } },
          )
        : HttpResponse.json({ id: 1 }),
    );
    const started = performance.now();
    const response = await proxy({ connection: { accessToken: token() }, path: "/v2/users/me" });
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });

  it("draws every call of one account from one rate budget", async () => {
    answer(MAILBOX, "/v2/tags", () =>
      HttpResponse.json(
        {},
        { headers: { "x-ratelimit-limit-minute": "1", "x-ratelimit-remaining-minute": "0" } },
      ),
    );
    const accessToken = token();
    await proxy({ connection: { accessToken }, path: "/v2/tags" });
    // The first answer said the minute's budget is spent: a second call of the same account waits
    // (until aborted here) instead of sending, while another account is not held up.
    const waiting = failure(
      proxy({ connection: { accessToken }, path: "/v2/tags", signal: AbortSignal.timeout(150) }),
    );
    await proxy({ connection: { accessToken: token() }, path: "/v2/tags" });
    expect((await waiting).code).toBe("aborted");
    expect(seen).toHaveLength(2);
  });

  it("uses the throttle it is given, e.g. one budget store for a whole server", async () => {
    answer(MAILBOX, "/v2/tags", () => HttpResponse.json({}));
    const store = new MemoryBudgetStore();
    const throttle = mailboxThrottle({ account: "acme", store, perMinute: 3 });
    for (const _ of [1, 2, 3]) {
      await proxy({ connection: { accessToken: token() }, path: "/v2/tags", throttle });
    }
    const held = failure(
      proxy({
        connection: { accessToken: token() },
        path: "/v2/tags",
        throttle,
        signal: AbortSignal.timeout(100),
      }),
    );
    expect((await held).code).toBe("aborted");
    expect(seen).toHaveLength(3);
  });

  it("throws Help Scout's answer as a typed error that holds no credential", async () => {
    const accessToken = token();
    answer(MAILBOX, "/v2/conversations/9", () =>
      HttpResponse.json(
        { message: `no conversation for ${accessToken}`, logRef: "ref-1" },
        { status: 404 },
      ),
    );
    const error = await failure(
      proxy({ connection: { accessToken }, path: "/v2/conversations/9" }),
    );
    expect(error).toMatchObject({ code: "not_found", status: 404, logRef: "ref-1" });
    expect(JSON.stringify(error.toJSON()) + error.message).not.toContain(accessToken);
  });

  it("hands back the final non-2xx answer untouched with throwOnError: false", async () => {
    answer(MAILBOX, "/v2/conversations/9", () =>
      HttpResponse.json(
        { message: "Not found", logRef: "ref-2" },
        {
          status: 404,
          headers: { "x-ratelimit-remaining-minute": "190", "correlation-id": "c-1" },
        },
      ),
    );
    const response = await proxy({
      connection: { accessToken: token() },
      path: "/v2/conversations/9",
      throwOnError: false,
    });
    expect(response.status).toBe(404);
    expect(response.headers.get("x-ratelimit-remaining-minute")).toBe("190");
    expect(response.headers.get("correlation-id")).toBe("c-1");
    expect(await response.json()).toEqual({ message: "Not found", logRef: "ref-2" });
  });

  it("returns a write's 5xx as is with throwOnError: false, sent once (never replayed)", async () => {
    answer(MAILBOX, "/v2/conversations", () =>
      HttpResponse.json({ message: "boom" }, { status: 503 }),
    );
    const response = await proxy({
      connection: { accessToken: token() },
      method: "POST",
      path: "/v2/conversations",
      body: { subject: "Hi" },
      throwOnError: false,
    });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ message: "boom" });
    expect(seen).toHaveLength(1);
  });

  it("sends JSON values as application/json and other bodies as they are", async () => {
    answer(MAILBOX, "/v2/customers", () => new HttpResponse(null, { status: 201 }));
    const connection = { accessToken: token() };
    const form = new FormData();
    form.append("file", new Blob(["hello"]), "hello.txt");
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("streamed "));
        controller.enqueue(new TextEncoder().encode("body"));
        controller.close();
      },
    });
    for (const body of [[1, 2], "plain text", new TextEncoder().encode("bytes"), form, stream]) {
      await proxy({ connection, method: "POST", path: "/v2/customers", body });
    }
    const [json, text, bytes, multipart, streamed] = seen;
    expect(json?.headers.get("content-type")).toBe("application/json");
    expect(await json?.text()).toBe("[1,2]");
    expect(await text?.text()).toBe("plain text");
    expect(await bytes?.text()).toBe("bytes");
    expect(multipart?.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    expect(await multipart?.text()).toContain("hello");
    expect(await streamed?.text()).toBe("streamed body");
  });

  it.each([
    ["an absolute URL", { path: "https://evil.example/v2/users" }],
    ["traversal", { path: "/v2/../../etc" }],
    ["a path of the other API", { path: "/v1/sites" }],
    ["an unknown method", { method: "TRACE" }],
    ["a body on a GET", { body: { a: 1 } }],
    ["a body JSON cannot hold", { method: "POST", body: { n: 1n } }],
    ["an empty token", { connection: { accessToken: " " } }],
    ["an invalid header name", { headers: { "bad header": "x" } }],
    ["no credentials at all", { connection: {} as { accessToken: string } }],
    [
      "a Docs key on the Mailbox API",
      { connection: { apiKey: "k-123456" }, api: "mailbox" as const },
    ],
  ])("refuses %s before any call, without quoting the credential", async (_what, change) => {
    const accessToken = token();
    const error = await failure(
      proxy({ connection: { accessToken }, path: "/v2/users/me", ...change }),
    );
    expect(error.code).toBe("invalid_request");
    expect(error.message).not.toContain(accessToken);
    expect(seen).toHaveLength(0);
  });
});
