import {
  createdId,
  type MailboxClient,
  paginate,
  type Webhook,
  type WebhookEventName,
  type WebhookRequest,
} from "@terapi/helpscout-mailbox";
import { secretList } from "./signature.js";
import { WebhookError } from "./webhook-error.js";

/** The subscription {@link ensureWebhook} makes sure exists. */
export interface EnsureWebhookOptions {
  /** Where Help Scout POSTs deliveries (http or https); the subscription is found by this URL. */
  url: string;
  /** The events to subscribe to, e.g. `["convo.created", "customer.updated"]`. */
  events: readonly WebhookEventName[];
  /** The signing secret you generate: 1 to 40 characters. */
  secret: string;
  /** A free-text label. */
  label?: string;
  /** Only conversation events of these mailboxes (default: all). */
  mailboxIds?: readonly number[];
  /** Deliver only `{ url }` of the changed object instead of the object. Default false. */
  notification?: boolean;
  /** Payload version, `V2` (the default and the only documented value). */
  payloadVersion?: "V2" | "V3" | (string & {});
  /** Aborts the calls in flight. */
  signal?: AbortSignal;
}

/** What {@link ensureWebhook} did. */
export interface EnsureWebhookResult {
  /** The subscription's id. */
  id: number;
  /** `created` (POST), `updated` (PUT, full replace) or `unchanged` (no write). */
  action: "created" | "updated" | "unchanged";
  /**
   * The fields that differed and were replaced; `secret` when the API did not return the secret
   * (so it could not be compared), `state` when the subscription was disabled.
   */
  changed: readonly string[];
}

/**
 * Makes sure a webhook subscription exists exactly as described, idempotently: lists every page
 * of `GET /v2/webhooks`, finds the subscription by URL, creates it (`POST`) when missing, replaces
 * it (`PUT`, a full replace) when anything differs, and writes nothing when all is equal.
 *
 * Compared: events (as a set), notification, label, payload version (absent = `V2`), mailbox ids
 * (as a set), the state (a disabled subscription is PUT again, which enables it in the emulator;
 * Help Scout does not document this), and the secret. **The secret** is compared when the API
 * returns it (the official SDK's fixtures show it does); when it does not, it cannot be known to
 * be equal, so the subscription is PUT (`updated`, with `secret` in `changed`): one write on each
 * call, but never a stale secret. When several subscriptions share the URL, the first listed is
 * the one kept in shape. Two processes calling this at once for a new URL may both create one.
 *
 * @throws WebhookError `configuration_error` for a URL that is not http(s), no events, or a secret
 *   that is empty or over 40 characters (the message never shows it);
 *   `HelpScoutError` for API failures.
 * @example
 * const { id, action } = await ensureWebhook(mailbox, {
 *   url: "https://example.com/helpscout",
 *   events: ["convo.created", "convo.status"],
 *   secret: process.env.HELPSCOUT_WEBHOOK_SECRET ?? "",
 * });
 */
export async function ensureWebhook(
  mailbox: MailboxClient,
  options: EnsureWebhookOptions,
): Promise<EnsureWebhookResult> {
  const desired = requestOf(options);
  const url = normalUrl(desired.url);
  let existing: Webhook | undefined;
  for await (const webhook of paginate(mailbox, "/v2/webhooks", { signal: options.signal })) {
    if (normalUrl(webhook.url) === url) {
      existing = webhook;
      break;
    }
  }
  if (existing === undefined) {
    const id = createdId(
      await mailbox.POST("/v2/webhooks", { body: desired, signal: options.signal }),
    );
    return { id, action: "created", changed: [] };
  }
  const changed = differences(existing, desired);
  if (changed.length === 0) return { id: existing.id, action: "unchanged", changed };
  await mailbox.PUT("/v2/webhooks/{webhookId}", {
    params: { path: { webhookId: existing.id } },
    body: desired,
    signal: options.signal,
  });
  return { id: existing.id, action: "updated", changed };
}

/** The create/replace body, validated; defaults spelled out so a PUT replaces them too. */
function requestOf(options: EnsureWebhookOptions): WebhookRequest {
  if (!URL.canParse(options.url) || !/^https?:$/.test(new URL(options.url).protocol)) {
    throw new WebhookError(
      "configuration_error",
      `url must be an http(s) URL, got "${options.url}".`,
    );
  }
  if (!Array.isArray(options.events) || options.events.length === 0) {
    throw new WebhookError("configuration_error", "events must name at least one event.");
  }
  if (options.events.some((event) => typeof event !== "string" || event.trim() === "")) {
    throw new WebhookError("configuration_error", "events must be non-empty event names.");
  }
  secretList(options.secret);
  const mailboxIds = [...new Set(options.mailboxIds ?? [])];
  if (mailboxIds.some((id) => !Number.isSafeInteger(id) || id < 1)) {
    throw new WebhookError("configuration_error", "mailboxIds must be positive integers.");
  }
  return {
    url: options.url,
    events: [...new Set(options.events)],
    secret: options.secret,
    notification: options.notification ?? false,
    payloadVersion: options.payloadVersion ?? "V2",
    ...(options.label === undefined ? {} : { label: options.label }),
    ...(mailboxIds.length > 0 ? { mailboxIds } : {}),
  };
}

function normalUrl(url: string): string {
  return URL.canParse(url) ? new URL(url).href : url;
}

const sameSet = <T>(a: readonly T[], b: readonly T[]) => {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((item) => right.has(item));
};

/** The fields of `existing` that a PUT of `desired` would change. */
function differences(existing: Webhook, desired: WebhookRequest): string[] {
  const changed: string[] = [];
  if (!sameSet(existing.events, desired.events)) changed.push("events");
  if (existing.secret !== desired.secret) changed.push("secret");
  if ((existing.notification ?? false) !== desired.notification) changed.push("notification");
  if ((existing.label ?? "") !== (desired.label ?? "")) changed.push("label");
  if ((existing.payloadVersion ?? "V2") !== desired.payloadVersion) changed.push("payloadVersion");
  if (!sameSet(existing.mailboxIds ?? [], desired.mailboxIds ?? [])) changed.push("mailboxIds");
  if (existing.state !== "enabled") changed.push("state");
  return changed;
}
