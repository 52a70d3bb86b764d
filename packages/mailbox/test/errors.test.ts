import { inspect } from "node:util";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import {
  type components,
  createMailboxClient,
  HelpScoutError,
  isHelpScoutError,
} from "../src/index.js";
import { ACCESS_TOKEN, customerRef } from "./fixtures/conversations.js";
import { API, server, useMswServer } from "./msw/server.js";

useMswServer();

// Error mapping alone: the default retry and throttle are tested in defaults.test.ts.
const mailbox = createMailboxClient({ accessToken: ACCESS_TOKEN, retry: false, throttle: false });

type VndError = components["schemas"]["VndError"];

async function thrownBy(call: () => Promise<unknown>): Promise<HelpScoutError> {
  try {
    await call();
  } catch (error) {
    if (isHelpScoutError(error)) return error;
    throw error;
  }
  throw new Error("expected the call to throw a HelpScoutError");
}

const getConversation = () =>
  mailbox.GET("/v2/conversations/{conversationId}", { params: { path: { conversationId: 10 } } });

describe("error answers become HelpScoutError", () => {
  it("400 vnd.error: fieldErrors, logRef and message from the body", async () => {
    const body = {
      logRef: "8d4f8c9e-0b2c-4d52-9b7d-1c2b3a4d5e6f",
      message: "Bad request",
      _embedded: {
        errors: [
          {
            path: "subject",
            message: "may not be empty",
            rejectedValue: "",
            source: "JSON",
            _links: {
              about: {
                href: "https://developer.helpscout.com/mailbox-api/overview/errors#NotEmpty",
              },
            },
          },
          {
            path: "status",
            message: "must be one of: active, closed, pending",
            rejectedValue: "resolved",
            source: "JSON",
            _links: {
              about: {
                href: "https://developer.helpscout.com/mailbox-api/overview/errors#EnumValue",
              },
            },
          },
        ],
      },
      _links: { about: { href: "https://developer.helpscout.com/mailbox-api/overview/errors" } },
    } satisfies VndError;
    server.use(
      http.post(`${API}/v2/conversations`, () =>
        HttpResponse.json(body, {
          status: 400,
          headers: { "Correlation-ID": "c0ffee00-1234-4abc-9def-000000000001" },
        }),
      ),
    );

    const error = await thrownBy(() =>
      mailbox.POST("/v2/conversations", {
        body: {
          subject: "",
          type: "email",
          mailboxId: 85,
          status: "active",
          customer: customerRef(),
          threads: [{ type: "customer", customer: customerRef(), text: "Hello" }],
        },
      }),
    );

    expect(error).toBeInstanceOf(HelpScoutError);
    expect(error.code).toBe("bad_request");
    expect(error.status).toBe(400);
    expect(error.logRef).toBe("8d4f8c9e-0b2c-4d52-9b7d-1c2b3a4d5e6f");
    expect(error.correlationId).toBe("c0ffee00-1234-4abc-9def-000000000001");
    expect(error.fieldErrors).toEqual([
      { path: "subject", message: "may not be empty", rejectedValue: "", source: "JSON" },
      {
        path: "status",
        message: "must be one of: active, closed, pending",
        rejectedValue: "resolved",
        source: "JSON",
      },
    ]);
    expect(error.request).toEqual({ method: "POST", url: `${API}/v2/conversations` });
    expect(error.message).toContain("POST https://api.helpscout.net/v2/conversations answered 400");
    expect(error.message).toContain("Bad request");
    expect(error.message).toContain("8d4f8c9e-0b2c-4d52-9b7d-1c2b3a4d5e6f");
  });

  it.each([
    [401, "unauthorized", "Unauthorized"],
    [403, "forbidden", "Access denied"],
    [404, "not_found", "Not Found"],
    [500, "server_error", "Internal server error"],
    [503, "service_unavailable", "Service unavailable"],
  ])("%i → code %s", async (status, code, message) => {
    server.use(
      http.get(`${API}/v2/conversations/10`, () =>
        HttpResponse.json({ logRef: `ref-${status}`, message } satisfies VndError, { status }),
      ),
    );

    const error = await thrownBy(getConversation);

    expect(error).toBeInstanceOf(HelpScoutError);
    expect({ status: error.status, code: error.code, logRef: error.logRef }).toEqual({
      status,
      code,
      logRef: `ref-${status}`,
    });
    expect(error.request).toEqual({ method: "GET", url: `${API}/v2/conversations/10` });
    expect(error.message).toContain(message);
  });

  it("412 when a thread would exceed the conversation's thread limit", async () => {
    server.use(
      http.post(`${API}/v2/conversations/10/notes`, () =>
        HttpResponse.json(
          {
            logRef: "ref-412",
            message: "Conversation has reached the maximum number of threads",
          } satisfies VndError,
          { status: 412 },
        ),
      ),
    );

    const error = await thrownBy(() =>
      mailbox.POST("/v2/conversations/{conversationId}/notes", {
        params: { path: { conversationId: 10 } },
        body: { text: "One note too many" },
      }),
    );

    expect(error.status).toBe(412);
    expect(error.code).toBe("precondition_failed");
    expect(error.message).toContain("maximum number of threads");
  });

  it("429 carries how long to wait from X-RateLimit-Retry-After", async () => {
    server.use(
      http.get(`${API}/v2/conversations/10`, () =>
        HttpResponse.json({ message: "Too many requests" } satisfies VndError, {
          status: 429,
          headers: {
            "X-RateLimit-Limit-Minute": "200",
            "X-RateLimit-Remaining-Minute": "0",
            "X-RateLimit-Retry-After": "12",
          },
        }),
      ),
    );

    const error = await thrownBy(getConversation);

    expect(error.status).toBe(429);
    expect(error.code).toBe("rate_limited");
    expect(error.retryAfterMs).toBe(12_000);
  });

  it("a request that gets no answer throws network_error", async () => {
    server.use(http.get(`${API}/v2/conversations/10`, () => HttpResponse.error()));

    const error = await thrownBy(getConversation);

    expect(error.code).toBe("network_error");
    expect(error.status).toBeUndefined();
    expect(error.request).toEqual({ method: "GET", url: `${API}/v2/conversations/10` });
  });
});

