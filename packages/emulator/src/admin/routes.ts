import { type Context, Hono } from "hono";
import { redirectUriOf, setRedirectUri } from "../oauth/tokens.js";
import type { EmulatorContext, EmulatorEnv, Faults, RateLimits } from "../types.js";
import { simulateCustomerReplies } from "./changes.js";

/** What the admin routes need besides the state: a way to await webhook deliveries. */
export type AdminTarget = EmulatorContext & { settle(): Promise<void> };

type Body = Record<string, unknown>;

const FAULT_CHECKS: Record<keyof Faults, (value: unknown) => boolean> = {
  serverErrorRatio: (v) => typeof v === "number" && v >= 0 && v <= 1,
  resetRatio: (v) => typeof v === "number" && v >= 0 && v <= 1,
  latencyMs: (v) => typeof v === "number" && v >= 0,
  force429: (v) => Number.isInteger(v) && (v as number) >= 0,
};
const RATE_CHECKS: Record<keyof RateLimits, (value: unknown) => boolean> = {
  mailboxPerMinute: (v) => Number.isInteger(v) && (v as number) > 0,
  docsPerTenMinutes: (v) => Number.isInteger(v) && (v as number) > 0,
  enabled: (v) => typeof v === "boolean",
};

/**
 * The emulator's own control API, mounted at `/_emulator` (JSON in and out, no auth: the server
 * listens on loopback only): statistics, fault knobs, the clock, token revocation and expiry,
 * rate limits, accounts and their credentials, simulated customer activity, and a flush of
 * webhook deliveries in flight. Bad input answers `400 {error}`, an unknown account `404 {error}`.
 */
export function adminRoutes(emulator: AdminTarget): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  const { tokens, clock } = emulator;
  const clockState = () => ({ now: clock.now(), iso: clock.iso(), speed: clock.speed });

  app.get("/stats", (c) =>
    c.json({
      ...emulator.stats,
      clock: clockState(),
      tokens: { access: tokens.access.size, refresh: tokens.refresh.size },
    }),
  );
  // Per account and API: the most units asked for in one rate-limit window, and the 429s.
  app.get("/stats/accounts", (c) =>
    c.json({
      limits: {
        mailboxPerMinute: emulator.rateLimits.mailboxPerMinute,
        docsPerTenMinutes: emulator.rateLimits.docsPerTenMinutes,
      },
      accounts: [...emulator.accounts.values()].map(({ id, rate }) => ({
        id,
        mailbox: { peak: rate.mailbox.peak, rateLimited: rate.mailbox.rateLimited },
        docs: { peak: rate.docs.peak, rateLimited: rate.docs.rateLimited },
      })),
    }),
  );
  app.get("/faults", (c) => c.json(emulator.faults));
  app.put("/faults", async (c) => {
    const body = await patchBody(c, FAULT_CHECKS);
    if (typeof body === "string") return adminError(c, 400, body);
    Object.assign(emulator.faults, body);
    return c.json(emulator.faults);
  });
  app.put("/rate-limits", async (c) => {
    const body = await patchBody(c, RATE_CHECKS);
    if (typeof body === "string") return adminError(c, 400, body);
    Object.assign(emulator.rateLimits, body);
    return c.json(emulator.rateLimits);
  });
  app.post("/clock/advance", async (c) => {
    const ms = (await jsonBody(c))?.ms;
    if (typeof ms !== "number" || !(ms >= 0)) return adminError(c, 400, "ms must be a number ≥ 0");
    clock.advance(ms);
    return c.json(clockState());
  });
  app.put("/clock", async (c) => {
    const speed = (await jsonBody(c))?.speed;
    if (typeof speed !== "number" || !(speed > 0)) return adminError(c, 400, "speed must be > 0");
    clock.speed = speed;
    return c.json(clockState());
  });
  app.post("/tokens/revoke", async (c) => {
    const token = (await jsonBody(c))?.token;
    if (token !== undefined && typeof token !== "string") {
      return adminError(c, 400, "token must be a string");
    }
    if (typeof token === "string") {
      const revoked = Number(tokens.access.delete(token)) + Number(tokens.refresh.delete(token));
      return c.json({ revoked });
    }
    const revoked = tokens.access.size + tokens.refresh.size;
    tokens.access.clear();
    tokens.refresh.clear();
    return c.json({ revoked });
  });
  app.post("/tokens/expire", (c) => {
    const now = clock.now();
    for (const token of tokens.access.values()) token.expiresAt = Math.min(token.expiresAt, now);
    return c.json({ expired: tokens.access.size });
  });
  app.get("/accounts", (c) =>
    c.json({
      accounts: [...emulator.accounts.values()].map((account) => {
        const [client] = account.oauthClients;
        const [docsApiKey] = account.docsApiKeys.keys();
        return {
          id: account.id,
          clientId: client?.[0],
          clientSecret: client?.[1],
          docsApiKey,
          ownerUserId: account.ownerUserId,
          redirectUri: redirectUriOf(emulator, account.id),
        };
      }),
    }),
  );
  app.post("/accounts/:id/redirect-uri", async (c) => {
    const account = emulator.accounts.get(c.req.param("id"));
    if (!account) return adminError(c, 404, `no account ${c.req.param("id")}`);
    const uri = (await jsonBody(c))?.uri;
    if (typeof uri !== "string" || !URL.canParse(uri) || !/^https?:$/.test(new URL(uri).protocol)) {
      return adminError(c, 400, "uri must be an absolute http(s) URL");
    }
    setRedirectUri(emulator, account.id, uri);
    return c.json({ id: account.id, redirectUri: uri });
  });
  app.post("/accounts/:id/changes", async (c) => {
    const account = emulator.accounts.get(c.req.param("id"));
    if (!account) return adminError(c, 404, `no account ${c.req.param("id")}`);
    const count = (await jsonBody(c))?.conversations;
    if (!Number.isInteger(count) || (count as number) < 0) {
      return adminError(c, 400, "conversations must be an integer ≥ 0");
    }
    const origin = new URL(c.req.url).origin;
    const touched = simulateCustomerReplies(emulator, account, count as number, origin);
    return c.json({ id: account.id, touched });
  });
  app.post("/webhooks/flush", async (c) => {
    await emulator.settle();
    const { webhookDeliveries, webhookFailures } = emulator.stats;
    return c.json({ webhookDeliveries, webhookFailures });
  });
  return app;
}

/** The JSON object body; `{}` for an empty body, undefined when it is not a JSON object. */
async function jsonBody(c: Context): Promise<Body | undefined> {
  const text = await c.req.text();
  if (text.trim() === "") return {};
  try {
    const body: unknown = JSON.parse(text);
    return typeof body === "object" && body !== null && !Array.isArray(body)
      ? (body as Body)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A validated partial of a knob object, or the reason it is not one. */
async function patchBody<T extends object>(
  c: Context,
  checks: Record<keyof T, (value: unknown) => boolean>,
): Promise<Partial<T> | string> {
  const body = await jsonBody(c);
  if (!body) return "the body must be a JSON object";
  for (const [key, value] of Object.entries(body)) {
    const check = checks[key as keyof T] as ((value: unknown) => boolean) | undefined;
    if (!check) return `unknown field ${key}`;
    if (!check(value)) return `invalid value for ${key}`;
  }
  return body as Partial<T>;
}

function adminError(c: Context, status: 400 | 404, error: string): Response {
  return c.json({ error }, status);
}
