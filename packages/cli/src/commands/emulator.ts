import { type StartEmulatorOptions, startEmulator } from "@terapi/helpscout-emulator";
import type { CliIo } from "../io.js";
import { integerFlag, numberFlag, parseFlags, UsageError } from "../usage-error.js";

/** `helpscout emulator --help`. */
export const EMULATOR_USAGE = `Usage: helpscout emulator [options]

Runs a local Help Scout (Mailbox API 2.0, Docs API v1, OAuth) with seeded data on 127.0.0.1
until Ctrl-C, and prints its URL and the credentials of its account. Point the other commands at
it with HELPSCOUT_EMULATOR_URL.

Options:
  --port N             TCP port (default 0: a free one)
  --seed N             seed of the generated data (default 1)
  --conversations N    conversations in the account (default 240)
  --speed X            emulated time speed, e.g. 60 = a minute per second (default 1)
  --help               show this help
`;

/** `helpscout emulator`: starts the emulator and serves it until `io.signal` aborts. */
export async function emulatorCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    {
      port: { type: "string" },
      seed: { type: "string" },
      conversations: { type: "string" },
      speed: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    EMULATOR_USAGE,
  );
  if (values.help) {
    io.stdout.write(EMULATOR_USAGE);
    return 0;
  }
  if (positionals.length > 0) {
    throw new UsageError(`unexpected argument "${positionals[0]}"`, EMULATOR_USAGE);
  }
  const options: StartEmulatorOptions = {
    port: integerFlag("--port", values.port, 0, EMULATOR_USAGE, { max: 65_535 }),
    seed: integerFlag("--seed", values.seed, 1, EMULATOR_USAGE),
  };
  if (values.conversations !== undefined) {
    options.size = {
      conversations: integerFlag("--conversations", values.conversations, 0, EMULATOR_USAGE),
    };
  }
  const speed = numberFlag("--speed", values.speed, EMULATOR_USAGE, {
    min: 0,
    max: 100_000,
    exclusiveMin: true,
  });
  if (speed !== undefined) options.clock = { speed };

  const running = await startEmulator(options);
  const { url, emulator } = running;
  const lines = [
    `Help Scout emulator listening on ${url}`,
    `  Mailbox API  ${url}/v2   (OAuth token: POST ${url}/v2/oauth2/token)`,
    `  Docs API     ${url}/v1`,
    `  Admin        ${url}/_emulator`,
  ];
  for (const account of emulator.accounts.values()) {
    const [client] = account.oauthClients;
    const [docsKey] = account.docsApiKeys.keys();
    lines.push(
      `Account ${account.id} (emulator credentials, not secrets)`,
      `  App ID ${client?.[0] ?? "-"}   App Secret ${client?.[1] ?? "-"}   Docs API key ${docsKey ?? "-"}`,
    );
  }
  lines.push(
    "Sync it from another terminal:",
    `  HELPSCOUT_EMULATOR_URL=${url} helpscout sync`,
    "Press Ctrl-C to stop.",
  );
  io.stdout.write(`${lines.join("\n")}\n`);
  await untilAborted(io.signal);
  await running.close();
  io.stderr.write("Emulator stopped.\n");
  return 0;
}

/** Resolves when `signal` aborts; never without one. */
function untilAborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    signal?.addEventListener("abort", () => resolve(), { once: true });
  });
}
