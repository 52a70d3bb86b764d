import { describe, expect, it } from "vitest";
import { createEmulator, type Emulator } from "../src/index.js";
import { SpecValidator } from "./fixtures/spec-validator.js";

const BASE = "http://emulator.test";
const START = Date.UTC(2025, 0, 15, 12, 0, 0);

function frozen(options: Parameters<typeof createEmulator>[0] = {}): Emulator {
  return createEmulator({ clock: { startAt: START, speed: 0 }, ...options });
}

function form(params: Record<string, string>): Request {
  return new Request(`${BASE}/v2/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(params).toString(),
  });
}

const credentials = {
  grant_type: "client_credentials",
  client_id: "acme-app",
  client_secret: "acme-secret",
};

async function apiStatus(emulator: Emulator, token: string): Promise<number> {
  const res = await emulator.fetch(
    new Request(`${BASE}/v2/users/me`, { headers: { authorization: `Bearer ${token}` } }),
  );
  return res.status;
}

describe("POST /v2/oauth2/token: client credentials", () => {
  it("issues a bearer token acting as the app's owner, without a refresh token", async () => {
    const emulator = frozen();
    const res = await emulator.fetch(form(credentials));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    const body = await res.json();
    expect(body).toEqual({
      token_type: "bearer",
      access_token: expect.any(String),
      expires_in: 172_800,
    });
    expect(body.access_token).toMatch(/^[0-9a-f]{40}$/);
    expect(emulator.tokens.access.get(body.access_token)).toEqual({
      accountId: "acme",
      clientId: "acme-app",
      userId: emulator.account().ownerUserId,
      expiresAt: START + 172_800_000,
    });
    expect(await apiStatus(emulator, body.access_token)).toBe(200);
  });

  it("accepts a JSON body and query parameters too, with a custom lifetime", async () => {
    const emulator = frozen({ tokenLifetimeSeconds: 60 });
    const json = await emulator.fetch(
      new Request(`${BASE}/v2/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(credentials),
      }),
    );
    expect(await json.json()).toMatchObject({ expires_in: 60 });
    const query = await emulator.fetch(
      new Request(`${BASE}/v2/oauth2/token?${new URLSearchParams(credentials)}`, {
        method: "POST",
      }),
    );
    expect(query.status).toBe(200);
    expect(emulator.tokens.access.size).toBe(2);
  });

  it("gives each account's app a token for that account", async () => {
    const emulator = frozen({ accounts: ["acme", "globex"] });
    const res = await emulator.fetch(
      form({ ...credentials, client_id: "globex-app", client_secret: "globex-secret" }),
    );
    const { access_token } = await res.json();
    expect(emulator.tokens.access.get(access_token)).toMatchObject({
      accountId: "globex",
      userId: emulator.account("globex").ownerUserId,
    });
  });

  it("refuses a wrong secret, an unknown client and missing credentials with 401 invalid_client", async () => {
    const emulator = frozen();
    for (const params of [
      { ...credentials, client_secret: "nope" },
      { ...credentials, client_id: "other-app" },
      { grant_type: "client_credentials" },
    ]) {
      const res = await emulator.fetch(form(params));
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({
        error: "invalid_client",
        error_description: expect.any(String),
      });
    }
    expect(emulator.tokens.access.size).toBe(0);
  });

  it("answers 400 for a missing or unknown grant type and a malformed body", async () => {
    const emulator = frozen();
    const missing = await emulator.fetch(
      form({ client_id: "acme-app", client_secret: "acme-secret" }),
    );
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: "invalid_request" });
    const unknown = await emulator.fetch(form({ ...credentials, grant_type: "password" }));
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: "unsupported_grant_type" });
    const malformed = await emulator.fetch(
      new Request(`${BASE}/v2/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{not json",
      }),
    );
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: "invalid_request" });
  });
});

describe("token endpoint answers", () => {
  it("validate against the Mailbox spec", async () => {
    const spec = new SpecValidator("helpscout-mailbox");
    const emulator = frozen();
    for (const [params, status] of [
      [credentials, 200],
      [{ ...credentials, grant_type: "password" }, 400],
      [{ ...credentials, client_secret: "nope" }, 401],
    ] as const) {
      const res = await emulator.fetch(form(params));
      expect(res.status).toBe(status);
      expect(spec.errors("POST", "/v2/oauth2/token", status, await res.json())).toEqual([]);
    }
  });
});

describe("access tokens on the API routes", () => {
  it("stop working once the emulated clock passes their expiry", async () => {
    const emulator = frozen();
    const { access_token } = await (await emulator.fetch(form(credentials))).json();
    emulator.clock.advance(172_800_000 - 1000);
    expect(await apiStatus(emulator, access_token)).toBe(200);
    emulator.clock.advance(1000);
    const res = await emulator.fetch(
      new Request(`${BASE}/v2/users/me`, { headers: { authorization: `Bearer ${access_token}` } }),
    );
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toContain("application/vnd.error+json");
    expect(await res.json()).toMatchObject({ message: "Token expired" });
  });

  it("are refused when made up", async () => {
    const emulator = frozen();
    expect(await apiStatus(emulator, "0123456789abcdef")).toBe(401);
  });
});
