import createClient, { type Middleware } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import {
  apiKeyPolicy,
  createHelpScoutFetch,
  DeferredRequest,
  jsonAnswerCheck,
} from "../src/index.js";
import { scriptedTransport } from "./fixtures/scripted-transport.js";

interface paths {
  "/v1/articles": {
    post: {
      requestBody: { content: { "application/json": { name: string } } };
      responses: { 201: { content: { "application/json": { id: string } } } };
    };
  };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

/** An openapi-fetch client as the typed clients build it, over a scripted transport. */
function client(...middleware: Middleware[]) {
  const transport = scriptedTransport(json({ id: "a1" }, 201));
  const fetch = createHelpScoutFetch({
    auth: apiKeyPolicy("key-0123456789"),
    fetch: transport.fetch,
  });
  const api = createClient<paths>({
    baseUrl: "https://docsapi.helpscout.net",
    fetch,
    Request: DeferredRequest,
  });
  api.use(...middleware, jsonAnswerCheck("@terapi/test"));
  return { api, received: transport.received };
}

describe("DeferredRequest under openapi-fetch", () => {
  it("sends what openapi-fetch built: method, body, headers, and no credentials left on it", async () => {
    let seen: Request | undefined;
    const { api, received } = client({
      onRequest({ request }) {
        seen = request;
      },
    });
    const { data } = await api.POST("/v1/articles", { body: { name: "Refunds" } });
    expect(data).toEqual({ id: "a1" });
    expect(received).toEqual([
      expect.objectContaining({ method: "POST", body: '{"name":"Refunds"}' }),
    ]);
    expect(received[0]?.authorization).toMatch(/^Basic /);
    expect(seen).toBeInstanceOf(Request);
    expect(seen?.headers.get("content-type")).toBe("application/json");
    expect(seen?.headers.has("authorization")).toBe(false);
  });

  it("sends headers a middleware sets on the request", async () => {
    const { api, received } = client({
      onRequest({ request }) {
        request.headers.set("x-request-id", "r-1");
      },
    });
    await api.POST("/v1/articles", { body: { name: "Refunds" } });
    expect(received[0]?.headers["x-request-id"]).toBe("r-1");
  });

  it("lets a middleware read the body, and still sends all of it", async () => {
    let read: unknown;
    const { api, received } = client({
      async onRequest({ request }) {
        read = await request.clone().json();
        expect(await request.text()).toBe('{"name":"Refunds"}');
        expect(request.bodyUsed).toBe(true);
      },
    });
    await api.POST("/v1/articles", { body: { name: "Refunds" } });
    expect(read).toEqual({ name: "Refunds" });
    expect(received[0]?.body).toBe('{"name":"Refunds"}');
  });

  it("takes a real Request a middleware returns instead", async () => {
    const { api, received } = client({
      onRequest({ request }) {
        return new Request(request.url, { method: "POST", body: '{"name":"Replaced"}' });
      },
    });
    await api.POST("/v1/articles", { body: { name: "Refunds" } });
    expect(received[0]?.body).toBe('{"name":"Replaced"}');
  });

  it("follows the caller's abort signal, and has one of its own otherwise", async () => {
    const controller = new AbortController();
    const deferred = new DeferredRequest("https://docsapi.helpscout.net/v1/sites", {
      signal: controller.signal,
    });
    expect(deferred.signal).toBe(controller.signal);
    const plain = new DeferredRequest("https://docsapi.helpscout.net/v1/sites");
    expect(plain.signal.aborted).toBe(false);
    expect(plain.method).toBe("GET");
    expect(plain.redirect).toBe("follow");
  });

  it("refuses a relative URL at construction, as Request does", () => {
    expect(() => new DeferredRequest("/v1/sites")).toThrow(TypeError);
  });
});
