import { randomUUID } from "node:crypto";
import { type Context, Hono } from "hono";
import type { EmulatorContext, EmulatorEnv } from "../types.js";
import { consentRoutes } from "./consent.js";
import { findClient, type Grant, issueTokens } from "./tokens.js";

type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unsupported_grant_type";

/**
 * Help Scout's OAuth 2.0: the token endpoint `POST /v2/oauth2/token` (client credentials,
 * authorization code and refresh grants; parameters as JSON, form body or query string) and the
 * consent step `GET /authentication/authorizeClientApplication` (see {@link consentRoutes}).
 * Tokens are random, expire on the emulator's clock, and refresh tokens rotate on use.
 */
export function oauthRoutes(emulator: EmulatorContext): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  app.route("/", consentRoutes(emulator));
  app.post("/v2/oauth2/token", async (c) => {
    const params = await tokenParams(c);
    if (!params) return oauthError(c, 400, "invalid_request", "The request body is not valid.");
    const grantType = params.get("grant_type");
    if (!grantType) return oauthError(c, 400, "invalid_request", "grant_type is required.");
    if (!["client_credentials", "authorization_code", "refresh_token"].includes(grantType)) {
      return oauthError(c, 400, "unsupported_grant_type", `Unsupported grant_type ${grantType}.`);
    }
    const clientId = params.get("client_id");
    const clientSecret = params.get("client_secret");
    const account =
      clientId && clientSecret ? findClient(emulator, clientId, clientSecret) : undefined;
    if (!clientId || !account) {
      return oauthError(c, 401, "invalid_client", "Unknown client or wrong client secret.");
    }
    const { tokens, clock } = emulator;
    let grant: Grant;
    if (grantType === "client_credentials") {
      grant = { accountId: account.id, clientId, userId: account.ownerUserId };
      return tokenAnswer(c, issueTokens(emulator, grant, false));
    }
    if (grantType === "authorization_code") {
      const code = params.get("code");
      if (!code) return oauthError(c, 400, "invalid_request", "code is required.");
      const issued = tokens.codes.get(code);
      tokens.codes.delete(code);
      if (!issued || issued.clientId !== clientId || issued.expiresAt <= clock.now()) {
        return oauthError(c, 400, "invalid_grant", "Invalid, used or expired authorization code.");
      }
      grant = { accountId: issued.accountId, clientId, userId: issued.userId };
      return tokenAnswer(c, issueTokens(emulator, grant, true));
    }
    const refreshToken = params.get("refresh_token");
    if (!refreshToken) return oauthError(c, 400, "invalid_request", "refresh_token is required.");
    const stored = tokens.refresh.get(refreshToken);
    if (!stored || stored.clientId !== clientId) {
      return oauthError(c, 400, "invalid_grant", "Invalid or revoked refresh token.");
    }
    tokens.refresh.delete(refreshToken);
    grant = { accountId: stored.accountId, clientId, userId: stored.userId };
    return tokenAnswer(c, issueTokens(emulator, grant, true));
  });
  return app;
}

/**
 * The request's parameters: the query string, overlaid with a JSON or form body when the matching
 * `Content-Type` is sent. Undefined for a malformed body.
 */
async function tokenParams(c: Context): Promise<Map<string, string> | undefined> {
  const params = new Map<string, string>(new URL(c.req.url).searchParams);
  const type = (c.req.header("content-type") ?? "").toLowerCase();
  if (type.includes("application/x-www-form-urlencoded")) {
    for (const [key, value] of new URLSearchParams(await c.req.text())) params.set(key, value);
  } else if (type.includes("application/json")) {
    const text = await c.req.text();
    if (text.trim() === "") return params;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return undefined;
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
    for (const [key, value] of Object.entries(body)) {
      if (typeof value === "string") params.set(key, value);
    }
  }
  return params;
}

function tokenAnswer(c: Context, body: object): Response {
  return c.json(body, 200, {
    "cache-control": "no-store",
    "correlation-id": randomUUID(),
  });
}

function oauthError(
  c: Context,
  status: 400 | 401,
  error: OAuthErrorCode,
  description: string,
): Response {
  return c.json({ error, error_description: description }, status, {
    "cache-control": "no-store",
    "correlation-id": randomUUID(),
  });
}
