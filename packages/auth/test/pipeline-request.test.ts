import { describe, expect, it } from "vitest";
import {
  apiKeyPolicy,
  createHelpScoutFetch,
  describeRequest,
  replayable,
  sendRequest,
  withHeader,
} from "../src/index.js";
import { pipelineRequest } from "./fixtures/pipeline-request.js";
import { scriptedTransport, status } from "./fixtures/scripted-transport.js";

const URL_ = "https://api.helpscout.net/v2/customers";

describe("describeRequest", () => {
  it("takes a URL and init as fetch does, with the method upper-cased", async () => {
    const { signal } = new AbortController();
    const described = await describeRequest(new URL(URL_), {
      method: "patch",
      headers: { "x-trace": "t1" },
      body: "[]",
      signal,
      redirect: "manual",
    });
    expect(described).toMatchObject({ method: "PATCH", url: URL_, body: "[]", signal });
    expect(described.headers.get("x-trace")).toBe("t1");
    expect(described.init).toEqual({ redirect: "manual" });
  });

  it("takes a Request, its body read once so it can be sent again with its length", async () => {
    const request = new Request(URL_, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"firstName":"Ada"}',
      redirect: "error",
    });
    const described = await describeRequest(request);
    expect(described.method).toBe("POST");
    expect(described.headers.get("content-type")).toBe("application/json");
    expect(new TextDecoder().decode(described.body as ArrayBuffer)).toBe('{"firstName":"Ada"}');
    expect(described.signal).toBe(request.signal);
    expect(described.init).toEqual({ redirect: "error" });
  });

  it("lets init override a Request's members, as fetch does", async () => {
    const request = new Request(URL_, { method: "POST", headers: { "x-a": "1" }, body: "old" });
    const described = await describeRequest(request, { method: "PUT", headers: {}, body: "new" });
    expect(described).toMatchObject({ method: "PUT", body: "new" });
    expect([...described.headers]).toEqual([]);
  });

  it("turns an async iterable body into a stream", async () => {
    async function* chunks() {
      yield new TextEncoder().encode("a");
      yield new TextEncoder().encode("b");
    }
    const described = await describeRequest(URL_, {
      method: "POST",
      body: chunks() as unknown as BodyInit,
    });
    expect(described.body).toBeInstanceOf(ReadableStream);
    expect(await new Response(described.body as ReadableStream).text()).toBe("ab");
  });

  it("refuses what fetch would refuse, without naming the URL (it may hold a secret)", async () => {
    await expect(describeRequest("/v2/users/me?access_token=s3cret")).rejects.toThrow(
      /not an absolute URL/,
    );
    await expect(describeRequest("/v2/users/me?access_token=s3cret")).rejects.not.toThrow(/s3cret/);
    await expect(describeRequest(URL_, { body: "x" })).rejects.toThrow(
      /a GET request cannot have a body/,
    );
    await expect(describeRequest(URL_, { headers: { "bad name": "x" } })).rejects.toThrow(
      TypeError,
    );
  });

  it("makes a mistake fail at once, never as a retried network error", async () => {
    const transport = scriptedTransport(status(200));
    const fetch = createHelpScoutFetch({ auth: apiKeyPolicy("key-0123"), fetch: transport.fetch });
    await expect(fetch("api.helpscout.net/v2/users/me")).rejects.toBeInstanceOf(TypeError);
    expect(transport.received).toHaveLength(0);
  });
});

describe("withHeader", () => {
  it("returns a copy and leaves the original's headers as they were", () => {
    const original = pipelineRequest(URL_, { headers: { "x-a": "1" } });
    const copy = withHeader(original, "authorization", "Bearer t");
    expect(copy.headers.get("authorization")).toBe("Bearer t");
    expect(copy.headers.get("x-a")).toBe("1");
    expect(original.headers.has("authorization")).toBe(false);
  });
});

describe("replayable", () => {
  it("hands back the request itself when its body can be sent again", () => {
    const request = pipelineRequest(URL_, { method: "POST", body: "{}" });
    const [send, keep] = replayable(request);
    expect(send).toBe(request);
    expect(keep).toBe(request);
  });

  it("tees a streamed body, so both halves carry all of it", async () => {
    const body = new Response("streamed body").body as ReadableStream<Uint8Array>;
    const [send, keep] = replayable(pipelineRequest(URL_, { method: "POST", body }));
    expect(await new Response(send.body as ReadableStream).text()).toBe("streamed body");
    expect(await new Response(keep.body as ReadableStream).text()).toBe("streamed body");
  });
});

describe("sendRequest", () => {
  it("makes one fetch(url, init) call, with duplex for a stream and the caller's init", async () => {
    const calls: [string, RequestInit][] = [];
    const transport = async (input: RequestInfo | URL, init?: RequestInit) => {
      calls.push([String(input), init ?? {}]);
      return new Response(null, { status: 204 });
    };
    const body = new Response("x").body as ReadableStream<Uint8Array>;
    const request = {
      ...pipelineRequest(URL_, { method: "POST", body }),
      init: { redirect: "manual" as const },
    };
    await sendRequest(transport, request);
    await sendRequest(transport, pipelineRequest(URL_));
    expect(calls[0]?.[0]).toBe(URL_);
    expect(calls[0]?.[1]).toMatchObject({
      method: "POST",
      body,
      duplex: "half",
      redirect: "manual",
    });
    expect(calls[1]?.[1]).not.toHaveProperty("body");
    expect(calls[1]?.[1]).not.toHaveProperty("signal");
  });
});
