import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import {
  type components,
  createMailboxClient,
  MAILBOX_BASE_URL,
  type MailboxClientOptions,
} from "../src/index.js";
import { ACCESS_TOKEN, readRequest, type SentRequest } from "./fixtures/conversations.js";
import { API, server, useMswServer } from "./msw/server.js";

useMswServer();

const me = {
  id: 9865,
  firstName: "Mr",
  lastName: "Robot",
  email: "none@nowhere.com",
  role: "owner",
  timezone: "America/New_York",
  createdAt: "2017-04-21T14:39:56Z",
  updatedAt: "2017-04-21T14:39:56Z",
  type: "user",
  _links: { self: { href: `${API}/v2/users/9865` } },
} satisfies components["schemas"]["User"];

function answerMe(host: string, sent: SentRequest[]) {
  return http.get(`${host}/v2/users/me`, async ({ request }) => {
    sent.push(await readRequest(request));
    return HttpResponse.json(me);
  });
}

describe("createMailboxClient", () => {
  it("talks to https://api.helpscout.net by default", () => {
    expect(MAILBOX_BASE_URL).toBe("https://api.helpscout.net");
  });

  it("sends Authorization: Bearer <accessToken> to the Mailbox host", async () => {
    const sent: SentRequest[] = [];
    server.use(answerMe(API, sent));
    const mailbox = createMailboxClient({ accessToken: ACCESS_TOKEN });

    const { data, response } = await mailbox.GET("/v2/users/me");

    expect(response.status).toBe(200);
    expect(data).toEqual(me);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.method).toBe("GET");
    expect(sent[0]?.url.href).toBe("https://api.helpscout.net/v2/users/me");
    expect(sent[0]?.headers.get("authorization")).toBe(`Bearer ${ACCESS_TOKEN}`);
  });

  it("asks the token source on every request, so a refreshed token is used", async () => {
    const sent: SentRequest[] = [];
    server.use(answerMe(API, sent));
    const tokens = ["token-before-refresh", "token-after-refresh"];
    let asked = 0;
    const mailbox = createMailboxClient({
      tokenSource: { getToken: async () => tokens[asked++] ?? "no-more-tokens" },
    });

    await mailbox.GET("/v2/users/me");
    await mailbox.GET("/v2/users/me");

    expect(asked).toBe(2);
    expect(sent.map((request) => request.headers.get("authorization"))).toEqual([
      "Bearer token-before-refresh",
      "Bearer token-after-refresh",
    ]);
  });

  it("sends every request to baseUrl when one is given", async () => {
    const local: SentRequest[] = [];
    const real: SentRequest[] = [];
    server.use(answerMe("http://127.0.0.1:9999", local), answerMe(API, real));
    const mailbox = createMailboxClient({
      accessToken: ACCESS_TOKEN,
      baseUrl: "http://127.0.0.1:9999",
    });

    const { data } = await mailbox.GET("/v2/users/me");

    expect(data?.email).toBe("none@nowhere.com");
    expect(local.map((request) => request.url.href)).toEqual(["http://127.0.0.1:9999/v2/users/me"]);
    expect(local[0]?.headers.get("authorization")).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(real).toEqual([]);
  });

  it("throws a TypeError naming both options when neither credential is given", () => {
    const noCredentials = {} as MailboxClientOptions;
    expect(() => createMailboxClient(noCredentials)).toThrow(TypeError);
    expect(() => createMailboxClient(noCredentials)).toThrow(
      "pass one of `accessToken`, `tokenSource` or `connection` to createMailboxClient",
    );
  });

  it("rejects an empty access token before any request", () => {
    expect(() => createMailboxClient({ accessToken: "" })).toThrow(TypeError);
  });
});
