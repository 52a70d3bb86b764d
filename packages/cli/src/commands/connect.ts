import { type ConnectionStore, MemoryConnectionStore } from "@terapi/connection";
import { createMailboxClient, HelpScoutError } from "@terapi/helpscout-mailbox";
import { connectionIdOf, connectionTerapi, openConnectionStore } from "../credentials.js";
import type { CliIo } from "../io.js";
import { emulatorAccount, type LocalEmulator, startLocalEmulator } from "../local-emulator.js";
import { startCallbackServer } from "../oauth-callback-server.js";
import { resendingFetch } from "../resending-fetch.js";
import { integerFlag, parseFlags, UsageError } from "../usage-error.js";

/** The callback port for a real Help Scout app (it must match the app's Redirection URL). */
export const DEFAULT_CALLBACK_PORT = 8976;
const PROVIDER = "helpscout-mailbox";

/** `helpscout connect --help`. */
export const CONNECT_USAGE = `Usage: helpscout connect [options]

Connects a Help Scout account through the OAuth authorization-code flow: starts a callback server
on 127.0.0.1, prints the authorization URL, waits for Help Scout to redirect back, and stores the
connection (encrypted with TERAPI_ENCRYPTION_KEY) in <data-dir>/connections. Sync it later with
HELPSCOUT_CONNECTION_ID=<id> helpscout sync.

With HELPSCOUT_APP_ID + HELPSCOUT_APP_SECRET it uses your app (register
http://127.0.0.1:<port>/callback as its Redirection URL). Without them it connects the emulator's
account (HELPSCOUT_EMULATOR_URL, or one it starts), approving the consent page by itself.

Options:
  --connection ID      id to store it under (default: HELPSCOUT_CONNECTION_ID, else acme for
                       the emulator, default for your app)
  --port N             callback port (default ${DEFAULT_CALLBACK_PORT}; 0 = any, for the emulator)
  --timeout SECONDS    how long to wait for the callback (default 300)
  --data-dir DIR       where connections are stored (default .data)
  --help               show this help
`;

