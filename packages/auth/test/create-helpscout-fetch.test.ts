import { describe, expect, it } from "vitest";
import {
  apiKeyPolicy,
  bearerTokenPolicy,
  createHelpScoutFetch,
  type PipelineRequest,
  type Policy,
  retryPolicy,
  staticTokenSource,
} from "../src/index.js";

function recordingTransport(respond: (request: Request) => Response = () => new Response("{}")) {
  const seen: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    seen.push(request);
    return respond(request);
  };
  return { seen, fetch };
}

describe("createHelpScoutFetch", () => {
  it("sends Docs requests with Basic <apiKey>:X", async () => {
    const transport = recordingTransport();
    const fetch = createHelpScoutFetch({
      auth: apiKeyPolicy("docs-key-123"),
      fetch: transport.fetch,
    });
    await fetch("https://docsapi.helpscout.net/v1/sites");
    const header = transport.seen[0]?.headers.get("authorization");
    expect(header).toBe(`Basic ${Buffer.from("docs-key-123:X").toString("base64")}`);
  });

  it("asks the token source on every request", async () => {
    const transport = recordingTransport();
    let n = 0;
    const fetch = createHelpScoutFetch({
      auth: bearerTokenPolicy({ getToken: async () => `token-${++n}` }),
      fetch: transport.fetch,
    });
    await fetch("https://api.helpscout.net/v2/users/me");
    await fetch("https://api.helpscout.net/v2/users/me");
    expect(transport.seen.map((r) => r.headers.get("authorization"))).toEqual([
      "Bearer token-1",
      "Bearer token-2",
    ]);
  });

  it("keeps method, body and caller headers through the pipeline", async () => {
    const transport = recordingTransport(() => new Response(null, { status: 201 }));
    const fetch = createHelpScoutFetch({
      auth: bearerTokenPolicy(staticTokenSource("abc")),
      fetch: transport.fetch,
    });
    const response = await fetch("https://api.helpscout.net/v2/customers", {
      method: "POST",
      headers: { "content-type": "application/json", "x-trace": "t1" },
      body: JSON.stringify({ firstName: "Ada" }),
    });
    expect(response.status).toBe(201);
    const sent = transport.seen[0];
    expect(sent?.method).toBe("POST");
    expect(sent?.headers.get("x-trace")).toBe("t1");
    expect(await sent?.json()).toEqual({ firstName: "Ada" });
  });

  it("runs retry outermost, then user policies, then auth, then throttle", async () => {
    const order: string[] = [];
    const mark =
      (name: string): Policy =>
      (request, next) => {
        order.push(`${name}:${request.headers.has("authorization") ? "auth" : "anon"}`);
        return next(request);
      };
    const fetch = createHelpScoutFetch({
      retry: mark("retry"),
      policies: [mark("user")],
      auth: apiKeyPolicy("k-1234"),
      throttle: mark("throttle"),
      fetch: recordingTransport().fetch,
    });
    await fetch("https://docsapi.helpscout.net/v1/sites");
    expect(order).toEqual(["retry:anon", "user:anon", "throttle:auth"]);
  });

  it("never writes the credentials into a Request the caller or a policy holds", async () => {
    const transport = recordingTransport(() => new Response(null, { status: 503 }));
    const held: PipelineRequest[] = [];
    const hold: Policy = async (request, next) => {
      held.push(request);
      return next(request);
    };
    const fetch = createHelpScoutFetch({
      retry: retryPolicy({ backoff: () => 0 }),
      policies: [hold],
      auth: bearerTokenPolicy(staticTokenSource("secret-token-1234")),
      fetch: transport.fetch,
    });
    const mine = new Request("https://api.helpscout.net/v2/users/me");
    await expect(fetch(mine)).rejects.toMatchObject({ code: "service_unavailable", attempts: 4 });
    expect(transport.seen.map((r) => r.headers.get("authorization"))).toEqual(
      Array(4).fill("Bearer secret-token-1234"),
    );
    for (const request of [mine, ...held]) expect(request.headers.has("authorization")).toBe(false);
  });

  it("rejects an empty API key or token before any request", () => {
    expect(() => apiKeyPolicy(" ")).toThrow(/apiKey is empty/);
    expect(() => staticTokenSource("")).toThrow(/accessToken is empty/);
  });
});
