import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { type Connection, MemoryConnectionStore, Terapi } from "../src/index.js";
import { CLIENT, oauthConnection, setup, T0, tokenEndpoint } from "./fixtures.js";
import { useMswServer } from "./msw/server.js";

useMswServer();

const MIN = 60_000;
const key = { providerConfigKey: "helpscout-mailbox", connectionId: "acme" };

describe("Terapi.getConnection", () => {
  it("returns a token that is fresh beyond the margin without a token request", async () => {
    const { store, terapi } = setup();
    await store.put(oauthConnection(16 * MIN));
    const calls = tokenEndpoint();
    const got = await terapi.getConnection("helpscout-mailbox", "acme");
    expect(got.credentials).toMatchObject({ accessToken: "old-access-token" });
    expect(calls).toHaveLength(0);
  });

  it("refreshes a token within the 15-minute margin and stores it", async () => {
    const { store, terapi } = setup();
    await store.put(oauthConnection(14 * MIN));
    const calls = tokenEndpoint();
    const got = await terapi.getConnection("helpscout-mailbox", "acme");
    expect(calls.map((c) => c.params)).toEqual([
      {
        grant_type: "refresh_token",
        refresh_token: "old-refresh-token",
        client_id: CLIENT.clientId,
        client_secret: CLIENT.clientSecret,
      },
    ]);
    expect(got.credentials).toEqual({
      type: "OAUTH2",
      accessToken: "new-access-token",
      refreshToken: "old-refresh-token",
      expiresAt: new Date(T0 + 172_800_000).toISOString(),
    });
    expect(await store.get(key)).toEqual(got);
  });

  it("refreshes an expired token and honours a custom margin", async () => {
    const { store, terapi, clock } = setup({ refreshMarginMs: MIN });
    await store.put(oauthConnection(2 * MIN));
    const calls = tokenEndpoint();
    await terapi.getConnection("helpscout-mailbox", "acme");
    expect(calls).toHaveLength(0);
    clock.now += 61 * MIN;
    await terapi.getConnection("helpscout-mailbox", "acme");
    expect(calls).toHaveLength(1);
  });

  it("persists a rotated refresh token before returning the connection", async () => {
    const events: string[] = [];
    class SlowStore extends MemoryConnectionStore {
      override async put(connection: Connection): Promise<void> {
        await new Promise((resolve) => setTimeout(resolve, 20));
        await super.put(connection);
        if (connection.credentials.type === "OAUTH2") {
          events.push(`put ${connection.credentials.refreshToken}`);
        }
      }
    }
    const store = new SlowStore();
    const terapi = new Terapi({
      store,
      integrations: { "helpscout-mailbox": CLIENT },
      now: () => T0,
    });
    await store.put(oauthConnection(MIN));
    events.length = 0;
    tokenEndpoint(() => ({
      body: { access_token: "at-2", refresh_token: "rotated-refresh-token", expires_in: 7200 },
    }));
    const got = await terapi.getConnection("helpscout-mailbox", "acme");
    events.push("returned");
    expect(events).toEqual(["put rotated-refresh-token", "returned"]);
    expect(got.credentials).toMatchObject({ refreshToken: "rotated-refresh-token" });
    expect((await store.get(key))?.credentials).toMatchObject({
      refreshToken: "rotated-refresh-token",
      expiresAt: new Date(T0 + 7_200_000).toISOString(),
    });
  });

  it("makes 500 concurrent callers at expiry share exactly one token request", async () => {
    const { store, terapi } = setup();
    await store.put(oauthConnection(0));
    const calls = tokenEndpoint();
    const all = await Promise.all(
      Array.from({ length: 500 }, () => terapi.getConnection("helpscout-mailbox", "acme")),
    );
    expect(calls).toHaveLength(1);
    expect(new Set(all.map((c) => (c.credentials as { accessToken: string }).accessToken))).toEqual(
      new Set(["new-access-token"]),
    );
  });

  it("lets a second process sharing the store pick up the first one's token", async () => {
    const { store, terapi } = setup();
    const other = new Terapi({
      store,
      integrations: { "helpscout-mailbox": CLIENT },
      now: () => T0,
    });
    await store.put(oauthConnection(0));
    const calls = tokenEndpoint();
    const [a, b] = await Promise.all([
      terapi.getConnection("helpscout-mailbox", "acme"),
      other.getConnection("helpscout-mailbox", "acme"),
    ]);
    expect(calls).toHaveLength(1);
    expect(a.credentials).toEqual(b.credentials);
  });

  it("marks invalid_grant as needing reauthorization and stops calling the token endpoint", async () => {
    const { store, terapi } = setup();
    await store.put(oauthConnection(0));
    const calls = tokenEndpoint(() => ({
      status: 400,
      body: {
        error: "invalid_grant",
        error_description: "refresh token old-refresh-token revoked",
      },
    }));
    const first = await terapi.getConnection("helpscout-mailbox", "acme").catch((e) => e);
    expect(first).toMatchObject({ name: "HelpScoutError", code: "needs_reauthorization" });
    expect(first.message).toContain("invalid_grant");
    for (const text of [first.message, JSON.stringify(first), inspect(first)]) {
      expect(text).not.toContain("old-refresh-token");
      expect(text).not.toContain(CLIENT.clientSecret);
    }
    expect((await store.get(key))?.needsReauthorization).toBe(true);
    const second = await terapi.getConnection("helpscout-mailbox", "acme").catch((e) => e);
    expect(second).toMatchObject({ code: "needs_reauthorization" });
    expect(calls).toHaveLength(1);
  });

  it("also treats a 401 invalid_grant as final", async () => {
    const { store, terapi } = setup();
    await store.put(oauthConnection(0));
    tokenEndpoint(() => ({ status: 401, body: { error: "invalid_grant" } }));
    await expect(terapi.getConnection("helpscout-mailbox", "acme")).rejects.toMatchObject({
      code: "needs_reauthorization",
    });
  });

  it("does not mark the connection on other failures, so the next call tries again", async () => {
    const { store, terapi } = setup();
    await store.put(oauthConnection(0));
    let status = 503;
    const calls = tokenEndpoint(() =>
      status === 503
        ? { status, body: { error: "temporarily_unavailable" } }
        : { body: { access_token: "after-outage", expires_in: 3600 } },
    );
    await expect(terapi.getConnection("helpscout-mailbox", "acme")).rejects.toMatchObject({
      code: "service_unavailable",
      status: 503,
    });
    expect((await store.get(key))?.needsReauthorization).toBeUndefined();
    status = 200;
    const got = await terapi.getConnection("helpscout-mailbox", "acme");
    expect(got.credentials).toMatchObject({ accessToken: "after-outage" });
    expect(calls).toHaveLength(2);
  });

  it("renews a client-credentials connection by running the grant again", async () => {
    const { store, terapi } = setup();
    await store.put({
      ...oauthConnection(0),
      credentials: {
        type: "OAUTH2_CC",
        accessToken: "cc-1",
        expiresAt: new Date(T0).toISOString(),
      },
    });
    const calls = tokenEndpoint(() => ({ body: { access_token: "cc-2", expires_in: 172_800 } }));
    const got = await terapi.getConnection("helpscout-mailbox", "acme");
    expect(calls[0]?.params).toEqual({
      grant_type: "client_credentials",
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
    });
    expect(got.credentials).toMatchObject({ type: "OAUTH2_CC", accessToken: "cc-2" });
  });

  it("renews after invalidate() even when the token is not stale", async () => {
    const { store, terapi } = setup();
    await store.put(oauthConnection(60 * MIN));
    const calls = tokenEndpoint();
    terapi.invalidate("helpscout-mailbox", "acme", "some-token-replaced-meanwhile");
    await terapi.getConnection("helpscout-mailbox", "acme");
    expect(calls).toHaveLength(0);
    terapi.invalidate("helpscout-mailbox", "acme", "old-access-token");
    await terapi.getConnection("helpscout-mailbox", "acme");
    await terapi.getConnection("helpscout-mailbox", "acme");
    expect(calls).toHaveLength(1);
  });

  it("throws connection_not_found for an unknown connection", async () => {
    const { terapi } = setup();
    await expect(terapi.getConnection("helpscout-mailbox", "nobody")).rejects.toMatchObject({
      name: "HelpScoutError",
      code: "connection_not_found",
    });
  });
});

