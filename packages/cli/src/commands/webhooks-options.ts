import { HelpScoutError } from "@terapi/helpscout-auth";
import { createMailboxClient, type MailboxClient } from "@terapi/helpscout-mailbox";
import type { ResolvedCredentials } from "../credentials.js";
import { type CliIo, redactingOutput } from "../io.js";
import { UsageError } from "../usage-error.js";

/** `helpscout webhooks --help`. */
export const WEBHOOKS_USAGE = `Usage: helpscout webhooks <listen|ensure> [options]

  listen   serve a webhook endpoint on 127.0.0.1 until Ctrl-C: verify each delivery's
           X-HelpScout-Signature and print one line per event (time, event, id) on stdout;
           refused deliveries are logged with the reason on stderr
  ensure   create or update the subscription for a URL (idempotent) and print what it did

Options of listen:
  --port N             TCP port (default 0: a free one; the URL is printed on stderr)
  --host H             interface to listen on (default 127.0.0.1)
  --path /P            the endpoint's path (default /)
  --secret S           the webhook secret (default HELPSCOUT_WEBHOOK_SECRET); repeat the flag to
                       accept several while rotating
  --json               one JSON object per event (NDJSON, with the payload) instead of a line
  --store              also apply each event to the sync store (conversations, customers, tags);
                       with Mailbox credentials, notification-mode events are read from the API
  --connection ID      store records under this connection id (as \`helpscout sync\`)
  --data-dir DIR       where the embedded store lives (default .data)
  --db URL             use Postgres instead (postgres://…)

Options of ensure (Mailbox credentials as for \`helpscout sync\`, or HELPSCOUT_EMULATOR_URL):
  --url URL            where Help Scout should POST deliveries
  --events a,b         event names, or "all" for every subscribable event
  --secret S           the signing secret, 1 to 40 characters (default HELPSCOUT_WEBHOOK_SECRET)
  --label L            a label;  --mailboxes 1,2  only these mailboxes' conversation events
  --notification       deliver only the URL of the changed object
  --payload-version V  V2 (default)
  --json               print one JSON object {id, action, changed}
  --data-dir DIR       where stored connections live (default .data)
`;

/** Flags both actions take. */
export const FLAGS = {
  secret: { type: "string", multiple: true },
  json: { type: "boolean" },
  "data-dir": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/**
 * The secrets of `--secret` (all of them) or `HELPSCOUT_WEBHOOK_SECRET`, and outputs that redact
 * them wherever they could appear.
 */
export function withSecrets(
  flag: string[] | undefined,
  io: CliIo,
): { secrets: string[]; io: CliIo } {
  const secrets = flag?.length ? flag : [io.env.HELPSCOUT_WEBHOOK_SECRET ?? ""].filter(Boolean);
  if (secrets.length === 0) {
    throw new UsageError("pass --secret or set HELPSCOUT_WEBHOOK_SECRET", WEBHOOKS_USAGE);
  }
  return {
    secrets,
    io: {
      ...io,
      stdout: redactingOutput(io.stdout, secrets),
      stderr: redactingOutput(io.stderr, secrets),
    },
  };
}

/** A Mailbox client from resolved credentials. */
export function clientOf(credentials: ResolvedCredentials): MailboxClient {
  const access = credentials.mailbox;
  if (!access) {
    throw new HelpScoutError({ code: "configuration_error", message: "no Mailbox credentials." });
  }
  return createMailboxClient({
    ...access.credentials,
    ...(access.baseUrl ? { baseUrl: access.baseUrl } : {}),
  });
}

/** `helpscout webhooks <action> --help`. */
export function help(io: CliIo): number {
  io.stdout.write(WEBHOOKS_USAGE);
  return 0;
}

/** Resolves when `signal` aborts; never without one. */
export function untilAborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    signal?.addEventListener("abort", () => resolve(), { once: true });
  });
}
