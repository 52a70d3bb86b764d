import { HelpScoutError } from "@terapi/helpscout-auth";
import { type CliIo, redactingOutput } from "../io.js";
import { cliProxyConnections } from "../proxy/cli-proxy-connections.js";
import { MIN_PROXY_KEY_LENGTH } from "../proxy/proxy-key.js";
import { DEFAULT_PROXY_PORT, startProxyServer } from "../proxy/start-proxy-server.js";
import { integerFlag, numberFlag, parseFlags, UsageError } from "../usage-error.js";
import { ACTIONS_ROUTE_PREFIX, actionsProxyRoute } from "./action-proxy-route.js";

/** `helpscout proxy --help`. */
export const PROXY_USAGE = `Usage: helpscout proxy [options]

Serves both Help Scout APIs on 127.0.0.1 with your connections' credentials, so any HTTP client
can call them without holding a token:
  /mailbox/<path>   → Mailbox API, e.g. /mailbox/v2/conversations?status=active
  /docs/<path>      → Docs API,    e.g. /docs/v1/sites
  /actions/<name>   → POST runs an action with a JSON input (GET /actions lists them)
Each request names its connection in a Connection-Id header and sends the proxy key as
Authorization: Bearer <key>. Callers of one account share one rate budget (429s are waited out
here), and Help Scout's status, headers and body come back as they are. Ctrl-C stops it.

Connections: each one stored by \`helpscout connect\` (<data-dir>/connections, needs
TERAPI_ENCRYPTION_KEY), and "default" for HELPSCOUT_APP_ID + HELPSCOUT_APP_SECRET (Mailbox) and
HELPSCOUT_DOCS_API_KEY (Docs). With none of these it serves the emulator's "acme" account
(HELPSCOUT_EMULATOR_URL, or an emulator it starts); no key is needed for that.

Options:
  --port N             TCP port (default ${DEFAULT_PROXY_PORT}; 0 = a free one)
  --key KEY            the proxy key, at least ${MIN_PROXY_KEY_LENGTH} characters; better set HELPSCOUT_PROXY_KEY
                       (a flag shows in the process list). Make one with \`openssl rand -hex 24\`
  --insecure-no-key    serve real credentials without a key: any program on this machine can
                       then spend them
  --timeout SECONDS    how long to wait for Help Scout's answer, rate waits included (default 120)
  --reserve SHARE      share of each rate budget to leave for others, 0 to 0.9 (default 0)
  --data-dir DIR       where connections are stored (default .data)
  --help               show this help
`;

/** `helpscout proxy`: serves the proxy until `io.signal` aborts. */
export async function proxyCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    {
      port: { type: "string" },
      key: { type: "string" },
      "insecure-no-key": { type: "boolean" },
      timeout: { type: "string" },
      reserve: { type: "string" },
      "data-dir": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    PROXY_USAGE,
  );
  if (values.help) {
    io.stdout.write(PROXY_USAGE);
    return 0;
  }
  if (positionals.length > 0) {
    throw new UsageError(`unexpected argument "${positionals[0]}"`, PROXY_USAGE);
  }
  const port = integerFlag("--port", values.port, DEFAULT_PROXY_PORT, PROXY_USAGE, { max: 65_535 });
  const timeoutMs = integerFlag("--timeout", values.timeout, 120, PROXY_USAGE, { min: 1 }) * 1000;
  const reserve = numberFlag("--reserve", values.reserve, PROXY_USAGE, { min: 0, max: 0.9 }) ?? 0;
  const key = (values.key ?? io.env.HELPSCOUT_PROXY_KEY)?.trim() || undefined;
  if (key !== undefined && key.length < MIN_PROXY_KEY_LENGTH) {
    throw new UsageError(
      `the proxy key must be at least ${MIN_PROXY_KEY_LENGTH} characters (e.g. \`openssl rand -hex 24\`)`,
      PROXY_USAGE,
    );
  }
  const stdout = redactingOutput(io.stdout, key ? [key] : []);
  const stderr = redactingOutput(io.stderr, key ? [key] : []);

  const served = await cliProxyConnections(io.env, {
    dataDir: values["data-dir"] ?? ".data",
    note: (text) => stderr.write(`${text}\n`),
  });
  try {
    const insecure = values["insecure-no-key"] === true;
    if (key === undefined && served.holdsCredentials && !insecure) {
      throw new UsageError(
        "set HELPSCOUT_PROXY_KEY (or --key) to a secret of at least 16 characters that callers send as `Authorization: Bearer <key>`; the proxy serves real credentials and will not do so to anyone who asks (--insecure-no-key to do it anyway)",
        PROXY_USAGE,
      );
    }
    if (key === undefined) {
      stderr.write(
        `No proxy key: any program on this machine can call the proxy${served.holdsCredentials ? " and spend your connections' credentials (--insecure-no-key)" : "; fine for the emulator, set HELPSCOUT_PROXY_KEY before serving real accounts"}.\n`,
      );
    }
    const server = await listen(port, () =>
      startProxyServer({
        port,
        key,
        insecureNoKey: key === undefined,
        connections: served.connections,
        routes: { [ACTIONS_ROUTE_PREFIX]: actionsProxyRoute() },
        timeoutMs,
        throttle: { reserve, ...(served.clock ? { clock: served.clock } : {}) },
        log: (entry) =>
          stderr.write(
            `${entry.method} ${entry.path} ${entry.connectionId ?? "-"} → ${entry.status} (${entry.ms} ms)\n`,
          ),
        onError: (error) =>
          stderr.write(
            `helpscout proxy: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
          ),
        ...(io.signal ? { signal: io.signal } : {}),
      }),
    );
    stdout.write(banner(server.url, served.served, key !== undefined));
    await untilAborted(io.signal);
    await server.close();
    stderr.write("Proxy stopped.\n");
    return 0;
  } finally {
    await served.close();
  }
}

/** Starts the server; a taken port is a clear error rather than a stack. */
async function listen<T>(port: number, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code !== "EADDRINUSE") throw error;
    throw new HelpScoutError({
      code: "configuration_error",
      message: `port ${port} is taken: pass --port with another one, or --port 0 for a free one.`,
    });
  }
}

function banner(url: string, served: { connectionId: string; what: string }[], keyed: boolean) {
  const width = Math.max(...served.map((s) => s.connectionId.length), 8);
  const example = served[0]?.connectionId ?? "<id>";
  const auth = keyed ? `-H "Authorization: Bearer $HELPSCOUT_PROXY_KEY" ` : "";
  return [
    `Help Scout proxy listening on ${url}`,
    `  Mailbox API  ${url}/mailbox/v2/…`,
    `  Docs API     ${url}/docs/v1/…`,
    "Connections (send one as the Connection-Id header):",
    ...served.map((s) => `  ${s.connectionId.padEnd(width)}  ${s.what}`),
    "Try:",
    `  curl ${auth}-H "Connection-Id: ${example}" ${url}/mailbox/v2/users/me`,
    "Press Ctrl-C to stop.",
    "",
  ].join("\n");
}

/** Resolves when `signal` aborts; never without one. */
function untilAborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    signal?.addEventListener("abort", () => resolve(), { once: true });
  });
}