describe("Terapi connections and providers", () => {
  it("stores, lists and deletes an API-key connection returned as is", async () => {
    const { terapi } = setup();
    await terapi.createApiKeyConnection("helpscout-docs", "acme", "docs-api-key-1");
    const got = await terapi.getConnection("helpscout-docs", "acme");
    expect(got.credentials).toEqual({ type: "API_KEY", apiKey: "docs-api-key-1" });
    terapi.invalidate("helpscout-docs", "acme");
    expect((await terapi.getConnection("helpscout-docs", "acme")).credentials).toEqual(
      got.credentials,
    );
    expect((await terapi.listConnections("helpscout-docs")).map((c) => c.connectionId)).toEqual([
      "acme",
    ]);
    expect(await terapi.deleteConnection("helpscout-docs", "acme")).toBe(true);
    expect(await terapi.listConnections()).toEqual([]);
  });

  it("refuses an API key for an OAuth provider, or an empty key", async () => {
    const { terapi } = setup();
    await expect(
      terapi.createApiKeyConnection("helpscout-mailbox", "acme", "k"),
    ).rejects.toMatchObject({ code: "configuration_error" });
    await expect(
      terapi.createApiKeyConnection("helpscout-docs", "acme", " "),
    ).rejects.toMatchObject({ code: "configuration_error" });
  });

  it("resolves providers through integrations and extra providers", () => {
    const terapi = new Terapi({
      store: new MemoryConnectionStore(),
      integrations: { "mailbox-eu": { provider: "helpscout-mailbox" } },
      providers: { custom: { authMode: "API_KEY", baseUrl: "https://example.test" } },
    });
    expect(terapi.providerOf("mailbox-eu").tokenUrl).toBe(
      "https://api.helpscout.net/v2/oauth2/token",
    );
    expect(terapi.providerOf("custom").baseUrl).toBe("https://example.test");
    for (const unknown of ["nope", "toString"]) {
      expect(() => terapi.providerOf(unknown)).toThrow(
        expect.objectContaining({ code: "configuration_error" }),
      );
    }
  });
});
