#!/usr/bin/env node
import { parseArgs } from "node:util";
import { isLoopbackHost, type StartEmulatorOptions, startEmulator } from "../server.js";
import type { SeedSize } from "../types.js";

const USAGE = `Usage: helpscout-emulator [options]

A local Help Scout (Mailbox API 2.0, Docs API v1, OAuth) with seeded data.

Options:
  --port N             TCP port (default 0: a free one)
  --host H             interface (default 127.0.0.1; loopback only unless --allow-remote)
  --allow-remote       allow a non-loopback --host (the admin API has no auth)
  --seed N             seed of the generated data (default 1)
  --accounts N         number of accounts: acme, account-2, … (default 1)
  --conversations N    conversations per account
  --customers N        customers per account
  --articles N         Docs articles per account
  --speed X            emulated time speed (60 = a minute per second; default 1)
  --no-rate-limit      turn rate limits off
  --help               show this help
`;

class UsageError extends Error {}

/** Parses the command line into server options; throws {@link UsageError} on bad flags. */
function parseFlags(args: string[]): StartEmulatorOptions | "help" {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values } = parsed;
  if (values.help) return "help";
  const host = values.host ?? "127.0.0.1";
  if (!values["allow-remote"] && !isLoopbackHost(host)) {
    throw new UsageError(
      `--host ${host} is not a loopback address; add --allow-remote to allow it`,
    );
  }
  const size: Partial<SeedSize> = {};
  for (const name of ["conversations", "customers", "articles"] as const) {
    const value = values[name];
    if (value !== undefined) size[name] = integer(`--${name}`, value, 0);
  }
  const accountCount =
    values.accounts === undefined ? 1 : integer("--accounts", values.accounts, 1);
  const options: StartEmulatorOptions = {
    port: values.port === undefined ? 0 : integer("--port", values.port, 0, 65_535),
    host,
    allowRemote: values["allow-remote"] ?? false,
    accounts: Array.from({ length: accountCount }, (_, i) =>
      i === 0 ? "acme" : `account-${i + 1}`,
    ),
    size,
  };
  if (values.seed !== undefined) options.seed = integer("--seed", values.seed, 0);
  if (values.speed !== undefined) {
    const speed = Number(values.speed);
    if (!(speed > 0) || !Number.isFinite(speed)) {
      throw new UsageError(`--speed must be a number > 0, got "${values.speed}"`);
    }
    options.clock = { speed };
  }
  if (values["no-rate-limit"]) options.rateLimits = { enabled: false };
  return options;
}

function parse(args: string[]) {
  return parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "allow-remote": { type: "boolean" },
      seed: { type: "string" },
      accounts: { type: "string" },
      conversations: { type: "string" },
      customers: { type: "string" },
      articles: { type: "string" },
      speed: { type: "string" },
      "no-rate-limit": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}

function integer(flag: string, value: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
    throw new UsageError(`${flag} must be an integer between ${min} and ${max}, got "${value}"`);
  }
  return n;
}

async function main(): Promise<void> {
  let options: StartEmulatorOptions | "help";
  try {
    options = parseFlags(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`helpscout-emulator: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options === "help") {
    console.log(USAGE);
    return;
  }
  const running = await startEmulator(options);
  const { url, emulator } = running;
  const lines = [
    `Help Scout emulator listening on ${url}`,
    `  Mailbox API  ${url}/v2   (OAuth token: POST ${url}/v2/oauth2/token)`,
    `  Docs API     ${url}/v1`,
    `  Consent      ${url}/authentication/authorizeClientApplication?client_id=…`,
    `  Admin        ${url}/_emulator   (stats, faults, clock, tokens, rate-limits, accounts)`,
  ];
  for (const account of emulator.accounts.values()) {
    const [client] = account.oauthClients;
    const [docsKey] = account.docsApiKeys.keys();
    lines.push(
      `Account ${account.id}`,
      `  OAuth client id: ${client?.[0] ?? "-"}   client secret: ${client?.[1] ?? "-"}`,
      `  Docs API key:    ${docsKey ?? "-"}`,
    );
  }
  console.log(lines.join("\n"));
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`Received ${signal}, stopping.`);
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`helpscout-emulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
