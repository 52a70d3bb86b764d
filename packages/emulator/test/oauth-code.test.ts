import { describe, expect, it } from "vitest";
import { CODE_LIFETIME_MS, createEmulator, type Emulator } from "../src/index.js";

const BASE = "http://emulator.test";
const AUTHORIZE = `${BASE}/authentication/authorizeClientApplication`;
const app = { client_id: "acme-app", client_secret: "acme-secret" };

function frozen(accounts?: string[]): Emulator {
  return createEmulator({
    clock: { startAt: Date.UTC(2025, 0, 1), speed: 0 },
    ...(accounts ? { accounts } : {}),
  });
}

/** Runs the automated consent step and returns the redirect's URL. */
async function consent(
  emulator: Emulator,
  query: Record<string, string>,
  init?: RequestInit,
): Promise<URL> {
  const res = await emulator.fetch(new Request(`${AUTHORIZE}?${new URLSearchParams(query)}`, init));
  expect(res.status).toBe(302);
  return new URL(res.headers.get("location") ?? "");
}

async function token(emulator: Emulator, params: Record<string, string>) {
  const res = await emulator.fetch(
    new Request(`${BASE}/v2/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...app, ...params }),
    }),
  );
  return { status: res.status, body: await res.json() };
}

describe("consent step", () => {
  it("redirects with a code and the state when auto-approved", async () => {
    const emulator = frozen();
    const target = await consent(emulator, {
      client_id: "acme-app",
      state: "xyz 1",
      auto: "approve",
    });
    expect(`${target.origin}${target.pathname}`).toBe("http://127.0.0.1/callback");
    expect(target.searchParams.get("state")).toBe("xyz 1");
    expect(target.searchParams.get("code")).toMatch(/^[0-9a-f]{40}$/);
  });

  it("honours the X-Emulator-Consent header, a query redirect_uri and a registered one", async () => {
    const emulator = frozen();
    const viaHeader = await consent(
      emulator,
      { client_id: "acme-app", redirect_uri: "https://app.example/cb?x=1" },
      { headers: { "x-emulator-consent": "approve" } },
    );
    expect(viaHeader.host).toBe("app.example");
    expect(viaHeader.searchParams.get("x")).toBe("1");
    expect(viaHeader.searchParams.has("state")).toBe(false);
    const registered = await emulator.fetch(
      new Request(`${BASE}/_emulator/accounts/acme/redirect-uri`, {
        method: "POST",
        body: JSON.stringify({ uri: "http://localhost:9999/oauth" }),
      }),
    );
    expect(registered.status).toBe(200);
    const target = await consent(emulator, { client_id: "acme-app", auto: "approve" });
    expect(`${target.origin}${target.pathname}`).toBe("http://localhost:9999/oauth");
  });

  it("shows an Approve form whose POST redirects, and a denial", async () => {
    const emulator = frozen();
    const page = await emulator.fetch(new Request(`${AUTHORIZE}?client_id=acme-app&state=s1`));
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    const html = await page.text();
    expect(html).toContain('<form method="post">');
    expect(html).toContain('value="approve"');
    const post = (decision: string) =>
      emulator.fetch(
        new Request(AUTHORIZE, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ client_id: "acme-app", state: "s1", decision }).toString(),
        }),
      );
    const approved = new URL((await post("approve")).headers.get("location") ?? "");
    expect(approved.searchParams.get("code")).toBeTruthy();
    expect(approved.searchParams.get("state")).toBe("s1");
    const denied = new URL((await post("deny")).headers.get("location") ?? "");
    expect(denied.searchParams.get("error")).toBe("access_denied");
    expect(denied.searchParams.has("code")).toBe(false);
  });

  it("refuses an unknown client and a bad redirect URI", async () => {
    const emulator = frozen();
    const unknown = await emulator.fetch(new Request(`${AUTHORIZE}?client_id=nope&auto=approve`));
    expect(unknown.status).toBe(400);
    const bad = await emulator.fetch(
      new Request(`${AUTHORIZE}?client_id=acme-app&auto=approve&redirect_uri=javascript:alert(1)`),
    );
    expect(bad.status).toBe(400);
  });
});

describe("authorization code and refresh grants", () => {
  it("exchanges a code once for access and refresh tokens", async () => {
    const emulator = frozen();
    const code =
      (await consent(emulator, { client_id: "acme-app", auto: "approve" })).searchParams.get(
        "code",
      ) ?? "";
    const first = await token(emulator, { grant_type: "authorization_code", code });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      token_type: "bearer",
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      expires_in: 172_800,
    });
    const again = await token(emulator, { grant_type: "authorization_code", code });
    expect(again).toEqual({
      status: 400,
      body: { error: "invalid_grant", error_description: expect.any(String) },
    });
  });

  it("refuses an expired code, another client's code and a missing code", async () => {
    const emulator = frozen(["acme", "globex"]);
    const codeOf = async () =>
      (await consent(emulator, { client_id: "acme-app", auto: "approve" })).searchParams.get(
        "code",
      ) ?? "";
    const late = await codeOf();
    emulator.clock.advance(CODE_LIFETIME_MS);
    expect(
      (await token(emulator, { grant_type: "authorization_code", code: late })).body.error,
    ).toBe("invalid_grant");
    const foreign = await codeOf();
    const other = await token(emulator, {
      grant_type: "authorization_code",
      code: foreign,
      client_id: "globex-app",
      client_secret: "globex-secret",
    });
    expect(other.body.error).toBe("invalid_grant");
    expect((await token(emulator, { grant_type: "authorization_code" })).body.error).toBe(
      "invalid_request",
    );
  });

  it("lets another account's owner authorize the app", async () => {
    const emulator = frozen(["acme", "globex"]);
    const target = await consent(emulator, {
      client_id: "acme-app",
      account: "globex",
      auto: "approve",
    });
    const { body } = await token(emulator, {
      grant_type: "authorization_code",
      code: target.searchParams.get("code") ?? "",
    });
    expect(emulator.tokens.access.get(body.access_token)).toMatchObject({
      accountId: "globex",
      clientId: "acme-app",
      userId: emulator.account("globex").ownerUserId,
    });
  });

  it("rotates the refresh token: the new one works, the old one is refused", async () => {
    const emulator = frozen();
    const code =
      (await consent(emulator, { client_id: "acme-app", auto: "approve" })).searchParams.get(
        "code",
      ) ?? "";
    const issued = (await token(emulator, { grant_type: "authorization_code", code })).body;
    const refreshed = await token(emulator, {
      grant_type: "refresh_token",
      refresh_token: issued.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.access_token).not.toBe(issued.access_token);
    expect(refreshed.body.refresh_token).not.toBe(issued.refresh_token);
    expect(emulator.tokens.access.get(refreshed.body.access_token)).toMatchObject({
      accountId: "acme",
    });
    const reused = await token(emulator, {
      grant_type: "refresh_token",
      refresh_token: issued.refresh_token,
    });
    expect(reused).toEqual({
      status: 400,
      body: { error: "invalid_grant", error_description: expect.any(String) },
    });
    const next = await token(emulator, {
      grant_type: "refresh_token",
      refresh_token: refreshed.body.refresh_token,
    });
    expect(next.status).toBe(200);
  });

  it("refuses a refresh by another client, an unknown refresh token and a missing one", async () => {
    const emulator = frozen(["acme", "globex"]);
    const code =
      (await consent(emulator, { client_id: "acme-app", auto: "approve" })).searchParams.get(
        "code",
      ) ?? "";
    const { refresh_token } = (await token(emulator, { grant_type: "authorization_code", code }))
      .body;
    const other = await token(emulator, {
      grant_type: "refresh_token",
      refresh_token,
      client_id: "globex-app",
      client_secret: "globex-secret",
    });
    expect(other.body.error).toBe("invalid_grant");
    expect(
      (await token(emulator, { grant_type: "refresh_token", refresh_token: "nope" })).body.error,
    ).toBe("invalid_grant");
    expect((await token(emulator, { grant_type: "refresh_token" })).body.error).toBe(
      "invalid_request",
    );
    expect((await token(emulator, { grant_type: "refresh_token", refresh_token })).status).toBe(
      200,
    );
  });
});
