import {
  type Emulator,
  type RunningEmulator,
  type StartEmulatorOptions,
  startEmulator,
} from "@terapi/helpscout-emulator";
import type { Canaries } from "./canaries.js";

/**
 * Starts the emulator over real HTTP on 127.0.0.1 with the canaries as the `acme` account's
 * credentials: its OAuth app becomes `canaries.appId` / `canaries.appSecret` and its Docs API key
 * `canaries.docsApiKey`. The well-known `acme-app` / `acme-secret` / `acme-docs-key` stop working.
 */
export async function startCanaryEmulator(
  canaries: Canaries,
  options: StartEmulatorOptions = {},
): Promise<RunningEmulator> {
  const running = await startEmulator(options);
  const account = running.emulator.account();
  const [ownerOfKey] = account.docsApiKeys.values();
  account.oauthClients.clear();
  account.oauthClients.set(canaries.appId, canaries.appSecret);
  account.docsApiKeys.clear();
  account.docsApiKeys.set(canaries.docsApiKey, ownerOfKey ?? account.ownerUserId);
  return running;
}

/**
 * Every access and refresh token the emulator has issued so far, named for the leak scan: the
 * tokens the suite's clients held are secrets too.
 */
export function issuedTokens(emulator: Emulator): Record<string, string> {
  const named: Record<string, string> = {};
  let n = 0;
  for (const token of emulator.tokens.access.keys()) named[`access token ${++n}`] = token;
  n = 0;
  for (const token of emulator.tokens.refresh.keys()) named[`refresh token ${++n}`] = token;
  return named;
}

/** An access token for the canary app (client-credentials grant), as a plain string. */
export async function clientCredentialsToken(url: string, canaries: Canaries): Promise<string> {
  const answer = await fetch(`${url}/v2/oauth2/token`, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: canaries.appId,
      client_secret: canaries.appSecret,
    }),
  });
  if (!answer.ok) throw new Error(`the emulator refused the canary app (${answer.status})`);
  return ((await answer.json()) as { access_token: string }).access_token;
}
