import { HelpScoutError } from "@terapi/helpscout-auth";
import {
  type RunningEmulator,
  type StartEmulatorOptions,
  startEmulator,
} from "@terapi/helpscout-emulator";
import { resendingFetch } from "./resending-fetch.js";

/** An emulator this process started. */
export type LocalEmulator = RunningEmulator;

/**
 * Emulated time of the emulator `helpscout sync` starts when there are no credentials. Fixed, so
 * every run serves the very same data and a second sync finds nothing new.
 */
export const LOCAL_EMULATOR_EPOCH = Date.UTC(2026, 0, 1);

/** The seed of that emulator's data. */
export const LOCAL_EMULATOR_SEED = 1;

/**
 * The port `helpscout sync` prefers for its emulator. Payloads carry HAL links with the host, so
 * serving from the same port keeps them identical from run to run (nothing to rewrite).
 */
export const LOCAL_EMULATOR_PORT = 47_121;

/**
 * Starts an emulator on loopback: seed 1, the clock at {@link LOCAL_EMULATOR_EPOCH}, on `port`
 * (default: a free one). When `port` is taken it falls back to a free one.
 */
export async function startLocalEmulator(
  options: StartEmulatorOptions = {},
): Promise<LocalEmulator> {
  const settings = {
    seed: LOCAL_EMULATOR_SEED,
    clock: { startAt: LOCAL_EMULATOR_EPOCH },
    ...options,
  };
  try {
    return await startEmulator(settings);
  } catch (error) {
    const taken = (error as { code?: unknown } | null)?.code === "EADDRINUSE";
    if (!taken || !settings.port) throw error;
    return startEmulator({ ...settings, port: 0 });
  }
}

/** An emulator account's id and credentials, as `GET /_emulator/accounts` lists them. */
export interface EmulatorAccount {
  id: string;
  clientId: string;
  clientSecret: string;
  docsApiKey: string;
}

/**
 * The first account of the emulator at `url` (by default `acme`).
 *
 * @throws HelpScoutError `network_error` when nothing answers there, `invalid_response` when it is
 *   not an emulator.
 */
export async function emulatorAccount(url: string): Promise<EmulatorAccount> {
  let body: unknown;
  try {
    const response = await resendingFetch(`${url}/_emulator/accounts`);
    body = response.ok ? await response.json() : undefined;
  } catch (cause) {
    throw new HelpScoutError({
      code: "network_error",
      message: `cannot reach the emulator at ${url}: is \`helpscout emulator\` running there?`,
      cause,
    });
  }
  const account = (body as { accounts?: Partial<EmulatorAccount>[] } | undefined)?.accounts?.[0];
  if (!account?.id || !account.clientId || !account.clientSecret || !account.docsApiKey) {
    throw new HelpScoutError({
      code: "invalid_response",
      message: `${url} does not look like a Help Scout emulator (no account at /_emulator/accounts).`,
    });
  }
  return account as EmulatorAccount;
}
