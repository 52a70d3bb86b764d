import { describe, expect, it } from "vitest";
import { createEmulator, type Emulator } from "../src/index.js";

const BASE = "http://emulator.test";

async function post(emulator: Emulator, path: string, body?: unknown): Promise<Response> {
  return emulator.fetch(
    new Request(`${BASE}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
}

/** An access + refresh token pair from the automated code flow. */
async function codeFlow(
  emulator: Emulator,
): Promise<{ access_token: string; refresh_token: string }> {
  const consent = await emulator.fetch(
    new Request(
      `${BASE}/authentication/authorizeClientApplication?client_id=acme-app&auto=approve`,
    ),
  );
  const code = new URL(consent.headers.get("location") ?? "").searchParams.get("code");
  const res = await post(emulator, "/v2/oauth2/token", {
    grant_type: "authorization_code",
    code,
    client_id: "acme-app",
    client_secret: "acme-secret",
  });
  return res.json();
}

function call(emulator: Emulator, token: string, path = "/v2/users/me"): Promise<Response> {
  return emulator.fetch(
    new Request(`${BASE}${path}`, { headers: { authorization: `Bearer ${token}` } }),
  );
}

async function refresh(emulator: Emulator, refresh_token: string): Promise<number> {
  const res = await post(emulator, "/v2/oauth2/token", {
    grant_type: "refresh_token",
    refresh_token,
    client_id: "acme-app",
    client_secret: "acme-secret",
  });
  return res.status;
}

describe("/_emulator token controls", () => {
  it("revokes one token: it answers 401 while others keep working", async () => {
    const emulator = createEmulator();
    const a = await codeFlow(emulator);
    const b = await codeFlow(emulator);
    const res = await post(emulator, "/_emulator/tokens/revoke", { token: a.access_token });
    expect(await res.json()).toEqual({ revoked: 1 });
    expect((await call(emulator, a.access_token)).status).toBe(401);
    expect((await call(emulator, b.access_token)).status).toBe(200);
    expect(await refresh(emulator, a.refresh_token)).toBe(200);
  });

  it("revokes every access and refresh token", async () => {
    const emulator = createEmulator();
    const a = await codeFlow(emulator);
    const res = await post(emulator, "/_emulator/tokens/revoke");
    expect(await res.json()).toEqual({ revoked: 2 });
    expect((await call(emulator, a.access_token)).status).toBe(401);
    expect(await refresh(emulator, a.refresh_token)).toBe(400);
  });

  it("expires the current access tokens; a refresh gets a working one", async () => {
    const emulator = createEmulator();
    const a = await codeFlow(emulator);
    expect(await (await post(emulator, "/_emulator/tokens/expire")).json()).toEqual({ expired: 1 });
    const expired = await call(emulator, a.access_token);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ message: "Token expired" });
    const res = await post(emulator, "/v2/oauth2/token", {
      grant_type: "refresh_token",
      refresh_token: a.refresh_token,
      client_id: "acme-app",
      client_secret: "acme-secret",
    });
    const { access_token } = await res.json();
    expect((await call(emulator, access_token)).status).toBe(200);
  });
});

describe("fault knobs", () => {
  it("answers the next force429 requests with 429 and the rate headers, then serves again", async () => {
    const emulator = createEmulator();
    const { access_token } = await codeFlow(emulator);
    await emulator.fetch(
      new Request(`${BASE}/_emulator/faults`, {
        method: "PUT",
        body: JSON.stringify({ force429: 2 }),
      }),
    );
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await call(emulator, access_token);
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers.get("x-ratelimit-retry-after")).toMatch(/^\d+/);
        expect(await res.json()).toMatchObject({ message: expect.any(String) });
      }
    }
    expect(statuses.slice(0, 2)).toEqual([429, 429]);
    expect(statuses[2]).toBe(200);
    expect(emulator.faults.force429).toBe(0);
    expect(emulator.stats.rateLimited).toBe(2);
  });

  it("answers every API request with a 5xx in each API's shape at serverErrorRatio 1", async () => {
    const emulator = createEmulator({ faults: { serverErrorRatio: 1 } });
    const mailbox = await emulator.fetch(new Request(`${BASE}/v2/conversations`));
    expect([500, 502, 503]).toContain(mailbox.status);
    expect(mailbox.headers.get("content-type")).toContain("application/vnd.error+json");
    const docs = await emulator.fetch(new Request(`${BASE}/v1/sites`));
    expect([500, 502, 503]).toContain(docs.status);
    expect(await docs.json()).toMatchObject({ status: docs.status });
    expect(emulator.stats.serverErrors).toBe(2);
    const stats = await emulator.fetch(new Request(`${BASE}/_emulator/stats`));
    expect(stats.status).toBe(200);
  });

  it("turns a reset into a network error in-process", async () => {
    const emulator = createEmulator({ faults: { resetRatio: 1 } });
    const res = await emulator.fetch(new Request(`${BASE}/v2/conversations`));
    expect(res.type).toBe("error");
    expect(emulator.stats.resets).toBe(1);
  });
});
