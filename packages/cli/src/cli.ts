import { isHelpScoutError } from "@terapi/helpscout-auth";
import { ACTION_USAGE, actionCommand } from "./commands/action.js";
import { CONNECT_USAGE, connectCommand } from "./commands/connect.js";
import { EMULATOR_USAGE, emulatorCommand } from "./commands/emulator.js";
import { PROXY_USAGE, proxyCommand } from "./commands/proxy.js";
import { RECORDS_USAGE, recordsCommand } from "./commands/records.js";
import { SCHEDULE_USAGE, scheduleCommand } from "./commands/schedule.js";
import { SYNC_USAGE, syncCommand } from "./commands/sync.js";
import { WEBHOOKS_USAGE, webhooksCommand } from "./commands/webhooks.js";
import { WORKER_USAGE, workerCommand } from "./commands/worker.js";
import { CREDENTIAL_ENV_HELP } from "./credentials.js";
import { type CliIo, type CliOutput, redactingOutput, secretsOf } from "./io.js";
import { UsageError } from "./usage-error.js";

export type { CliIo, CliOutput } from "./io.js";
export type { ProxyClock, ProxyThrottleOptions } from "./proxy/account-throttles.js";
export type { ProxyLogEntry } from "./proxy/connection-handler.js";
export type { ProxyApp, ProxyAppOptions } from "./proxy/proxy-app.js";
export { createProxyApp } from "./proxy/proxy-app.js";
export type {
  ProxyApiAccess,
  ProxyConnectionAccess,
  ProxyConnections,
} from "./proxy/proxy-connections.js";
export type { ProxyErrorBody } from "./proxy/proxy-error.js";
export type { ProxyRoute, ProxyRouteContext, ProxyRoutes } from "./proxy/routes.js";
export type { RunningProxyServer, StartProxyServerOptions } from "./proxy/start-proxy-server.js";
export { DEFAULT_PROXY_PORT, startProxyServer } from "./proxy/start-proxy-server.js";

/** `helpscout --help`. */
export const USAGE = `Usage: helpscout <command> [options]

Sync Help Scout (Mailbox and Docs) into PGlite or Postgres, and more.

Commands:
  sync [all|mailbox|docs]   sync every model incrementally into the store (progress on stderr,
                            a summary table on stdout)
  records <model>           list synced records of a model
  connect                   connect an account (OAuth authorization code, local callback)
  emulator                  run a local Help Scout emulator
  action <name>             run a validated action (create-conversation, publish-article, …);
                            --list names them all
  proxy                     serve both APIs on 127.0.0.1 with your connections' credentials
  worker                    run queued sync jobs (BullMQ on Redis) into Postgres, many accounts
  schedule                  schedule, enqueue or remove a connection's sync jobs for the workers;
                            without an action, the queue's job counts
  webhooks listen|ensure    receive verified webhooks (print them, or apply them to the store);
                            register a subscription idempotently

Run \`helpscout <command> --help\` for a command's options.

${CREDENTIAL_ENV_HELP}

Exit codes: 0 done, 1 failed (the error is on stderr), 2 bad command line.
`;

type Command = (args: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  sync: { run: syncCommand, usage: SYNC_USAGE },
  records: { run: recordsCommand, usage: RECORDS_USAGE },
  connect: { run: connectCommand, usage: CONNECT_USAGE },
  emulator: { run: emulatorCommand, usage: EMULATOR_USAGE },
  action: { run: actionCommand, usage: ACTION_USAGE },
  proxy: { run: proxyCommand, usage: PROXY_USAGE },
  worker: { run: workerCommand, usage: WORKER_USAGE },
  schedule: { run: scheduleCommand, usage: SCHEDULE_USAGE },
  webhooks: { run: webhooksCommand, usage: WEBHOOKS_USAGE },
};

/**
 * Runs the `helpscout` command line in-process and resolves with its exit code: 0 on success,
 * 1 when the work failed (a `HelpScoutError`'s message on stderr, never a stack), 2 for an unknown
 * command or flag (the message and the usage on stderr). Every known secret of the environment
 * (App Secret, Docs key, encryption key) is redacted from all output, a `--db` or `--redis`
 * password from stderr.
 *
 * @param argv - The arguments after the program name, e.g. `["sync", "all", "--json"]`.
 * @param io - Outputs, environment and an abort signal; `process` ones by default.
 * @example
 * process.exitCode = await main(process.argv.slice(2));
 */
export async function main(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const env = io.env ?? process.env;
  const secrets = secretsOf(env);
  // A database password can be a plain word ("postgres"): hidden from errors, not from results.
  const errorSecrets = [
    ...secrets,
    ...secretsOf({}, flagValue(argv, "--db")),
    ...secretsOf({}, flagValue(argv, "--redis")),
  ];
  const safe: CliIo = {
    stdout: redactingOutput(io.stdout ?? process.stdout, secrets),
    stderr: redactingOutput(io.stderr ?? process.stderr, errorSecrets),
    env,
    ...(io.signal ? { signal: io.signal } : {}),
  };
  const [name, ...args] = argv;
  try {
    if (name === undefined || name === "help" || name === "--help" || name === "-h") {
      (name === undefined ? safe.stderr : safe.stdout).write(USAGE);
      return name === undefined ? 2 : 0;
    }
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (command === undefined) {
      throw new UsageError(
        `unknown command "${name}"; one of ${Object.keys(COMMANDS).join(", ")}`,
        USAGE,
      );
    }
    return await command.run(args, safe);
  } catch (error) {
    return report(error, safe.stderr);
  }
}

/** Writes an error the way a user should see it and picks the exit code. */
function report(error: unknown, stderr: CliOutput): number {
  if (error instanceof UsageError) {
    stderr.write(`helpscout: ${error.message}\n\n${error.usage}`);
    return 2;
  }
  if (isHelpScoutError(error)) {
    const ref = error.logRef ? ` (Help Scout logRef ${error.logRef})` : "";
    stderr.write(`helpscout: ${error.message}${ref}\n`);
    return 1;
  }
  // Not an expected failure: say so, with the stack, to be reported.
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  stderr.write(`helpscout: unexpected error: ${detail}\n`);
  return 1;
}

/** A URL flag's value (`--db`, `--redis`) anywhere in `argv`, to keep its password out of stderr. */
function flagValue(argv: readonly string[], flag: string): string | undefined {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? "";
    if (arg === flag) return argv[i + 1];
    if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
  }
  return undefined;
}
