import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  apiKeyPolicy,
  createHelpScoutFetch,
  DEFAULT_RETRYABLE_STATUSES,
  HelpScoutError,
  isHelpScoutError,
  type PipelineRequest,
  type RetryOptions,
  retryPolicy,
} from "../src/index.js";
import { pipelineRequest } from "./fixtures/pipeline-request.js";
import {
  type Answer,
  networkFailure,
  scriptedTransport,
  status,
} from "./fixtures/scripted-transport.js";

const URL_ = "https://api.helpscout.net/v2/conversations";
const backoff = (attempt: number) => attempt * 1000;

function pipeline(options: RetryOptions, ...answers: Answer[]) {
  const transport = scriptedTransport(...answers);
  const fetch = createHelpScoutFetch({
    auth: apiKeyPolicy("key-0123456789"),
    retry: retryPolicy({ backoff, ...options }),
    fetch: transport.fetch,
  });
  return { fetch, received: transport.received };
}

/** Runs a call to its end on the fake clock; resolves to its response or its error. */
async function settle(call: Promise<Response>): Promise<Response | HelpScoutError> {
  const outcome = call.then(
    (response) => response,
    (error: unknown) => {
      if (!isHelpScoutError(error)) throw error;
      return error;
    },
  );
  await vi.advanceTimersByTimeAsync(120_000);
  return outcome;
}

const ok = () => status(200, {}, "{}");
const json = (method: string) => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ subject: "Hello" }),
});

