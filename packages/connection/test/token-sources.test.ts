import { inspect } from "node:util";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import {
  clientCredentialsTokenSource,
  connectionTokenSource,
  remoteTokenSource,
  staticTokenSource,
} from "../src/index.js";
import { CLIENT, oauthConnection, setup, T0, tokenEndpoint } from "./fixtures.js";
import { server, useMswServer } from "./msw/server.js";

useMswServer();

const MIN = 60_000;

describe("connectionTokenSource", () => {
  it("hands out the connection's token and renews it after invalidate()", async () => {
    const { terapi, store } = setup();
    await store.put(oauthConnection(60 * MIN));
    const calls = tokenEndpoint();
    const source = connectionTokenSource({
      terapi,
      providerConfigKey: "helpscout-mailbox",
      connectionId: "acme",
    });
    expect(await source.getToken()).toBe("old-access-token");
    expect(calls).toHaveLength(0);
    await source.invalidate?.();
    expect(await source.getToken()).toBe("new-access-token");
    expect(await source.getToken()).toBe("new-access-token");
    expect(calls).toHaveLength(1);
  });

  it("hands out an API key", async () => {
    const { terapi } = setup();
    await terapi.createApiKeyConnection("helpscout-docs", "acme", "docs-key");
    const source = connectionTokenSource({
      terapi,
      providerConfigKey: "helpscout-docs",
      connectionId: "acme",
    });
    expect(await source.getToken()).toBe("docs-key");
  });
});

describe("clientCredentialsTokenSource", () => {
  it("shares one grant, caches the token and renews 15 minutes before expiry", async () => {
    const clock = { now: T0 };
    let issued = 0;
    const calls = tokenEndpoint(() => ({
      body: { access_token: `cc-${++issued}`, expires_in: 3600, token_type: "bearer" },
    }));
    const source = clientCredentialsTokenSource({ ...CLIENT, now: () => clock.now });
    const first = await Promise.all(Array.from({ length: 50 }, () => source.getToken()));
    expect(new Set(first)).toEqual(new Set(["cc-1"]));
    expect(calls).toEqual([
      {
        contentType: "application/x-www-form-urlencoded",
        params: {
          grant_type: "client_credentials",
          client_id: CLIENT.clientId,
          client_secret: CLIENT.clientSecret,
        },
      },
    ]);
    clock.now += 44 * MIN;
    expect(await source.getToken()).toBe("cc-1");
    clock.now += 2 * MIN;
    expect(await source.getToken()).toBe("cc-2");
    await source.invalidate?.();
    expect(await source.getToken()).toBe("cc-3");
  });

  it("does not keep a failure: the next call asks again", async () => {
    let status = 500;
    tokenEndpoint(() => ({ status, body: status === 500 ? {} : { access_token: "ok" } }));
    const source = clientCredentialsTokenSource(CLIENT);
    const error = await source.getToken().catch((e) => e);
    expect(error).toMatchObject({ code: "server_error" });
    expect(inspect(error)).not.toContain(CLIENT.clientSecret);
    status = 200;
    expect(await source.getToken()).toBe("ok");
  });
});

describe("remoteTokenSource", () => {
  const BASE = "https://terapi.example.test";
  const SECRET = "remote-secret-key-1";

  function remote(answer: (url: URL) => { status?: number; body: Record<string, unknown> }) {
    const seen: { url: URL; authorization: string | null }[] = [];
    server.use(
      http.get(`${BASE}/connection/:connectionId`, ({ request }) => {
        const url = new URL(request.url);
        seen.push({ url, authorization: request.headers.get("authorization") });
        const { status = 200, body } = answer(url);
        return HttpResponse.json(body, { status });
      }),
    );
    return seen;
  }

  it("asks with the secret key, caches until a minute before expiry, and forces a refresh", async () => {
    const clock = { now: T0 };
    let n = 0;
    const seen = remote(() => ({
      body: {
        credentials: {
          type: "OAUTH2",
          access_token: `remote-${++n}`,
          expires_at: new Date(clock.now + 10 * MIN).toISOString(),
        },
      },
    }));
    const source = remoteTokenSource({
      baseUrl: `${BASE}/`,
      secretKey: SECRET,
      providerConfigKey: "helpscout-mailbox",
      connectionId: "acme co",
      now: () => clock.now,
    });
    expect(await Promise.all([source.getToken(), source.getToken()])).toEqual([
      "remote-1",
      "remote-1",
    ]);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url.pathname).toBe("/connection/acme%20co");
    expect(Object.fromEntries(seen[0]?.url.searchParams ?? [])).toEqual({
      provider_config_key: "helpscout-mailbox",
    });
    expect(seen[0]?.authorization).toBe(`Bearer ${SECRET}`);

    clock.now += 8 * MIN;
    expect(await source.getToken()).toBe("remote-1");
    clock.now += 1.5 * MIN;
    expect(await source.getToken()).toBe("remote-2");
    expect(seen[1]?.url.searchParams.get("force_refresh")).toBeNull();

    await source.invalidate?.();
    expect(await source.getToken()).toBe("remote-3");
    expect(seen[2]?.url.searchParams.get("force_refresh")).toBe("true");
    expect(await source.getToken()).toBe("remote-3");
    expect(seen).toHaveLength(3);
  });

  it("accepts camelCase and API keys", async () => {
    remote((url) => ({
      body:
        url.searchParams.get("provider_config_key") === "helpscout-docs"
          ? { credentials: { type: "API_KEY", apiKey: "docs-key" } }
          : { credentials: { type: "OAUTH2", accessToken: "camel", expiresAt: T0 / 1000 + 3600 } },
    }));
    const options = { baseUrl: BASE, secretKey: SECRET, connectionId: "acme", now: () => T0 };
    const docs = remoteTokenSource({ ...options, providerConfigKey: "helpscout-docs" });
    const mailbox = remoteTokenSource({ ...options, providerConfigKey: "helpscout-mailbox" });
    expect(await docs.getToken()).toBe("docs-key");
    expect(await mailbox.getToken()).toBe("camel");
  });

  it("maps failures to typed errors without the secret key", async () => {
    let status = 404;
    remote(() => ({
      status,
      body: status === 200 ? { credentials: {} } : { error: { message: `bad key ${SECRET}` } },
    }));
    const source = remoteTokenSource({
      baseUrl: BASE,
      secretKey: SECRET,
      providerConfigKey: "helpscout-mailbox",
      connectionId: "acme",
    });
    const missing = await source.getToken().catch((e) => e);
    expect(missing).toMatchObject({ code: "connection_not_found", status: 404 });
    expect(missing.message).toContain("bad key");
    status = 401;
    const denied = await source.getToken().catch((e) => e);
    expect(denied).toMatchObject({ code: "unauthorized" });
    status = 200;
    const empty = await source.getToken().catch((e) => e);
    expect(empty).toMatchObject({ code: "invalid_response" });
    for (const error of [missing, denied, empty]) {
      for (const text of [error.message, JSON.stringify(error), inspect(error)]) {
        expect(text).not.toContain(SECRET);
      }
    }
  });
});

it("re-exports staticTokenSource", async () => {
  expect(await staticTokenSource("fixed").getToken()).toBe("fixed");
});
