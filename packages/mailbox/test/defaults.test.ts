import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { createMailboxClient, isHelpScoutError, type TokenSource } from "../src/index.js";
import { ACCESS_TOKEN, customerRef } from "./fixtures/conversations.js";
import { API, server, useMswServer } from "./msw/server.js";

useMswServer();

const me = () => HttpResponse.json({ id: 1, firstName: "Ada", lastName: "L", email: "a@x.test" });

/** Answers with `answers` in turn (the last one repeats), recording each request's auth header. */
function sequence(method: "get" | "post", path: string, answers: (() => Response)[]) {
  const seen: (string | null)[] = [];
  server.use(
    http[method](`${API}${path}`, ({ request }) => {
      seen.push(request.headers.get("authorization"));
      return (answers[Math.min(seen.length, answers.length) - 1] as () => Response)();
    }),
  );
  return seen;
}

describe("the Mailbox client's default pipeline", () => {
  it("retries a GET after a 503", async () => {
    const seen = sequence("get", "/v2/users/me", [
      () => HttpResponse.json({}, { status: 503, headers: { "retry-after": "0" } }),
      me,
    ]);
    const { data } = await createMailboxClient({ accessToken: ACCESS_TOKEN }).GET("/v2/users/me");
    expect(data?.firstName).toBe("Ada");
    expect(seen).toHaveLength(2);
  });

  it("retries a 429 after X-RateLimit-Retry-After", async () => {
    const seen = sequence("get", "/v2/users/me", [
      () => HttpResponse.json({}, { status: 429, headers: { "x-ratelimit-retry-after": "0" } }),
      me,
    ]);
    await createMailboxClient({ accessToken: ACCESS_TOKEN }).GET("/v2/users/me");
    expect(seen).toHaveLength(2);
  });

  it("never replays a POST whose outcome is unknown", async () => {
    const seen = sequence("post", "/v2/conversations/:id/notes", [
      () => HttpResponse.json({}, { status: 502 }),
    ]);
    const error = await createMailboxClient({ accessToken: ACCESS_TOKEN })
      .POST("/v2/conversations/{conversationId}/notes", {
        params: { path: { conversationId: 1 } },
        body: { text: "note" },
      })
      .catch((e: unknown) => e);
    expect(isHelpScoutError(error) && error.code).toBe("outcome_unknown");
    expect(seen).toHaveLength(1);
  });

  it("on 401 invalidates the token source and replays once with the new token", async () => {
    let current = "token-1";
    const invalidated: (string | undefined)[] = [];
    const tokenSource: TokenSource = {
      getToken: async () => current,
      invalidate: (rejected) => {
        invalidated.push(rejected);
        current = "token-2";
      },
    };
    const seen = sequence("post", "/v2/customers", [
      () => HttpResponse.json({ message: "expired" }, { status: 401 }),
      () => new HttpResponse(null, { status: 201, headers: { "resource-id": "7" } }),
    ]);
    const result = await createMailboxClient({ tokenSource }).POST("/v2/customers", {
      body: { firstName: "Ada", emails: [{ type: "work", value: customerRef().email ?? "" }] },
    });
    expect(result.response.status).toBe(201);
    expect(seen).toEqual(["Bearer token-1", "Bearer token-2"]);
    expect(invalidated).toEqual(["token-1"]);
  });

  it("uses a stored connection and asks it to renew a refused token", async () => {
    let token = "stale";
    const calls: string[] = [];
    const terapi = {
      async getConnection(key: string, id: string) {
        calls.push(`get ${key}/${id}`);
        return { credentials: { type: "OAUTH2", accessToken: token } };
      },
      invalidate(key: string, id: string, rejected?: string) {
        calls.push(`invalidate ${key}/${id} ${rejected}`);
        token = "fresh";
      },
    };
    const seen = sequence("get", "/v2/users/me", [
      () => HttpResponse.json({}, { status: 401 }),
      me,
    ]);
    await createMailboxClient({
      connection: { terapi, providerConfigKey: "helpscout-mailbox", connectionId: "acme" },
    }).GET("/v2/users/me");
    expect(seen).toEqual(["Bearer stale", "Bearer fresh"]);
    expect(calls).toEqual([
      "get helpscout-mailbox/acme",
      "invalidate helpscout-mailbox/acme stale",
      "get helpscout-mailbox/acme",
    ]);
  });
});
