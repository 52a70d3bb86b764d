import { inspect } from "node:util";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { MemoryConnectionStore, Terapi } from "../src/index.js";
import { CLIENT, oauthConnection, setup, T0, tokenEndpoint } from "./fixtures.js";
import { server, useMswServer } from "./msw/server.js";

useMswServer();

const AUTHORIZE = "https://secure.helpscout.net/authentication/authorizeClientApplication";

/** Every way an error could show a secret. */
const views = (error: unknown) => [
  (error as Error).message,
  JSON.stringify(error),
  inspect(error, { depth: 5 }),
];

describe("authorizationUrl", () => {
  it("points at Help Scout's consent screen with client_id and a fresh 32-byte state", async () => {
    const { terapi, store } = setup();
    const { url, state } = await terapi.authorizationUrl("helpscout-mailbox", "acme");
    const parsed = new URL(url);
    expect(`${parsed.origin}${parsed.pathname}`).toBe(AUTHORIZE);
    expect(parsed.searchParams.get("client_id")).toBe(CLIENT.clientId);
    expect(parsed.searchParams.get("state")).toBe(state);
    expect(Buffer.from(state, "base64url")).toHaveLength(32);
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await terapi.authorizationUrl("helpscout-mailbox", "acme")).state).not.toBe(state);
    expect(await store.takeState(state)).toEqual({
      providerConfigKey: "helpscout-mailbox",
      connectionId: "acme",
      expiresAt: T0 + 10 * 60_000,
    });
  });

  it("needs a client id and a provider with a consent screen", async () => {
    const terapi = new Terapi({ store: new MemoryConnectionStore() });
    await expect(terapi.authorizationUrl("helpscout-mailbox", "acme")).rejects.toMatchObject({
      code: "configuration_error",
    });
    await expect(terapi.authorizationUrl("helpscout-docs", "acme")).rejects.toMatchObject({
      code: "configuration_error",
    });
  });
});

describe("handleCallback", () => {
  it("exchanges the code with a form-encoded body and stores the connection", async () => {
    const { terapi, store } = setup();
    const { state } = await terapi.authorizationUrl("helpscout-mailbox", "acme");
    const calls = tokenEndpoint(() => ({
      body: {
        access_token: "at-1",
        refresh_token: "rt-1",
        expires_in: 172_800,
        token_type: "bearer",
      },
    }));
    const connection = await terapi.handleCallback("helpscout-mailbox", {
      code: "the-code",
      state,
    });
    expect(calls).toEqual([
      {
        contentType: "application/x-www-form-urlencoded",
        params: {
          grant_type: "authorization_code",
          code: "the-code",
          client_id: CLIENT.clientId,
          client_secret: CLIENT.clientSecret,
        },
      },
    ]);
    expect(connection).toMatchObject({
      providerConfigKey: "helpscout-mailbox",
      connectionId: "acme",
      credentials: {
        type: "OAUTH2",
        accessToken: "at-1",
        refreshToken: "rt-1",
        expiresAt: new Date(T0 + 172_800_000).toISOString(),
      },
    });
    expect(
      await store.get({ providerConfigKey: "helpscout-mailbox", connectionId: "acme" }),
    ).toEqual(connection);
  });

  it("clears needsReauthorization when the user authorises again", async () => {
    const { terapi, store } = setup();
    await store.put({ ...oauthConnection(0), needsReauthorization: true });
    const { state } = await terapi.authorizationUrl("helpscout-mailbox", "acme");
    tokenEndpoint();
    const connection = await terapi.handleCallback("helpscout-mailbox", { code: "c-2", state });
    expect(connection.needsReauthorization).toBeUndefined();
    expect(connection.createdAt).toBe(oauthConnection(0).createdAt);
    await expect(terapi.getConnection("helpscout-mailbox", "acme")).resolves.toBeDefined();
  });

  it("refuses an unknown, reused, expired or foreign state without a token request", async () => {
    const { terapi, clock } = setup();
    const calls = tokenEndpoint();
    const refuse = (key: string, state: string) =>
      expect(terapi.handleCallback(key, { code: "the-code", state })).rejects.toMatchObject({
        code: "oauth_state_invalid",
      });
    await refuse("helpscout-mailbox", "made-up-state");
    await refuse("helpscout-mailbox", "");

    const used = await terapi.authorizationUrl("helpscout-mailbox", "acme");
    await terapi.handleCallback("helpscout-mailbox", { code: "the-code", state: used.state });
    await refuse("helpscout-mailbox", used.state);

    const late = await terapi.authorizationUrl("helpscout-mailbox", "acme", { ttlMs: 1000 });
    clock.now += 1000;
    await refuse("helpscout-mailbox", late.state);

    const foreign = await terapi.authorizationUrl("helpscout-mailbox", "acme");
    await refuse("helpscout-docs", foreign.state);
    expect(calls).toHaveLength(1); // only the one valid callback
  });

  it("keeps the client secret and the code out of a refused exchange's error", async () => {
    const { terapi } = setup();
    const { state } = await terapi.authorizationUrl("helpscout-mailbox", "acme");
    tokenEndpoint(() => ({
      status: 400,
      body: {
        error: "invalid_grant",
        error_description: `code the-secret-code for ${CLIENT.clientSecret} expired`,
      },
    }));
    const error = await terapi
      .handleCallback("helpscout-mailbox", { code: "the-secret-code", state })
      .catch((e) => e);
    expect(error).toMatchObject({ name: "HelpScoutError", code: "bad_request", status: 400 });
    expect(error.message).toContain("invalid_grant");
    for (const text of views(error)) {
      expect(text).not.toContain("the-secret-code");
      expect(text).not.toContain(CLIENT.clientSecret);
    }
  });
});

