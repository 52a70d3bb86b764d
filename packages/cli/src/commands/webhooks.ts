import { HelpScoutError } from "@terapi/helpscout-auth";
import {
  ensureWebhook,
  isKnownWebhookEvent,
  SUBSCRIBABLE_WEBHOOK_EVENTS,
} from "@terapi/helpscout-webhooks";
import { resolveCredentials } from "../credentials.js";
import type { CliIo } from "../io.js";
import { integerFlag, parseFlags, UsageError } from "../usage-error.js";
import { webhooksListen } from "./webhooks-listen.js";
import { clientOf, FLAGS, help, WEBHOOKS_USAGE, withSecrets } from "./webhooks-options.js";

export { WEBHOOKS_USAGE } from "./webhooks-options.js";

/** `helpscout webhooks listen|ensure`. */
export async function webhooksCommand(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  if (action === undefined || action === "--help" || action === "-h" || action === "help") {
    (action === undefined ? io.stderr : io.stdout).write(WEBHOOKS_USAGE);
    return action === undefined ? 2 : 0;
  }
  if (action === "listen") return webhooksListen(rest, io);
  if (action === "ensure") return ensure(rest, io);
  throw new UsageError(
    `unknown webhooks action "${action}"; one of listen, ensure`,
    WEBHOOKS_USAGE,
  );
}

/** `helpscout webhooks ensure`: creates or updates the subscription for `--url`. */
async function ensure(args: string[], cliIo: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    {
      ...FLAGS,
      url: { type: "string" },
      events: { type: "string" },
      label: { type: "string" },
      mailboxes: { type: "string" },
      notification: { type: "boolean" },
      "payload-version": { type: "string" },
    },
    WEBHOOKS_USAGE,
  );
  if (values.help) return help(cliIo);
  if (positionals.length > 0)
    throw new UsageError(`unexpected argument "${positionals[0]}"`, WEBHOOKS_USAGE);
  if (!values.url)
    throw new UsageError("pass --url, where Help Scout should POST deliveries", WEBHOOKS_USAGE);
  const events = eventsOf(values.events);
  const mailboxIds = values.mailboxes
    ?.split(",")
    .map((id) => integerFlag("--mailboxes", id.trim(), 0, WEBHOOKS_USAGE, { min: 1 }));
  const { secrets, io } = withSecrets(values.secret, cliIo);
  const { env } = io;
  if (!env.HELPSCOUT_APP_ID && !env.HELPSCOUT_CONNECTION_ID && !env.HELPSCOUT_EMULATOR_URL) {
    throw new HelpScoutError({
      code: "configuration_error",
      message:
        "webhooks ensure needs Mailbox credentials: set HELPSCOUT_APP_ID + HELPSCOUT_APP_SECRET, HELPSCOUT_CONNECTION_ID, or HELPSCOUT_EMULATOR_URL.",
    });
  }
  const credentials = await resolveCredentials(env, {
    dataDir: values["data-dir"] ?? ".data",
    note: (text) => io.stderr.write(`${text}\n`),
  });
  try {
    const result = await ensureWebhook(clientOf(credentials), {
      url: values.url,
      events,
      secret: secrets[0] ?? "",
      ...(values.label === undefined ? {} : { label: values.label }),
      ...(mailboxIds ? { mailboxIds } : {}),
      ...(values.notification ? { notification: true } : {}),
      ...(values["payload-version"] ? { payloadVersion: values["payload-version"] } : {}),
    });
    const changed = result.changed.length > 0 ? ` (${result.changed.join(", ")})` : "";
    io.stdout.write(
      values.json
        ? `${JSON.stringify(result)}\n`
        : `${result.action} webhook ${result.id} for ${values.url}${changed}\n`,
    );
    return 0;
  } finally {
    await credentials.close();
  }
}

function eventsOf(flag: string | undefined): string[] {
  if (flag === "all") return [...SUBSCRIBABLE_WEBHOOK_EVENTS];
  const events = (flag ?? "")
    .split(",")
    .map((event) => event.trim())
    .filter(Boolean);
  const unknown = events.find((event) => !isKnownWebhookEvent(event));
  if (events.length === 0 || unknown !== undefined) {
    throw new UsageError(
      `--events takes "all" or names from: ${SUBSCRIBABLE_WEBHOOK_EVENTS.join(", ")}${unknown ? `; got "${unknown}"` : ""}`,
      WEBHOOKS_USAGE,
    );
  }
  return events;
}
