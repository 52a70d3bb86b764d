import { readFile } from "node:fs/promises";
import {
  type ActionClients,
  type ActionSummary,
  isActionError,
  listActions,
  runAction,
  validateActionInput,
} from "@terapi/helpscout-actions";
import { HelpScoutError } from "@terapi/helpscout-auth";
import { createDocsClient } from "@terapi/helpscout-docs";
import { createMailboxClient } from "@terapi/helpscout-mailbox";
import { CREDENTIAL_ENV_HELP, resolveCredentials } from "../credentials.js";
import type { CliIo } from "../io.js";
import { parseFlags, UsageError } from "../usage-error.js";
import { actionHelp } from "./action-help.js";

/** `helpscout action --help`. */
export const ACTION_USAGE = `Usage: helpscout action <name> --input <json> [options]
       helpscout action --list [--json]
       helpscout action <name> --help

Runs one action of @terapi/helpscout-actions (a validated, documented operation of one or several
Help Scout calls) and prints its output as JSON on stdout.

Options:
  --input JSON      the input: inline JSON, @path/to/file.json, or - to read standard input
  --list            list the actions: name, API and what each does (--json: with their schemas)
  --json            with --list, print the catalogue as one JSON document
  --data-dir DIR    where stored connections live (default .data)
  --help            show this help, or an action's input with \`helpscout action <name> --help\`

${CREDENTIAL_ENV_HELP}

Exit codes: 0 done, 1 the action failed (Help Scout refused, or a write's outcome is unknown),
2 bad command line or invalid input (the field errors are on stderr).
`;

/** Reads all of standard input as text. */
export type ReadStdin = () => Promise<string>;

async function processStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * `helpscout action`: `--list`, `<name> --help`, or `<name> --input <json>` run with the
 * credentials of the environment (or the local emulator), the output as JSON on stdout.
 *
 * @param readStdin - Source of `--input -`; standard input by default (injectable for tests).
 */
export async function actionCommand(
  args: string[],
  io: CliIo,
  readStdin: ReadStdin = processStdin,
): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    {
      input: { type: "string" },
      list: { type: "boolean" },
      json: { type: "boolean" },
      "data-dir": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    ACTION_USAGE,
  );
  const [name, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`, ACTION_USAGE);
  if (values.list) {
    io.stdout.write(
      values.json ? `${JSON.stringify({ actions: listActions() })}\n` : formatList(listActions()),
    );
    return 0;
  }
  if (name === undefined) {
    if (values.help) {
      io.stdout.write(ACTION_USAGE);
      return 0;
    }
    throw new UsageError("name an action, or --list to see them", ACTION_USAGE);
  }
  const action = listActions().find((candidate) => candidate.name === name);
  if (!action) {
    throw new UsageError(
      `unknown action "${name}"; \`helpscout action --list\` names them all`,
      ACTION_USAGE,
    );
  }
  if (values.help) {
    io.stdout.write(actionHelp(action));
    return 0;
  }
  if (values.input === undefined) {
    throw new UsageError(
      `give the input with --input '<json>' (see \`helpscout action ${name} --help\`)`,
      ACTION_USAGE,
    );
  }
  const input = await readInput(values.input, readStdin);
  // Checked before credentials are resolved: a bad input starts nothing and sends nothing.
  const problems = validateActionInput(name, input);
  if (problems.length > 0) {
    const lines = problems.map((e) => `  ${e.path || "(input)"}: ${e.message}`);
    io.stderr.write(
      `helpscout: invalid input for ${name}:\n${lines.join("\n")}\nSee \`helpscout action ${name} --help\`.\n`,
    );
    return 2;
  }

  const credentials = await resolveCredentials(io.env, {
    dataDir: values["data-dir"] ?? ".data",
    note: (text) => io.stderr.write(`${text}\n`),
  });
  try {
    const output = await runAction(name, input, clientsFor(action, credentials, io.signal));
    io.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (isActionError(error)) {
      const ref = error.logRef ? ` (Help Scout logRef ${error.logRef})` : "";
      const fields = error.fieldErrors.map((e) => `\n  ${e.path ?? "(input)"}: ${e.message}`);
      io.stderr.write(`helpscout: ${error.message}${ref}${fields.join("")}\n`);
      return 1;
    }
    throw error;
  } finally {
    await credentials.close();
  }
}

/** The input of `--input`: inline JSON, `@file` or `-` (standard input). */
async function readInput(flag: string, readStdin: ReadStdin): Promise<unknown> {
  let text = flag;
  let from = "--input";
  if (flag === "-") {
    text = await readStdin();
    from = "standard input";
  } else if (flag.startsWith("@")) {
    const path = flag.slice(1);
    from = path;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      const reason = (error as { code?: string }).code === "ENOENT" ? "no such file" : "unreadable";
      throw new UsageError(`--input ${flag}: ${reason}`, ACTION_USAGE);
    }
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`the input from ${from} is not valid JSON (${reason})`, ACTION_USAGE);
  }
}

/** The client the action's API needs, from the resolved credentials. */
function clientsFor(
  action: ActionSummary,
  credentials: Awaited<ReturnType<typeof resolveCredentials>>,
  signal: AbortSignal | undefined,
): ActionClients {
  const hints = {
    mailbox: "HELPSCOUT_APP_ID + HELPSCOUT_APP_SECRET, or HELPSCOUT_CONNECTION_ID",
    docs: "HELPSCOUT_DOCS_API_KEY",
  };
  const access = credentials[action.api];
  if (!access) {
    throw new HelpScoutError({
      code: "configuration_error",
      message: `${action.name} calls the ${action.api === "mailbox" ? "Mailbox" : "Docs"} API, and there are no ${action.api} credentials: set ${hints[action.api]}.`,
    });
  }
  const baseUrl = access.baseUrl ? { baseUrl: access.baseUrl } : {};
  if (action.api === "mailbox" && credentials.mailbox) {
    return {
      mailbox: createMailboxClient({ ...credentials.mailbox.credentials, ...baseUrl }),
      signal,
    };
  }
  if (credentials.docs) {
    return { docs: createDocsClient({ ...credentials.docs.credentials, ...baseUrl }), signal };
  }
  return { signal };
}

/** `--list`: one line per action, grouped by API. */
function formatList(actions: readonly ActionSummary[]): string {
  const width = Math.max(...actions.map((action) => action.name.length));
  const lines: string[] = [];
  for (const api of ["mailbox", "docs"] as const) {
    lines.push(api === "mailbox" ? "Mailbox API:" : "\nDocs API:");
    for (const action of actions.filter((candidate) => candidate.api === api)) {
      lines.push(
        `  ${action.name.padEnd(width)}  ${action.title}${action.rerunSafe ? "" : " (not safe to re-run)"}`,
      );
    }
  }
  return `${lines.join("\n")}\n\nRun \`helpscout action <name> --help\` for an action's input.\n`;
}
