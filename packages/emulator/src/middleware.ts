import type { MiddlewareHandler } from "hono";
import { docsError, vndError } from "./responses.js";
import type { Account, EmulatorContext, EmulatorEnv, RateWindow } from "./types.js";

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const MAILBOX_WINDOW_MS = 60_000;
const DOCS_WINDOW_MS = 600_000;

const isDocs = (path: string) => path.startsWith("/v1/");

/**
 * Faults first: added latency, connection resets (real HTTP) or network errors (in-process), and
 * a share of 5xx answers, as set in {@link EmulatorContext.faults}.
 */
export function faultsMiddleware(emulator: EmulatorContext): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    emulator.stats.requests += 1;
    const { faults } = emulator;
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    if (faults.resetRatio > 0 && Math.random() < faults.resetRatio) {
      emulator.stats.resets += 1;
      const socket = (c.env as { incoming?: { socket?: { destroy(): void } } } | undefined)
        ?.incoming?.socket;
      if (socket) {
        socket.destroy();
        return new Response(null);
      }
      return Response.error();
    }
    if (faults.serverErrorRatio > 0 && Math.random() < faults.serverErrorRatio) {
      emulator.stats.serverErrors += 1;
      const status = ([500, 502, 503] as const)[Math.floor(Math.random() * 3)] ?? 500;
      return isDocs(c.req.path)
        ? docsError(c, status, "Emulated server error")
        : vndError(c, status, "Emulated server error");
    }
    return next();
  };
}

/**
 * Resolves the caller's account: `Authorization: Bearer` (Mailbox, tokens from the emulated token
 * endpoint, expiring) or `Basic <apiKey>:X` (Docs). Anything else is a 401 in the API's shape.
 */
export function authMiddleware(emulator: EmulatorContext): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    c.set("emulator", emulator);
    const header = c.req.header("authorization") ?? "";
    const [scheme, value = ""] = header.split(" ", 2);
    if (isDocs(c.req.path)) {
      const key = scheme?.toLowerCase() === "basic" ? decodeBasicUser(value) : undefined;
      const account = key === undefined ? undefined : findByApiKey(emulator, key);
      if (!account || key === undefined) return docsError(c, 401, "Invalid API key");
      c.set("account", account);
      c.set("userId", account.docsApiKeys.get(key) ?? account.ownerUserId);
      return next();
    }
    const token =
      scheme?.toLowerCase() === "bearer" ? emulator.tokens.access.get(value) : undefined;
    if (!token || token.expiresAt <= emulator.clock.now()) {
      return vndError(c, 401, token ? "Token expired" : "Invalid or missing access token");
    }
    const account = emulator.accounts.get(token.accountId);
    if (!account) return vndError(c, 401, "Unknown account");
    c.set("account", account);
    c.set("userId", token.userId);
    return next();
  };
}

/**
 * Per-account rate limits with Help Scout's headers: Mailbox 200 a minute where writes weigh 2
 * (`X-RateLimit-Limit-Minute`, `X-RateLimit-Remaining-Minute`, `X-RateLimit-Retry-After` on 429),
 * Docs 2000 per 10 minutes (`X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset`).
 * Windows run on the emulator's clock; waits are sent in real seconds so a compressed clock
 * compresses the waits too.
 */
export function rateLimitMiddleware(emulator: EmulatorContext): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    const { rateLimits } = emulator;
    if (!rateLimits.enabled) return next();
    const account = c.get("account");
    const docs = isDocs(c.req.path);
    const windowMs = docs ? DOCS_WINDOW_MS : MAILBOX_WINDOW_MS;
    const limit = docs ? rateLimits.docsPerTenMinutes : rateLimits.mailboxPerMinute;
    const weight = !docs && WRITE_METHODS.has(c.req.method) ? 2 : 1;
    const window = currentWindow(account, docs, windowMs, emulator.clock.now());
    const leftMs = window.windowStart + windowMs - emulator.clock.now();
    const realSeconds = formatSeconds(
      leftMs / emulator.clock.speed / 1000,
      emulator.clock.speed !== 1,
    );
    const forced = emulator.faults.force429 > 0;
    window.asked += weight;
    window.peak = Math.max(window.peak, window.asked);
    if (forced || window.used + weight > limit) {
      if (forced) emulator.faults.force429 -= 1;
      emulator.stats.rateLimited += 1;
      window.rateLimited += 1;
      const remaining = String(Math.max(0, limit - window.used));
      if (docs) {
        const res = docsError(c, 429, "Rate limit exceeded");
        res.headers.set("x-ratelimit-limit", String(limit));
        res.headers.set("x-ratelimit-remaining", "0");
        res.headers.set("x-ratelimit-reset", realSeconds);
        return res;
      }
      const res = vndError(c, 429, "Rate limit exceeded");
      res.headers.set("x-ratelimit-limit-minute", String(limit));
      res.headers.set("x-ratelimit-remaining-minute", forced ? remaining : "0");
      res.headers.set("x-ratelimit-retry-after", realSeconds);
      return res;
    }
    window.used += weight;
    await next();
    const remaining = String(Math.max(0, limit - window.used));
    if (docs) {
      c.res.headers.set("x-ratelimit-limit", String(limit));
      c.res.headers.set("x-ratelimit-remaining", remaining);
      c.res.headers.set("x-ratelimit-reset", realSeconds);
    } else {
      c.res.headers.set("x-ratelimit-limit-minute", String(limit));
      c.res.headers.set("x-ratelimit-remaining-minute", remaining);
    }
  };
}

function currentWindow(account: Account, docs: boolean, windowMs: number, now: number): RateWindow {
  const window = docs ? account.rate.docs : account.rate.mailbox;
  const start = Math.floor(now / windowMs) * windowMs;
  if (window.windowStart !== start) {
    window.windowStart = start;
    window.used = 0;
    window.asked = 0;
  }
  return window;
}

/** Whole seconds (as Help Scout sends them); milliseconds only under a compressed clock. */
function formatSeconds(seconds: number, compressed: boolean): string {
  const up = Math.max(0, seconds);
  return compressed ? String(Math.ceil(up * 1000) / 1000) : String(Math.ceil(up));
}

function decodeBasicUser(value: string): string | undefined {
  const decoded = Buffer.from(value, "base64").toString("utf8");
  const separator = decoded.indexOf(":");
  return separator > 0 ? decoded.slice(0, separator) : undefined;
}

function findByApiKey(emulator: EmulatorContext, key: string): Account | undefined {
  for (const account of emulator.accounts.values()) {
    if (account.docsApiKeys.has(key)) return account;
  }
  return undefined;
}
