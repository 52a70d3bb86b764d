import { HttpResponse, http } from "msw";
import { type Connection, MemoryConnectionStore, Terapi } from "../src/index.js";
import { server, TOKEN_URL } from "./msw/server.js";

/** The OAuth app of the tests; the secret must never show up in an error. */
export const CLIENT = { clientId: "app-id-1234", clientSecret: "s3cr3t-client-secret" };

/** 2026-03-01T00:00:00Z, the tests' "now". */
export const T0 = Date.parse("2026-03-01T00:00:00Z");

/** A Terapi over a fresh memory store with a hand-driven clock. */
export function setup(options: { refreshMarginMs?: number } = {}) {
  const clock = { now: T0 };
  const store = new MemoryConnectionStore({ now: () => clock.now });
  const terapi = new Terapi({
    store,
    integrations: { "helpscout-mailbox": CLIENT },
    now: () => clock.now,
    ...options,
  });
  return { store, clock, terapi };
}

/** An authorization-code connection whose token expires `expiresInMs` after {@link T0}. */
export function oauthConnection(expiresInMs: number, connectionId = "acme"): Connection {
  return {
    providerConfigKey: "helpscout-mailbox",
    connectionId,
    credentials: {
      type: "OAUTH2",
      accessToken: "old-access-token",
      refreshToken: "old-refresh-token",
      expiresAt: new Date(T0 + expiresInMs).toISOString(),
    },
    createdAt: new Date(T0 - 86_400_000).toISOString(),
    updatedAt: new Date(T0 - 86_400_000).toISOString(),
  };
}

/** One request the token endpoint received. */
export interface TokenCall {
  contentType: string | null;
  params: Record<string, string>;
}

/**
 * Serves the token endpoint with `answer` (a JSON body and status) and records every request.
 */
export function tokenEndpoint(
  answer: (call: TokenCall) => { status?: number; body: Record<string, unknown> } = () => ({
    body: { access_token: "new-access-token", expires_in: 172_800, token_type: "bearer" },
  }),
): TokenCall[] {
  const calls: TokenCall[] = [];
  server.use(
    http.post(TOKEN_URL, async ({ request }) => {
      const call: TokenCall = {
        contentType: request.headers.get("content-type"),
        params: Object.fromEntries(new URLSearchParams(await request.text())),
      };
      calls.push(call);
      const { status = 200, body } = answer(call);
      return HttpResponse.json(body, { status });
    }),
  );
  return calls;
}
