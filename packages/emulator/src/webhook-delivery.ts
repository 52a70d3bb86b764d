import { createHmac } from "node:crypto";
import type { Account, EmulatorContext, M } from "./types.js";

/** Retries after a failed first attempt (non-2xx or network error). */
export const WEBHOOK_RETRIES = 3;
/** Real milliseconds before the first retry; doubles for each further one. */
export const WEBHOOK_BACKOFF_MS = 25;
/** Real milliseconds an attempt may take before it counts as failed. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

const API_BASE = "https://api.helpscout.net";
const RESOURCE_PATHS: Record<string, string> = {
  convo: "conversations",
  customer: "customers",
  tag: "tags",
  satisfaction: "ratings",
  organization: "organizations",
  user: "users",
};

type StoredWebhook = M["Webhook"] & { secret: string };

/**
 * The `X-HelpScout-Signature` of a delivery: `base64(HMAC-SHA1(secret, rawBody))`, computed over
 * the exact bytes sent.
 */
export function signWebhookBody(secret: string, rawBody: string | Uint8Array): string {
  return createHmac("sha1", secret).update(rawBody).digest("base64");
}

/**
 * Delivers an event of an account to each enabled webhook subscribed to it (for `convo.*` events,
 * only those whose `mailboxIds` is empty or holds the conversation's mailbox): a signed JSON
 * `POST` with `X-HelpScout-Event` and `X-HelpScout-Signature`, or `{ url }` of the resource for a
 * webhook in notification mode. A failed attempt is retried {@link WEBHOOK_RETRIES} times with a
 * short backoff; a `410 Gone` disables the webhook. Attempts are counted in the stats
 * (`webhookDeliveries`: acknowledged with 2xx; `webhookFailures`: failed attempts).
 */
export async function deliverWebhook(
  emulator: EmulatorContext,
  account: Account,
  event: string,
  payload: unknown,
  transport: (request: Request) => Promise<Response>,
): Promise<void> {
  const mailboxId = event.startsWith("convo.") ? numberField(payload, "mailboxId") : undefined;
  const targets = [...account.mailbox.webhooks.values()].filter(
    (webhook) =>
      webhook.state === "enabled" &&
      (webhook.events as string[]).includes(event) &&
      (mailboxId === undefined ||
        !webhook.mailboxIds?.length ||
        webhook.mailboxIds.includes(mailboxId)),
  );
  await Promise.all(
    targets.map((webhook) => deliverOne(emulator, webhook, event, payload, transport)),
  );
}

async function deliverOne(
  emulator: EmulatorContext,
  webhook: StoredWebhook,
  event: string,
  payload: unknown,
  transport: (request: Request) => Promise<Response>,
): Promise<void> {
  const body = JSON.stringify(
    webhook.notification ? { url: resourceUrl(event, payload) } : payload,
  );
  const headers = {
    "content-type": "application/json",
    "x-helpscout-event": event,
    "x-helpscout-signature": signWebhookBody(webhook.secret, body),
  };
  for (let attempt = 0; attempt <= WEBHOOK_RETRIES; attempt += 1) {
    if (attempt > 0) await sleep(WEBHOOK_BACKOFF_MS * 2 ** (attempt - 1));
    if (webhook.state !== "enabled") return;
    let status: number;
    try {
      const request = new Request(webhook.url, {
        method: "POST",
        headers,
        body,
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      const response = await transport(request);
      status = response.status;
      // Drain the answer (cancelling its body stalls under msw's fetch interceptor).
      await response.arrayBuffer().catch(() => undefined);
    } catch {
      status = 0;
    }
    if (status >= 200 && status < 300) {
      emulator.stats.webhookDeliveries += 1;
      return;
    }
    emulator.stats.webhookFailures += 1;
    if (status === 410) {
      webhook.state = "disabled";
      return;
    }
  }
}

/** The API URL of the event's resource: its `_links.self`, else built from the event and `id`. */
function resourceUrl(event: string, payload: unknown): string {
  const links = field(payload, "_links");
  const self = field(links, "self");
  const href = field(self, "href");
  if (typeof href === "string") return href;
  const path = RESOURCE_PATHS[event.split(".")[0] ?? ""] ?? "conversations";
  const id = field(payload, "id");
  return `${API_BASE}/v2/${path}${id === undefined ? "" : `/${String(id)}`}`;
}

function field(value: unknown, name: string): unknown {
  return typeof value === "object" && value !== null
    ? (value as Record<string, unknown>)[name]
    : undefined;
}

function numberField(value: unknown, name: string): number | undefined {
  const found = field(value, name);
  return typeof found === "number" ? found : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
