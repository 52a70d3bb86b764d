import { inspect } from "node:util";
import { describe, expect, it, vi } from "vitest";
import {
  bearerTokenPolicy,
  createHelpScoutFetch,
  createTokenCycler,
  type HelpScoutError,
  isHelpScoutError,
  retryPolicy,
  staticTokenSource,
  type TokenSource,
} from "../src/index.js";
import { pipelineRequest } from "./fixtures/pipeline-request.js";
import { scriptedTransport, status } from "./fixtures/scripted-transport.js";

const URL_ = "https://api.helpscout.net/v2/customers";
const unauthorized = () =>
  status(401, { "content-type": "application/json" }, '{"message":"Invalid token"}');

/** A source that hands out token-1, token-2, … and counts invalidations. */
function rotatingSource(withInvalidate = true) {
  let n = 1;
  const invalidated: (string | undefined)[] = [];
  const source: TokenSource = {
    getToken: vi.fn(async () => `token-${String(n).padStart(12, "0")}`),
    ...(withInvalidate
      ? {
          invalidate: async (rejected?: string) => {
            invalidated.push(rejected);
            n += 1;
          },
        }
      : {}),
  };
  return { source, invalidated };
}

async function failure(call: Promise<Response>): Promise<HelpScoutError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isHelpScoutError(error)) throw new Error(`expected a HelpScoutError, got ${String(error)}`);
  return error;
}

describe("bearerTokenPolicy on 401", () => {
  it("invalidates, gets a new token and replays once with it, body intact", async () => {
    const { source, invalidated } = rotatingSource();
    const transport = scriptedTransport(unauthorized(), status(201));
    const fetch = createHelpScoutFetch({ auth: bearerTokenPolicy(source), fetch: transport.fetch });
    const response = await fetch(URL_, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ firstName: "Ada" }),
    });
    expect(response.status).toBe(201);
    expect(transport.received).toEqual([
      expect.objectContaining({
        authorization: "Bearer token-000000000001",
        body: '{"firstName":"Ada"}',
      }),
      expect.objectContaining({
        authorization: "Bearer token-000000000002",
        body: '{"firstName":"Ada"}',
      }),
    ]);
    expect(invalidated).toEqual(["token-000000000001"]);
  });

  it("throws a second 401 as unauthorized, without the token anywhere", async () => {
    const { source, invalidated } = rotatingSource();
    const transport = scriptedTransport(unauthorized(), unauthorized(), status(200));
    const fetch = createHelpScoutFetch({ auth: bearerTokenPolicy(source), fetch: transport.fetch });
    const error = await failure(fetch(URL_));
    expect(error).toMatchObject({ code: "unauthorized", status: 401 });
    expect(transport.received).toHaveLength(2);
    expect(invalidated).toHaveLength(1);
    const text = [error.message, JSON.stringify(error), inspect(error, { depth: 10 })].join("\n");
    expect(text).not.toMatch(/token-0000/);
  });

  it("does not replay when the source cannot invalidate", async () => {
    const { source } = rotatingSource(false);
    const transport = scriptedTransport(unauthorized(), status(200));
    const fetch = createHelpScoutFetch({ auth: bearerTokenPolicy(source), fetch: transport.fetch });
    expect(await failure(fetch(URL_))).toMatchObject({ code: "unauthorized" });
    expect(transport.received).toHaveLength(1);
    const fixed = createHelpScoutFetch({
      auth: bearerTokenPolicy(staticTokenSource("static-token-123")),
      fetch: transport.fetch,
    });
    await expect(fixed(URL_)).resolves.toMatchObject({ status: 200 });
  });

  it("does not replay other errors", async () => {
    const { source, invalidated } = rotatingSource();
    const transport = scriptedTransport(status(403), status(200));
    const fetch = createHelpScoutFetch({ auth: bearerTokenPolicy(source), fetch: transport.fetch });
    expect(await failure(fetch(URL_))).toMatchObject({ code: "forbidden" });
    const policy = bearerTokenPolicy(source);
    await expect(
      policy(pipelineRequest(URL_), async () => Promise.reject(new Error("boom"))),
    ).rejects.toThrow("boom");
    expect(invalidated).toEqual([]);
    expect(transport.received).toHaveLength(1);
  });

  it("fails with the source's error when no new token can be had", async () => {
    let calls = 0;
    const source: TokenSource = {
      getToken: async () => {
        calls += 1;
        if (calls > 1) throw new Error("refresh failed: invalid_grant");
        return "token-old-0123456";
      },
      invalidate: () => undefined,
    };
    const transport = scriptedTransport(unauthorized());
    const fetch = createHelpScoutFetch({ auth: bearerTokenPolicy(source), fetch: transport.fetch });
    await expect(fetch(URL_)).rejects.toThrow("invalid_grant");
    expect(transport.received).toHaveLength(1);
  });

  it("replays once per attempt under retry, never in a loop", async () => {
    const { source } = rotatingSource();
    const transport = scriptedTransport(
      unauthorized(),
      status(503),
      unauthorized(),
      unauthorized(),
    );
    const fetch = createHelpScoutFetch({
      auth: bearerTokenPolicy(source),
      retry: retryPolicy({ sleep: async () => undefined }),
      fetch: transport.fetch,
    });
    expect(await failure(fetch(URL_))).toMatchObject({ code: "unauthorized", attempts: 2 });
    expect(transport.received.map((r) => r.authorization)).toEqual([
      "Bearer token-000000000001",
      "Bearer token-000000000002",
      "Bearer token-000000000002",
      "Bearer token-000000000003",
    ]);
  });

  it("with a token cycler, 50 requests rejected together cause one refresh", async () => {
    let issued = 0;
    const fetchToken = vi.fn(async () => ({
      token: `cycled-token-${++issued}`,
      expiresAt: Date.now() + 3_600_000,
    }));
    const tokens = createTokenCycler({ fetchToken });
    await tokens.getToken();
    const transport = scriptedTransport((request) =>
      request.headers.get("authorization") === "Bearer cycled-token-1"
        ? unauthorized()
        : status(200),
    );
    const fetch = createHelpScoutFetch({ auth: bearerTokenPolicy(tokens), fetch: transport.fetch });
    const responses = await Promise.all(Array.from({ length: 50 }, () => fetch(URL_)));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(fetchToken).toHaveBeenCalledTimes(2);
    expect(transport.received).toHaveLength(100);
  });
});
