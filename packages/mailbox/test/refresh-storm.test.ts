import { HELPSCOUT_PROVIDERS, MemoryConnectionStore, Terapi } from "@terapi/connection";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { createMailboxClient } from "../src/index.js";
import { API, server, useMswServer } from "./msw/server.js";

useMswServer();

const TOKEN_URL = "https://api.helpscout.net/v2/oauth2/token";

describe("a Mailbox client over a stored connection at token expiry", () => {
  it("500 concurrent requests cause exactly one refresh, and all use the new token", async () => {
    const store = new MemoryConnectionStore();
    await store.put({
      providerConfigKey: "helpscout-mailbox",
      connectionId: "acme",
      credentials: {
        type: "OAUTH2",
        accessToken: "expiring-token",
        refreshToken: "refresh-1",
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      },
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    });
    let refreshes = 0;
    const used = new Set<string | null>();
    server.use(
      http.post(TOKEN_URL, async ({ request }) => {
        const form = new URLSearchParams(await request.text());
        if (form.get("grant_type") === "refresh_token") refreshes += 1;
        await new Promise((r) => setTimeout(r, 50));
        return HttpResponse.json({
          token_type: "bearer",
          access_token: "fresh-token",
          refresh_token: "refresh-2",
          expires_in: 172_800,
        });
      }),
      http.get(`${API}/v2/users/me`, ({ request }) => {
        used.add(request.headers.get("authorization"));
        return HttpResponse.json({ id: 1, firstName: "Ada", lastName: "L", email: "a@x.test" });
      }),
    );
    const terapi = new Terapi({
      store,
      integrations: { "helpscout-mailbox": { clientId: "app", clientSecret: "secret" } },
      providers: {
        "helpscout-mailbox": HELPSCOUT_PROVIDERS["helpscout-mailbox"] ?? {
          authMode: "OAUTH2",
          baseUrl: API,
        },
      },
    });
    // The throttle is off: this test is about refresh, not about pacing 500 calls at 200/min.
    const mailbox = createMailboxClient({
      connection: { terapi, providerConfigKey: "helpscout-mailbox", connectionId: "acme" },
      throttle: false,
    });
    const answers = await Promise.all(
      Array.from({ length: 500 }, () => mailbox.GET("/v2/users/me")),
    );
    expect(answers.every((a) => a.response.status === 200)).toBe(true);
    expect(refreshes).toBe(1);
    expect([...used]).toEqual(["Bearer fresh-token"]);
    const stored = await store.get({
      providerConfigKey: "helpscout-mailbox",
      connectionId: "acme",
    });
    expect(stored?.credentials).toMatchObject({ refreshToken: "refresh-2" });
  });
});