describe("the access token never leaks into an error", () => {
  it("is scrubbed from the message, JSON.stringify and util.inspect even when echoed back", async () => {
    server.use(
      http.get(`${API}/v2/conversations/10`, () =>
        HttpResponse.json(
          {
            logRef: "ref-401",
            message: `Invalid token ${ACCESS_TOKEN}`,
            _embedded: {
              errors: [{ path: "authorization", message: `Bearer ${ACCESS_TOKEN} has expired` }],
            },
          } satisfies VndError,
          { status: 401 },
        ),
      ),
    );

    const error = await thrownBy(getConversation);

    expect(error.code).toBe("unauthorized");
    expect(error.message).toContain("Invalid token [REDACTED]");
    expect(error.message).not.toContain(ACCESS_TOKEN);
    expect(JSON.stringify(error)).not.toContain(ACCESS_TOKEN);
    expect(inspect(error, { depth: Number.POSITIVE_INFINITY })).not.toContain(ACCESS_TOKEN);
    expect(error.fieldErrors).toEqual([
      { path: "authorization", message: "Bearer [REDACTED] has expired" },
    ]);
  });

  it("is absent from every error of a plain failure", async () => {
    server.use(
      http.get(`${API}/v2/conversations/10`, () =>
        HttpResponse.json({ message: "Internal server error" } satisfies VndError, { status: 500 }),
      ),
    );

    const error = await thrownBy(getConversation);

    for (const shown of [error.message, JSON.stringify(error), inspect(error, { depth: 10 })]) {
      expect(shown).not.toContain(ACCESS_TOKEN);
    }
  });
});
