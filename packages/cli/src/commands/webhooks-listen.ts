import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { applyWebhookEvent, type WebhookApplyResult } from "@terapi/helpscout-sync";
import {
  createWebhookHandler,
  type WebhookContext,
  type WebhookEvent,
} from "@terapi/helpscout-webhooks";
import { connectionIdOf, type ResolvedCredentials, resolveCredentials } from "../credentials.js";
import type { CliIo } from "../io.js";
import { openRecordStore } from "../record-store.js";
import { integerFlag, parseFlags, UsageError } from "../usage-error.js";
import {
  clientOf,
  FLAGS,
  help,
  untilAborted,
  WEBHOOKS_USAGE,
  withSecrets,
} from "./webhooks-options.js";

/**
 * `helpscout webhooks listen`: a verifying endpoint on 127.0.0.1 that prints each event (and
 * applies it to the sync store with `--store`) until `io.signal` aborts.
 */
export async function webhooksListen(args: string[], cliIo: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    {
      ...FLAGS,
      port: { type: "string" },
      host: { type: "string" },
      path: { type: "string" },
      store: { type: "boolean" },
      connection: { type: "string" },
      db: { type: "string" },
    },
    WEBHOOKS_USAGE,
  );
  if (values.help) return help(cliIo);
  if (positionals.length > 0) {
    throw new UsageError(`unexpected argument "${positionals[0]}"`, WEBHOOKS_USAGE);
  }
  const port = integerFlag("--port", values.port, 0, WEBHOOKS_USAGE, { max: 65_535 });
  const path = values.path ?? "/";
  if (!path.startsWith("/")) {
    throw new UsageError(`--path must start with "/", got "${path}"`, WEBHOOKS_USAGE);
  }
  const { secrets, io } = withSecrets(values.secret, cliIo);
  const useStore = values.store === true || values.db !== undefined;
  const dataDir = values["data-dir"] ?? ".data";
  const connectionId = connectionIdOf(io.env, values.connection);

  const store = useStore ? (await openRecordStore({ dataDir, db: values.db })).store : undefined;
  let credentials: ResolvedCredentials | undefined;
  const server = createServer();
  try {
    credentials = store ? await readerCredentials(io, dataDir) : undefined;
    const mailbox = credentials?.mailbox ? clientOf(credentials) : undefined;
    if (store && !mailbox) {
      io.stderr.write(
        "No Mailbox credentials: notification-mode events and conversations sent without threads are not stored.\n",
      );
    }
    let events = 0;
    let refused = 0;
    const webhooks = createWebhookHandler({
      secret: secrets,
      onRejected: (error) => {
        refused += 1;
        io.stderr.write(
          `${new Date().toISOString()}  refused  ${error.status} ${error.code}: ${error.message}\n`,
        );
      },
    }).onAny(async (event, ctx) => {
      events += 1;
      const stored = store
        ? await applyWebhookEvent(store, {
            connectionId,
            event: event.event,
            payload: event.payload,
            ...(mailbox ? { mailbox } : {}),
          }).catch((error: unknown) => ({
            error: error instanceof Error ? error.message : String(error),
          }))
        : undefined;
      io.stdout.write(
        values.json
          ? `${JSON.stringify(jsonLine(event, ctx, stored))}\n`
          : textLine(event, ctx, stored),
      );
    });
    server.on("request", (req, res) => {
      if (new URL(req.url ?? "/", "http://localhost").pathname === path) {
        void webhooks.node(req, res);
      } else {
        res
          .writeHead(404, { "content-type": "text/plain" })
          .end(`not found: the endpoint is ${path}\n`);
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject).listen(port, values.host ?? "127.0.0.1", resolve);
    });
    const { address, port: bound } = server.address() as AddressInfo;
    const host = address.includes(":") ? `[${address}]` : address;
    io.stderr.write(
      `Listening for Help Scout webhooks on http://${host}:${bound}${path} (Ctrl-C to stop)\n`,
    );
    await untilAborted(io.signal);
    await new Promise((resolve) => server.close(resolve));
    await webhooks.close();
    io.stderr.write(`Stopped: ${events} events, ${refused} refused.\n`);
    return 0;
  } finally {
    server.closeAllConnections();
    if (server.listening) server.close();
    await store?.close();
    await credentials?.close();
  }
}

/** Mailbox access for reads, only when the environment names some (never a started emulator). */
async function readerCredentials(
  io: CliIo,
  dataDir: string,
): Promise<ResolvedCredentials | undefined> {
  const { env } = io;
  if (!env.HELPSCOUT_APP_ID && !env.HELPSCOUT_CONNECTION_ID && !env.HELPSCOUT_EMULATOR_URL) {
    return undefined;
  }
  return resolveCredentials(env, { dataDir, note: (text) => io.stderr.write(`${text}\n`) });
}

/** The object's id: `payload.id`, or the last segment of a notification's URL. */
function idOf(event: WebhookEvent): string {
  if (event.kind === "notification") {
    return event.payload.url.split("/").filter(Boolean).pop() ?? "-";
  }
  const id = (event.payload as { id?: unknown } | null)?.id;
  return typeof id === "number" || typeof id === "string" ? String(id) : "-";
}

/** What `applyWebhookEvent` did with an event, or why it failed. */
type Stored = WebhookApplyResult | { error: string };

/** One event as a line: time, event, id, the kind when not a typed payload, what the store did. */
function textLine(event: WebhookEvent, ctx: WebhookContext, stored?: Stored): string {
  const kind = event.kind === "payload" ? "" : `  (${event.kind})`;
  let result = "";
  if (stored && "error" in stored) {
    result = `  store failed: ${stored.error}`;
  } else if (stored) {
    result = `  ${stored.model ?? "-"} ${stored.action}${stored.reason ? `: ${stored.reason}` : ""}`;
  }
  return `${ctx.receivedAt.toISOString()}  ${event.event}  ${idOf(event)}${kind}${result}\n`;
}

/** One event as an NDJSON object, payload included. */
function jsonLine(event: WebhookEvent, ctx: WebhookContext, stored?: Stored) {
  return {
    time: ctx.receivedAt.toISOString(),
    event: event.event,
    id: idOf(event),
    kind: event.kind,
    deliveryId: ctx.deliveryId,
    payload: event.payload,
    ...(stored ? { stored } : {}),
  };
}
