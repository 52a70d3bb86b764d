import { Hono } from "hono";
import { adminRoutes } from "./admin/routes.js";
import { EmulatorClock } from "./clock.js";
import { docsRoutes } from "./docs/routes.js";
import { mailboxRoutes } from "./mailbox/routes.js";
import { authMiddleware, faultsMiddleware, rateLimitMiddleware } from "./middleware.js";
import { oauthRoutes } from "./oauth/routes.js";
import { SeededRandom } from "./random.js";
import { createAccount, DEFAULT_SEED_SIZE } from "./seed/accounts.js";
import type {
  Account,
  EmulatorContext,
  EmulatorEnv,
  Faults,
  RateLimits,
  SeedSize,
} from "./types.js";
import { deliverWebhook } from "./webhook-delivery.js";

/** Options of {@link createEmulator}. */
export interface EmulatorOptions {
  /** Seed of the generated data; the same seed gives the same data. Default 1. */
  seed?: number;
  /** How much data each account gets (defaults: {@link DEFAULT_SEED_SIZE}). */
  size?: Partial<SeedSize>;
  /** Account ids; each gets its own data, OAuth app, API key and budget. Default `["acme"]`. */
  accounts?: readonly string[];
  /** Emulated start time (Unix ms) and speed (emulated ms per real ms). */
  clock?: { startAt?: number; speed?: number };
  /** Rate limits; on, at Help Scout's defaults. */
  rateLimits?: Partial<RateLimits>;
  /** Access-token lifetime in seconds; Help Scout's 172800 (48 h). */
  tokenLifetimeSeconds?: number;
  /** Initial fault knobs (all off). */
  faults?: Partial<Faults>;
  /** Transport for webhook deliveries; `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch;
}

/** A running emulator: a fetch-style app plus its state and knobs. */
export interface Emulator extends EmulatorContext {
  /** The Hono app serving both APIs, OAuth and `/_emulator` admin. */
  app: Hono<EmulatorEnv>;
  /** `app.fetch`: serve it from msw, a Node server, or call it directly. */
  fetch: (request: Request) => Promise<Response>;
  /** The account with this id (throws for an unknown one). */
  account(id?: string): Account;
  /** Waits for webhook deliveries in flight. */
  settle(): Promise<void>;
}

/**
 * Creates a stateful Help Scout emulator: both APIs with their real envelopes, filters, paging,
 * OAuth with expiring tokens, per-account rate limits, signed webhooks and fault knobs. Its
 * behaviour follows Help Scout's documentation, not the clients' wishes.
 */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const clock = new EmulatorClock(options.clock);
  const random = new SeededRandom(options.seed ?? 1);
  const size = { ...DEFAULT_SEED_SIZE, ...options.size };
  const accounts = new Map<string, Account>();
  (options.accounts ?? ["acme"]).forEach((id, index) => {
    accounts.set(id, createAccount(id, index, random, clock, size));
  });
  const deliveries = new Set<Promise<void>>();
  const transport = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const emulator: Emulator = {
    clock,
    random,
    accounts,
    faults: { serverErrorRatio: 0, resetRatio: 0, latencyMs: 0, force429: 0, ...options.faults },
    rateLimits: {
      mailboxPerMinute: 200,
      docsPerTenMinutes: 2000,
      enabled: true,
      ...options.rateLimits,
    },
    tokens: {
      access: new Map(),
      refresh: new Map(),
      codes: new Map(),
      lifetimeSeconds: options.tokenLifetimeSeconds ?? 172_800,
    },
    stats: {
      requests: 0,
      rateLimited: 0,
      serverErrors: 0,
      resets: 0,
      webhookDeliveries: 0,
      webhookFailures: 0,
    },
    emit(account, event, payload) {
      const delivery = deliverWebhook(emulator, account, event, payload, transport).finally(() =>
        deliveries.delete(delivery),
      );
      deliveries.add(delivery);
    },
    app: new Hono<EmulatorEnv>(),
    fetch: (request) => Promise.resolve(emulator.app.fetch(request)),
    account(id = "acme") {
      const found = accounts.get(id);
      if (!found) throw new Error(`@terapi/helpscout-emulator: no account "${id}"`);
      return found;
    },
    async settle() {
      while (deliveries.size > 0) await Promise.allSettled([...deliveries]);
    },
  };

  const app = emulator.app;
  app.route("/", oauthRoutes(emulator));
  app.route("/_emulator", adminRoutes(emulator));
  for (const prefix of ["/v1/*", "/v2/*", "/v3/*"]) {
    app.use(
      prefix,
      faultsMiddleware(emulator),
      authMiddleware(emulator),
      rateLimitMiddleware(emulator),
    );
  }
  app.route("/", mailboxRoutes());
  app.route("/", docsRoutes());
  return emulator;
}
