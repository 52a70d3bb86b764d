import {
  type ConnectionStore,
  HELPSCOUT_PROVIDERS,
  type ProviderConfig,
  Terapi,
} from "@terapi/connection";
import type { FetchFunction } from "@terapi/helpscout-auth";

/** The Mailbox provider pointed at an emulator: consent page, token endpoint and API there. */
export function emulatorMailboxProvider(url: string): ProviderConfig {
  const base = HELPSCOUT_PROVIDERS["helpscout-mailbox"];
  if (!base) throw new Error("@terapi/connection has no helpscout-mailbox provider");
  return {
    ...base,
    baseUrl: url,
    authorizationUrl: `${url}/authentication/authorizeClientApplication`,
    tokenUrl: `${url}/v2/oauth2/token`,
  };
}

/** A transport for token requests that counts the refresh grants it sends. */
export interface CountingTokenFetch {
  fetch: FetchFunction;
  /** `grant_type=refresh_token` requests sent so far. */
  refreshGrants(): number;
}

/** Wraps `globalThis.fetch`, counting refresh grants by their form body. */
export function countingTokenFetch(): CountingTokenFetch {
  let refreshes = 0;
  return {
    fetch: (input, init) => {
      if (typeof init?.body === "string") {
        const grant = new URLSearchParams(init.body).get("grant_type");
        if (grant === "refresh_token") refreshes += 1;
      }
      return globalThis.fetch(input, init);
    },
    refreshGrants: () => refreshes,
  };
}

/** Options of {@link emulatorTerapi}. */
export interface EmulatorTerapiOptions {
  url: string;
  store: ConnectionStore;
  clientId: string;
  clientSecret: string;
  /** The emulator's clock, so that "expired" means the same on both sides. */
  now: () => number;
  fetch: FetchFunction;
}

/** A Terapi whose `helpscout-mailbox` provider is the emulator, with the given app. */
export function emulatorTerapi(options: EmulatorTerapiOptions): Terapi {
  return new Terapi({
    store: options.store,
    integrations: {
      "helpscout-mailbox": { clientId: options.clientId, clientSecret: options.clientSecret },
    },
    providers: { "helpscout-mailbox": emulatorMailboxProvider(options.url) },
    now: options.now,
    fetch: options.fetch,
  });
}

/**
 * Connects `connectionId` through the emulator's consent page (approved automatically) and the
 * code exchange, as a user clicking "Authorize" would.
 */
export async function connectThroughConsent(terapi: Terapi, connectionId: string): Promise<void> {
  const { url } = await terapi.authorizationUrl("helpscout-mailbox", connectionId);
  const consent = await fetch(`${url}&auto=approve&redirect_uri=http://127.0.0.1/callback`, {
    redirect: "manual",
  });
  const callback = new URL(consent.headers.get("location") ?? "http://invalid/");
  await terapi.handleCallback("helpscout-mailbox", {
    code: callback.searchParams.get("code") ?? "",
    state: callback.searchParams.get("state") ?? "",
  });
}

/**
 * The emulator's clock as seen from another process: where it stands (`GET /_emulator/stats`)
 * and how fast it runs (`speed` emulated ms per real ms).
 */
export async function remoteEmulatorClock(url: string, speed = 1): Promise<() => number> {
  const stats = (await (await fetch(`${url}/_emulator/stats`)).json()) as {
    clock: { now: number; speed: number };
  };
  if (stats.clock.speed !== speed) {
    throw new Error(`the emulator's clock runs at ×${stats.clock.speed}, not ×${speed}`);
  }
  const startedAt = Date.now();
  return () => stats.clock.now + (Date.now() - startedAt) * speed;
}