/** `helpscout connect`: the authorization-code flow with a local callback. */
export async function connectCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    {
      connection: { type: "string" },
      port: { type: "string" },
      timeout: { type: "string" },
      "data-dir": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    CONNECT_USAGE,
  );
  if (values.help) {
    io.stdout.write(CONNECT_USAGE);
    return 0;
  }
  if (positionals.length > 0) {
    throw new UsageError(`unexpected argument "${positionals[0]}"`, CONNECT_USAGE);
  }
  const connectionId = connectionIdOf(io.env, values.connection);
  const dataDir = values["data-dir"] ?? ".data";
  const timeoutMs = integerFlag("--timeout", values.timeout, 300, CONNECT_USAGE, { min: 1 }) * 1000;
  const appId = io.env.HELPSCOUT_APP_ID?.trim();
  const appSecret = io.env.HELPSCOUT_APP_SECRET?.trim();
  const emulatorUrl = io.env.HELPSCOUT_EMULATOR_URL?.trim().replace(/\/+$/, "") || undefined;
  const viaEmulator = !(appId && appSecret);
  const port = integerFlag(
    "--port",
    values.port,
    viaEmulator ? 0 : DEFAULT_CALLBACK_PORT,
    CONNECT_USAGE,
    {
      max: 65_535,
    },
  );

  const cleanup: (() => Promise<void>)[] = [];
  try {
    let started: LocalEmulator | undefined;
    let url = emulatorUrl;
    if (viaEmulator && url === undefined) {
      started = await startLocalEmulator();
      cleanup.unshift(() => started?.close() ?? Promise.resolve());
      url = started.url;
    }
    const account = viaEmulator && url ? await emulatorAccount(url) : undefined;
    const app = account ?? { clientId: appId ?? "", clientSecret: appSecret ?? "" };
    const store = connectionStoreFor(io, dataDir, viaEmulator);
    cleanup.unshift(() => store.close?.() ?? Promise.resolve());
    const terapi = connectionTerapi(store, app, url);

    const server = await startCallbackServer(port, async ({ code, state }) => {
      await terapi.handleCallback(PROVIDER, { code, state });
    });
    cleanup.unshift(() => server.close());

    const request = await terapi.authorizationUrl(PROVIDER, connectionId);
    const consent = new URL(request.url);
    // The emulator takes the redirect URI in the query (Help Scout uses the app's registered one).
    if (url !== undefined) consent.searchParams.set("redirect_uri", server.redirectUri);
    io.stderr.write(
      account
        ? `Connecting the emulator's "${account.id}" account at ${url} (no HELPSCOUT_APP_ID set).\n`
        : `Make sure your app's Redirection URL is ${server.redirectUri}\n`,
    );
    io.stderr.write(`Open this URL to authorize:\n  ${consent}\n`);
    const waiting = server.wait({ timeoutMs, ...(io.signal ? { signal: io.signal } : {}) });
    if (url !== undefined) {
      io.stderr.write("Approving on the emulator's consent page (auto-approve)…\n");
      await approveOnEmulator(consent);
    } else {
      io.stderr.write(`Waiting for Help Scout to redirect to ${server.redirectUri} …\n`);
    }
    await waiting;

    const mailbox = createMailboxClient({
      connection: { terapi, providerConfigKey: PROVIDER, connectionId },
      ...(url ? { baseUrl: url } : {}),
    });
    const { data: me } = await mailbox.GET("/v2/users/me");
    const who = [me?.firstName, me?.lastName].filter(Boolean).join(" ");
    const where = io.env.TERAPI_ENCRYPTION_KEY ? `${dataDir}/connections` : "memory only";
    io.stdout.write(
      `Connected "${connectionId}" as ${who || "the app's user"}${me?.email ? ` <${me.email}>` : ""} (stored: ${where}).\n`,
    );
    if (started) {
      io.stderr.write(
        "The emulator started for this run stops now; run `helpscout emulator` and set HELPSCOUT_EMULATOR_URL for a connection that lasts.\n",
      );
    } else {
      const prefix = emulatorUrl ? `HELPSCOUT_EMULATOR_URL=${emulatorUrl} ` : "";
      io.stderr.write(
        `Sync it with: ${prefix}HELPSCOUT_CONNECTION_ID=${connectionId} helpscout sync\n`,
      );
    }
    return 0;
  } finally {
    for (const step of cleanup) await step().catch(() => undefined);
  }
}

/**
 * The encrypted PGlite store of `<dataDir>/connections`; for the emulator without
 * `TERAPI_ENCRYPTION_KEY`, a store in memory (said on stderr), so the demo needs no setup.
 */
function connectionStoreFor(io: CliIo, dataDir: string, viaEmulator: boolean): ConnectionStore {
  if (viaEmulator && !io.env.TERAPI_ENCRYPTION_KEY?.trim()) {
    io.stderr.write(
      "TERAPI_ENCRYPTION_KEY is not set: the emulator connection is kept in memory only (set it to store connections, e.g. `openssl rand -base64 32`).\n",
    );
    return new MemoryConnectionStore();
  }
  return openConnectionStore(dataDir, io.env);
}

/** Plays the browser: asks the emulator's consent page to approve, then follows its redirect. */
async function approveOnEmulator(consentUrl: URL): Promise<void> {
  const consent = new URL(consentUrl);
  consent.searchParams.set("auto", "approve");
  // A GET that only issues a code: safe to send again when a kept-alive socket was already closed.
  const answer = await resendingFetch(consent, { redirect: "manual" });
  const location = answer.headers.get("location");
  if (answer.status !== 302 || !location) {
    throw new HelpScoutError({
      code: "invalid_response",
      message: `the emulator's consent page answered ${answer.status} instead of redirecting to the callback.`,
    });
  }
  await fetch(location).then((response) => response.arrayBuffer());
}