describe("retryPolicy", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("retries a 429 after the wait Help Scout asks for, for any method", async () => {
    const { fetch, received } = pipeline(
      {},
      status(429, { "x-ratelimit-retry-after": "7" }),
      status(429, { "retry-after": "2" }),
      ok(),
    );
    const response = await settle(fetch(URL_, json("POST")));
    expect((response as Response).status).toBe(200);
    expect(received.map((r) => `${r.at} ${r.method} ${r.body}`)).toEqual([
      '0 POST {"subject":"Hello"}',
      '7000 POST {"subject":"Hello"}',
      '9000 POST {"subject":"Hello"}',
    ]);
  });

  it("resends the same request, and tees a streamed body so every send carries all of it", async () => {
    const sent: PipelineRequest[] = [];
    const transport = scriptedTransport(status(503), ok(), status(503), ok(), status(503), ok());
    const fetch = createHelpScoutFetch({
      retry: retryPolicy({ backoff }),
      policies: [
        (request, next) => {
          sent.push(request);
          return next(request);
        },
      ],
      auth: apiKeyPolicy("key-0123456789"),
      fetch: transport.fetch,
    });
    await settle(fetch(URL_));
    await settle(fetch(URL_, json("PUT")));
    const chunks = ['{"subject":', '"Streamed"}'];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks.shift();
        if (chunk === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(chunk));
      },
    });
    await settle(fetch(URL_, { method: "PUT", body: stream, duplex: "half" } as RequestInit));
    expect(sent[0]).toBe(sent[1]);
    expect(sent[2]).toBe(sent[3]);
    expect(sent[4]?.body).not.toBe(sent[5]?.body);
    expect(transport.received.map((r) => `${r.method} ${r.body}`)).toEqual([
      "GET ",
      "GET ",
      'PUT {"subject":"Hello"}',
      'PUT {"subject":"Hello"}',
      'PUT {"subject":"Streamed"}',
      'PUT {"subject":"Streamed"}',
    ]);
  });

  it("waits a backoff after a 429 without a hint", async () => {
    const { fetch, received } = pipeline({}, status(429), status(429), ok());
    await settle(fetch(URL_));
    expect(received.map((r) => r.at)).toEqual([0, 1000, 3000]);
  });

  it("retries 429 while onRateLimit says so, and tells it what happened", async () => {
    const onRateLimit = vi.fn(({ attempt }: { attempt: number }) => attempt < 2);
    const { fetch, received } = pipeline({ onRateLimit }, () =>
      status(429, { "x-ratelimit-retry-after": "5" }),
    );
    const error = (await settle(fetch(URL_))) as HelpScoutError;
    expect(received.map((r) => r.at)).toEqual([0, 5000]);
    expect(error).toMatchObject({ code: "rate_limited", status: 429, attempts: 2 });
    expect(onRateLimit).toHaveBeenCalledTimes(2);
    const [first] = onRateLimit.mock.calls[0]!;
    expect(first).toMatchObject({ retryAfterMs: 5000, attempt: 1, error: { status: 429 } });
    expect((first as unknown as { request: PipelineRequest }).request.url).toBe(URL_);
  });

  it("stops at once when onRateLimit says no", async () => {
    const { fetch, received } = pipeline({ onRateLimit: async () => false }, status(429));
    const error = (await settle(fetch(URL_))) as HelpScoutError;
    expect(received).toHaveLength(1);
    expect(error).toMatchObject({ status: 429, attempts: 1 });
  });

  it("by default retries a 429 up to maxRetries times", async () => {
    const { fetch, received } = pipeline({}, () => status(429, { "retry-after": "1" }));
    const error = (await settle(fetch(URL_))) as HelpScoutError;
    expect(received.map((r) => r.at)).toEqual([0, 1000, 2000, 3000]);
    expect(error.attempts).toBe(4);
  });

  it.each(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"])(
    "retries %s after 5xx and network errors, with growing backoff",
    async (method) => {
      const { fetch, received } = pipeline(
        {},
        status(500),
        networkFailure("ECONNRESET"),
        status(503),
        ok(),
      );
      const response = await settle(fetch(URL_, { method }));
      expect((response as Response).status).toBe(200);
      expect(received.map((r) => `${r.at} ${r.method}`)).toEqual([
        `0 ${method}`,
        `1000 ${method}`,
        `3000 ${method}`,
        `6000 ${method}`,
      ]);
    },
  );

  it("gives up after maxRetries and throws the last error with its attempt count", async () => {
    const { fetch, received } = pipeline({ maxRetries: 2 }, () => status(502));
    const error = (await settle(fetch(URL_))) as HelpScoutError;
    expect(received).toHaveLength(3);
    expect(error).toMatchObject({ code: "server_error", status: 502, attempts: 3 });
  });

  it("honours Retry-After on a 503", async () => {
    const { fetch, received } = pipeline({}, status(503, { "retry-after": "30" }), ok());
    await settle(fetch(URL_));
    expect(received.map((r) => r.at)).toEqual([0, 30_000]);
  });

  it("never replays a POST answered 5xx: outcome_unknown, keeping what Help Scout said", async () => {
    const { fetch, received } = pipeline(
      {},
      status(
        500,
        { "correlation-id": "corr-1", "content-type": "application/json" },
        '{"logRef":"lr-9"}',
      ),
    );
    const error = (await settle(fetch(URL_, json("POST")))) as HelpScoutError;
    expect(received).toHaveLength(1);
    expect(error).toMatchObject({
      code: "outcome_unknown",
      status: 500,
      logRef: "lr-9",
      correlationId: "corr-1",
      attempts: 1,
      request: { method: "POST", url: URL_ },
    });
    expect(error.message).toMatch(/may or may not have happened/);
    expect(error.message).toMatch(/not repeated/);
    expect(error.message).toContain("logRef lr-9");
    expect((error.cause as HelpScoutError).code).toBe("server_error");
  });

  it("never replays a POST answered with a status it would not retry either", async () => {
    const { fetch, received } = pipeline({}, status(501));
    const error = (await settle(fetch(URL_, json("POST")))) as HelpScoutError;
    expect(received).toHaveLength(1);
    expect(error).toMatchObject({ code: "outcome_unknown", status: 501 });
  });

  it("never replays a PATCH whose connection was reset", async () => {
    const { fetch, received } = pipeline({}, networkFailure("ECONNRESET"), ok());
    const error = (await settle(fetch(URL_, json("PATCH")))) as HelpScoutError;
    expect(received).toHaveLength(1);
    expect(error.code).toBe("outcome_unknown");
    expect(error.status).toBeUndefined();
    expect(error.message).toMatch(/no response arrived, so the write may or may not have happened/);
    expect((error.cause as HelpScoutError).code).toBe("network_error");
  });

  it("never replays a POST that timed out", async () => {
    const timeout = new DOMException("The operation was aborted due to timeout", "TimeoutError");
    const { fetch, received } = pipeline({}, timeout, ok());
    const error = (await settle(fetch(URL_, json("POST")))) as HelpScoutError;
    expect(received).toHaveLength(1);
    expect(error.code).toBe("outcome_unknown");
  });

  it.each(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"])(
    "replays a POST whose connection provably never opened (%s), body intact",
    async (code) => {
      const { fetch, received } = pipeline({}, networkFailure(code), networkFailure(code), ok());
      const response = await settle(fetch(URL_, json("POST")));
      expect((response as Response).status).toBe(200);
      expect(received.map((r) => `${r.at} ${r.body}`)).toEqual([
        '0 {"subject":"Hello"}',
        '1000 {"subject":"Hello"}',
        '3000 {"subject":"Hello"}',
      ]);
    },
  );

  it("throws a POST's last connection error unchanged once retries run out", async () => {
    const { fetch, received } = pipeline({ maxRetries: 1 }, () => networkFailure("ECONNREFUSED"));
    const error = (await settle(fetch(URL_, json("POST")))) as HelpScoutError;
    expect(received).toHaveLength(2);
    expect(error).toMatchObject({ code: "network_error", attempts: 2 });
  });

  it("turns a POST into outcome_unknown when a retry after a refused connection fails with 5xx", async () => {
    const { fetch, received } = pipeline({}, networkFailure("ECONNREFUSED"), status(502));
    const error = (await settle(fetch(URL_, json("POST")))) as HelpScoutError;
    expect(received).toHaveLength(2);
    expect(error).toMatchObject({ code: "outcome_unknown", status: 502, attempts: 2 });
  });

  it.each([400, 401, 403, 404, 412, 422])("throws %i at once", async (code) => {
    const { fetch, received } = pipeline({}, status(code), ok());
    const error = (await settle(fetch(URL_))) as HelpScoutError;
    expect(received).toHaveLength(1);
    expect(error).toMatchObject({ status: code, attempts: 1 });
  });

  it("retries only the statuses it is told to", async () => {
    expect(DEFAULT_RETRYABLE_STATUSES).toEqual([500, 502, 503, 504]);
    const { fetch, received } = pipeline({ retryableStatuses: [502] }, status(500), ok());
    const error = (await settle(fetch(URL_))) as HelpScoutError;
    expect(received).toHaveLength(1);
    expect(error.status).toBe(500);
  });

  it("stops waiting when the request is aborted, and sends nothing more", async () => {
    const { fetch, received } = pipeline({}, () => status(429, { "retry-after": "60" }));
    const controller = new AbortController();
    const call = fetch(URL_, { signal: controller.signal }).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(20_000);
    controller.abort();
    const error = (await call) as HelpScoutError;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(received).toHaveLength(1);
    expect(error).toMatchObject({ code: "aborted", attempts: 1 });
  });

  it("does not retry an aborted request", async () => {
    const abort = new DOMException("This operation was aborted", "AbortError");
    const { fetch, received } = pipeline({}, abort, ok());
    const error = (await settle(fetch(URL_))) as HelpScoutError;
    expect(received).toHaveLength(1);
    expect(error).toMatchObject({ code: "aborted", attempts: 1 });
  });

  it("does not retry a GET whose own signal already fired (a timeout)", async () => {
    const { fetch, received } = pipeline({}, status(503), ok());
    const error = (await settle(fetch(URL_, { signal: AbortSignal.abort() }))) as HelpScoutError;
    expect(received).toHaveLength(1);
    expect(error).toMatchObject({ status: 503, attempts: 1 });
  });

  it("throws errors that are not a HelpScoutError without retrying", async () => {
    const failing = vi.fn(async () => {
      throw new Error("token endpoint down");
    });
    const retry = retryPolicy();
    await expect(retry(pipelineRequest(URL_), failing)).rejects.toThrow("token endpoint down");
    expect(failing).toHaveBeenCalledTimes(1);
  });

  it("waits with computeBackoff and sleep unless given others", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const transport = scriptedTransport(status(500), ok());
    const fetch = createHelpScoutFetch({
      auth: apiKeyPolicy("key-0123456789"),
      retry: retryPolicy(),
      fetch: transport.fetch,
    });
    await settle(fetch(URL_));
    expect(transport.received.map((r) => r.at)).toEqual([0, 250]);
    vi.restoreAllMocks();
  });

  it("uses an injected sleep", async () => {
    const sleep = vi.fn(async () => undefined);
    const { fetch } = pipeline({ sleep }, status(500), status(429, { "retry-after": "4" }), ok());
    await fetch(URL_);
    expect(sleep.mock.calls).toEqual([
      [1000, undefined],
      [4000, undefined],
    ]);
    const controller = new AbortController();
    const again = pipeline({ sleep }, status(500), status(429, { "retry-after": "4" }), ok());
    await again.fetch(URL_, { signal: controller.signal });
    expect(sleep.mock.calls.slice(2)).toEqual([
      [1000, controller.signal],
      [4000, controller.signal],
    ]);
  });

  it.each([-1, 1.5, Number.NaN])("rejects maxRetries %s", (maxRetries) => {
    expect(() => retryPolicy({ maxRetries })).toThrow(/maxRetries must be a whole number/);
  });

  it("throws at once an error without status that is no network error, for any method", async () => {
    for (const method of ["GET", "POST"]) {
      const misconfigured = new HelpScoutError({
        code: "configuration_error",
        message: "no base URL",
      });
      const next = vi.fn(async () => Promise.reject(misconfigured));
      const retry = retryPolicy({ sleep: async () => undefined });
      await expect(retry(pipelineRequest(URL_, { method }), next)).rejects.toBe(misconfigured);
      expect(next).toHaveBeenCalledTimes(1);
    }
  });

  it("builds outcome_unknown from the request when the error recorded none", async () => {
    const bare = new HelpScoutError({ code: "server_error", status: 500, message: "500" });
    const retry = retryPolicy();
    const error = (await retry(
      pipelineRequest(`${URL_}?access_token=secret-0123`, { method: "POST" }),
      async () => Promise.reject(bare),
    ).catch((e: unknown) => e)) as HelpScoutError;
    expect(error).toMatchObject({
      code: "outcome_unknown",
      request: { method: "POST", url: `${URL_}?access_token=[REDACTED]` },
    });
    expect(error.message).not.toContain("secret-0123");
  });

  it("passes on a failure of the wait itself", async () => {
    const retry = retryPolicy({ sleep: async () => Promise.reject(new Error("timer broke")) });
    const failing = async () =>
      Promise.reject(new HelpScoutError({ code: "server_error", status: 500, message: "500" }));
    await expect(retry(pipelineRequest(URL_), failing)).rejects.toThrow("timer broke");
  });
});
