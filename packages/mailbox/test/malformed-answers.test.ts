import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { createMailboxClient, isHelpScoutError, paginate } from "../src/index.js";
import { API, server, useMswServer } from "./msw/server.js";

useMswServer();

const mailbox = createMailboxClient({ accessToken: "token", retry: false, throttle: false });
const HAL = { "content-type": "application/hal+json" };
const page = { size: 50, totalElements: 2, totalPages: 1, number: 1 };

async function failure(call: () => Promise<unknown>): Promise<{ code?: string; message?: string }> {
  try {
    await call();
  } catch (error) {
    expect(isHelpScoutError(error), String(error)).toBe(true);
    return error as { code: string; message: string };
  }
  throw new Error("expected the call to fail");
}

const drain = async () => {
  for await (const _ of paginate(mailbox, "/v2/mailboxes")) {
    // every item
  }
};

describe("answers that are not Help Scout's JSON", () => {
  it.each([
    ["truncated JSON", () => new HttpResponse('{"id": 1, "firstN', { headers: HAL })],
    [
      "an HTML page with 200",
      () => new HttpResponse("<html>Sign in</html>", { headers: { "content-type": "text/html" } }),
    ],
    ["an empty 200", () => new HttpResponse(null, { status: 200 })],
    [
      "JSON labelled text/plain",
      () => new HttpResponse('{"id":1}', { headers: { "content-type": "text/plain" } }),
    ],
  ])("%s → invalid_response, the URL in the message", async (_name, answer) => {
    server.use(http.get(`${API}/v2/users/me`, answer));
    const error = await failure(() => mailbox.GET("/v2/users/me"));
    expect(error.code).toBe("invalid_response");
    expect(error.message).toContain("GET https://api.helpscout.net/v2/users/me answered 200");
  });

  it("leaves an empty answer to a write alone (201 without a body)", async () => {
    server.use(
      http.post(
        `${API}/v2/customers`,
        () => new HttpResponse(null, { status: 201, headers: { "resource-id": "7" } }),
      ),
    );
    const { response } = await mailbox.POST("/v2/customers", { body: { firstName: "Ada" } });
    expect(response.status).toBe(201);
  });
});

describe("HAL pages the paginator refuses instead of ending the list", () => {
  it.each([
    ["_embedded holds no list", { _embedded: { mailboxes: "not a list" }, page }],
    ["items that are not objects", { _embedded: { mailboxes: [{ id: 1 }, null] }, page }],
    ["no _embedded although page counts items", { _links: {}, page }],
  ])("%s → invalid_response", async (_name, body) => {
    server.use(http.get(`${API}/v2/mailboxes`, () => HttpResponse.json(body, { headers: HAL })));
    expect((await failure(drain)).code).toBe("invalid_response");
  });

  it("still reads an empty list, which Help Scout sends without _embedded", async () => {
    server.use(
      http.get(`${API}/v2/mailboxes`, () =>
        HttpResponse.json({
          _links: {},
          page: { size: 50, totalElements: 0, totalPages: 0, number: 1 },
        }),
      ),
    );
    await expect(drain()).resolves.toBeUndefined();
  });
});