describe("clientCredentials", () => {
  it("runs the grant and stores an OAUTH2_CC connection", async () => {
    const { terapi, store } = setup();
    const calls = tokenEndpoint(() => ({
      body: { access_token: "cc-token", expires_in: 172_800 },
    }));
    const connection = await terapi.clientCredentials("helpscout-mailbox", "internal");
    expect(calls[0]?.params).toEqual({
      grant_type: "client_credentials",
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
    });
    expect(connection.credentials).toEqual({
      type: "OAUTH2_CC",
      accessToken: "cc-token",
      expiresAt: new Date(T0 + 172_800_000).toISOString(),
    });
    expect(await store.list()).toEqual([connection]);
  });

  it("needs a client secret", async () => {
    const terapi = new Terapi({
      store: new MemoryConnectionStore(),
      integrations: { "helpscout-mailbox": { clientId: "id-only" } },
    });
    await expect(terapi.clientCredentials("helpscout-mailbox", "x")).rejects.toMatchObject({
      code: "configuration_error",
    });
  });

  it("sends JSON to a provider that wants it and falls back to its token lifetime", async () => {
    let seen: { type: string | null; body: unknown } | undefined;
    server.use(
      http.post("https://auth.example.test/token", async ({ request }) => {
        seen = { type: request.headers.get("content-type"), body: await request.json() };
        return HttpResponse.json({ access_token: "json-token" });
      }),
    );
    const terapi = new Terapi({
      store: new MemoryConnectionStore(),
      integrations: { example: CLIENT },
      providers: {
        example: {
          authMode: "OAUTH2_CC",
          baseUrl: "https://api.example.test",
          tokenUrl: "https://auth.example.test/token",
          tokenRequestEncoding: "json",
          tokenLifetimeSeconds: 60,
        },
      },
      now: () => T0,
    });
    const connection = await terapi.clientCredentials("example", "me");
    expect(seen).toEqual({
      type: "application/json",
      body: {
        grant_type: "client_credentials",
        client_id: CLIENT.clientId,
        client_secret: CLIENT.clientSecret,
      },
    });
    expect(connection.credentials).toMatchObject({
      expiresAt: new Date(T0 + 60_000).toISOString(),
    });
  });

  it("reports a bad client and an answer without a token, secret-free", async () => {
    const { terapi } = setup();
    tokenEndpoint(() => ({
      status: 401,
      body: { error: "invalid_client", error_description: `unknown secret ${CLIENT.clientSecret}` },
    }));
    const refused = await terapi.clientCredentials("helpscout-mailbox", "x").catch((e) => e);
    expect(refused).toMatchObject({ code: "unauthorized", status: 401 });
    expect(refused.message).toMatch(/invalid_client.*clientSecret/);
    tokenEndpoint(() => ({ body: { token_type: "bearer", refresh_token: "leaky-refresh-token" } }));
    const empty = await terapi.clientCredentials("helpscout-mailbox", "x").catch((e) => e);
    expect(empty).toMatchObject({ code: "invalid_response" });
    for (const text of [...views(refused), ...views(empty)]) {
      expect(text).not.toContain(CLIENT.clientSecret);
      expect(text).not.toContain("leaky-refresh-token");
    }
  });

  it("turns a network failure into a secret-free network_error", async () => {
    const { terapi } = setup();
    server.use(http.post("https://api.helpscout.net/v2/oauth2/token", () => HttpResponse.error()));
    const error = await terapi.clientCredentials("helpscout-mailbox", "x").catch((e) => e);
    expect(error).toMatchObject({ name: "HelpScoutError", code: "network_error" });
    for (const text of views(error)) expect(text).not.toContain(CLIENT.clientSecret);
  });
});
