import { randomBytes } from "node:crypto";
import {
  createPostgresConnectionStore,
  createSecretBox,
  HELPSCOUT_PROVIDERS,
  type ProviderConfig,
  Terapi,
} from "@terapi/connection";
import { type RunningEmulator, type SeedSize, startEmulator } from "@terapi/helpscout-emulator";
import pg from "pg";

/** What the simulated Help Scout looks like. */
export interface SimulatedHelpScout {
  /** How many accounts (companies), each with its own data and budget. */
  accounts: number;
  /** Emulated ms per real ms: at 60, a minute-long rate window lasts a real second. */
  speed: number;
  mailboxPerMinute: number;
  docsPerTenMinutes: number;
  /** Access-token lifetime in emulated seconds (short, so tokens expire and refresh mid-run). */
  tokenLifetimeSeconds: number;
  size: Partial<SeedSize>;
}

/** Account ids `acct-001`, `acct-002`, …: sortable, and each has app `<id>-app`. */
export function accountIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `acct-${String(i + 1).padStart(3, "0")}`);
}

/**
 * An emulator start time whose rate windows (a minute and ten minutes of emulated time) begin
 * when the workers' compressed throttle windows do: those are aligned to real time (Redis's
 * clock) in units of `60 s / speed`, so emulated time must be `speed × real time` plus a whole
 * number of ten-minute windows — the one closest to now.
 */
export function realAlignedStart(speed: number, now = Date.now()): number {
  const scaled = Math.round(now * speed);
  return scaled - Math.floor((scaled - now) / 600_000) * 600_000;
}

/**
 * How far (real ms) the emulator's rate windows turn before the workers' throttle windows. A
 * compressed clock does not compress latency: a request the throttle lets through as its window
 * turns reaches the emulator some milliseconds later, which at 60× is seconds of emulated time.
 * Turning the emulator's window a little earlier puts those requests in the window they were
 * budgeted for, as a real minute-long window (thousands of times any latency) would.
 */
export const WINDOW_LEAD_MS = 50;

/** The emulator over HTTP on 127.0.0.1, with `accounts` seeded accounts. */
export async function startSimulatedHelpScout(world: SimulatedHelpScout): Promise<RunningEmulator> {
  const running = await startEmulator({
    seed: 7,
    accounts: accountIds(world.accounts),
    size: world.size,
    clock: { speed: world.speed, startAt: realAlignedStart(world.speed) },
    rateLimits: {
      mailboxPerMinute: world.mailboxPerMinute,
      docsPerTenMinutes: world.docsPerTenMinutes,
    },
    tokenLifetimeSeconds: world.tokenLifetimeSeconds,
  });
  // Seeding took a while after the clock started: line its windows up again, now, exactly.
  const { clock } = running.emulator;
  const target = Math.round((Date.now() + WINDOW_LEAD_MS) * world.speed);
  clock.advance((((target - clock.now()) % 600_000) + 600_000) % 600_000);
  return running;
}

/** A database made for one run, dropped afterwards. */
export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty database next to the one at `serverUrl` (same server and credentials). */
export async function scratchDatabase(serverUrl: string): Promise<ScratchDatabase> {
  const name = `helpscout_scaleout_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Help Scout's providers pointed at the emulator: API, consent page and token endpoint. */
function emulatorProviders(url: string): Record<string, ProviderConfig> {
  const mailbox = HELPSCOUT_PROVIDERS["helpscout-mailbox"] ?? { authMode: "OAUTH2", baseUrl: url };
  const docs = HELPSCOUT_PROVIDERS["helpscout-docs"] ?? { authMode: "API_KEY", baseUrl: url };
  return {
    "helpscout-mailbox": {
      ...mailbox,
      baseUrl: url,
      authorizationUrl: `${url}/authentication/authorizeClientApplication`,
      tokenUrl: `${url}/v2/oauth2/token`,
    },
    "helpscout-docs": { ...docs, baseUrl: url },
  };
}

/**
 * Connects every account the way a platform's customers would: each account's owner authorizes
 * ONE app (the first account's, as the workers' `helpscout worker` assumes for the emulator)
 * through the authorization-code flow, and stores its Docs API key. Connections go, encrypted
 * with `encryptionKey`, into the Postgres connection store at `databaseUrl`.
 */
export async function connectAccounts(options: {
  emulatorUrl: string;
  databaseUrl: string;
  encryptionKey: string;
  ids: readonly string[];
}): Promise<void> {
  const [platform] = options.ids;
  const store = createPostgresConnectionStore({
    connectionString: options.databaseUrl,
    secretBox: createSecretBox(options.encryptionKey),
  });
  const terapi = new Terapi({
    store,
    providers: emulatorProviders(options.emulatorUrl),
    integrations: {
      "helpscout-mailbox": { clientId: `${platform}-app`, clientSecret: `${platform}-secret` },
    },
  });
  try {
    for (const id of options.ids) {
      const { url } = await terapi.authorizationUrl("helpscout-mailbox", id);
      const consent = await fetch(`${url}&account=${encodeURIComponent(id)}&auto=approve`, {
        redirect: "manual",
      });
      const callback = new URL(consent.headers.get("location") ?? "");
      await terapi.handleCallback("helpscout-mailbox", {
        code: callback.searchParams.get("code") ?? "",
        state: callback.searchParams.get("state") ?? "",
      });
      await terapi.createApiKeyConnection("helpscout-docs", id, `${id}-docs-key`);
    }
  } finally {
    await store.close();
  }
}

/** A fresh key for the run's connection store (base64, 32 bytes). */
export function newEncryptionKey(): string {
  return randomBytes(32).toString("base64");
}
