import { SUBSCRIBABLE_WEBHOOK_EVENTS } from "@terapi/helpscout-mailbox/webhook-events";
import { type Context, Hono } from "hono";
import { created, hal, halList, noContent } from "../responses.js";
import type { EmulatorEnv, M, MailboxData } from "../types.js";
import { byId, linksOf } from "./account-lookups.js";
import {
  booleanField,
  FieldErrors,
  intArrayField,
  type JsonObject,
  notFound,
  optionalString,
  pageQuery,
  pathId,
  readJsonObject,
  requiredString,
} from "./account-requests.js";

const PAYLOAD_VERSIONS = ["V2", "V3"];

/** A stored subscription, as `src/webhook-delivery.ts` reads it. */
type StoredWebhook = M["Webhook"] & { secret: string };

/**
 * Webhook subscriptions: list, get, create (`201` + `Resource-ID`), full replace and delete
 * (`204`). Bodies are validated (`url` http(s), `events` from the documented list, `secret` of
 * at most 40 characters, known `mailboxIds`); subscriptions are stored `enabled` in
 * `account.mailbox.webhooks`, where the delivery reads them. A `PUT` enables a disabled one again.
 */
export function webhooksRoutes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  app.get("/v2/webhooks", (c) => {
    const page = pageQuery(c);
    if (page instanceof Response) return page;
    const webhooks = byId(c.get("account").mailbox.webhooks.values());
    return halList(
      c,
      "webhooks",
      webhooks.map((webhook) => webhookView(c, webhook)),
      { page },
    );
  });

  app.get("/v2/webhooks/:webhookId", (c) => {
    const webhook = findWebhook(c);
    return webhook ? hal(c, webhookView(c, webhook)) : notFound(c, "Webhook");
  });

  app.post("/v2/webhooks", async (c) => {
    const body = await readJsonObject(c);
    if (body instanceof Response) return body;
    const data = c.get("account").mailbox;
    const id = data.nextId;
    const webhook = subscription(body, data, id);
    if (webhook instanceof FieldErrors) return webhook.respond(c);
    data.nextId += 1;
    data.webhooks.set(id, webhook);
    return created(c, id, `/v2/webhooks/${id}`);
  });

  app.put("/v2/webhooks/:webhookId", async (c) => {
    const existing = findWebhook(c);
    if (!existing) return notFound(c, "Webhook");
    const body = await readJsonObject(c);
    if (body instanceof Response) return body;
    const data = c.get("account").mailbox;
    const webhook = subscription(body, data, existing.id);
    if (webhook instanceof FieldErrors) return webhook.respond(c);
    data.webhooks.set(existing.id, webhook);
    return noContent(c);
  });

  app.delete("/v2/webhooks/:webhookId", (c) => {
    const webhook = findWebhook(c);
    if (!webhook) return notFound(c, "Webhook");
    c.get("account").mailbox.webhooks.delete(webhook.id);
    return noContent(c);
  });

  return app;
}

function findWebhook(c: Context<EmulatorEnv>): StoredWebhook | undefined {
  const id = pathId(c, "webhookId");
  return id === undefined ? undefined : c.get("account").mailbox.webhooks.get(id);
}

function webhookView(c: Context, webhook: StoredWebhook): M["Webhook"] {
  return { ...webhook, _links: linksOf(c, { self: `/v2/webhooks/${webhook.id}` }) };
}

/** The subscription a create or replace body describes, or its field errors. */
function subscription(
  body: JsonObject,
  data: MailboxData,
  id: number,
): StoredWebhook | FieldErrors {
  const errors = new FieldErrors();
  const url = requiredString(body, "url", errors);
  if (url !== undefined && !isHttpUrl(url)) errors.add("url", "must be a valid http(s) URL", url);
  const events = eventsField(body, errors);
  const secret = requiredString(body, "secret", errors, 40);
  const notification = booleanField(body, "notification", errors) ?? false;
  const label = optionalString(body, "label", errors);
  const payloadVersion = optionalString(body, "payloadVersion", errors) ?? "V2";
  if (!PAYLOAD_VERSIONS.includes(payloadVersion)) {
    errors.add("payloadVersion", `must be one of: ${PAYLOAD_VERSIONS.join(", ")}`, payloadVersion);
  }
  const mailboxIds = intArrayField(body, "mailboxIds", errors, false);
  mailboxIds?.forEach((mailboxId, index) => {
    if (!data.mailboxes.has(mailboxId)) {
      errors.add(`mailboxIds[${index}]`, "is not a mailbox of the account", mailboxId);
    }
  });
  if (!errors.empty || url === undefined || !events || secret === undefined) return errors;
  return {
    id,
    url,
    state: "enabled",
    events,
    notification,
    ...(label === undefined ? {} : { label }),
    payloadVersion,
    ...(mailboxIds && mailboxIds.length > 0 ? { mailboxIds: [...new Set(mailboxIds)] } : {}),
    secret,
  };
}

function eventsField(body: JsonObject, errors: FieldErrors): string[] | undefined {
  const value = body.events;
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) {
    errors.add("events", "may not be empty", value ?? undefined);
    return undefined;
  }
  if (!Array.isArray(value)) {
    errors.add("events", "must be an array of event names", value);
    return undefined;
  }
  let valid = true;
  value.forEach((event, index) => {
    if (
      typeof event !== "string" ||
      !(SUBSCRIBABLE_WEBHOOK_EVENTS as readonly string[]).includes(event)
    ) {
      errors.add(
        `events[${index}]`,
        `must be one of: ${SUBSCRIBABLE_WEBHOOK_EVENTS.join(", ")}`,
        event,
      );
      valid = false;
    }
  });
  return valid ? [...new Set(value as string[])] : undefined;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

/** `GET /v2/ratings/{ratingId}`: one satisfaction rating with its related-object links. */
export function ratingsRoutes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  app.get("/v2/ratings/:ratingId", (c) => {
    const id = pathId(c, "ratingId");
    const rating = id === undefined ? undefined : c.get("account").mailbox.ratings.get(id);
    if (!rating) return notFound(c, "Rating");
    const relations: Record<string, string> = { self: `/v2/ratings/${rating.id}` };
    if (rating.conversationId !== undefined) {
      relations.conversation = `/v2/conversations/${rating.conversationId}`;
    }
    if (rating.mailboxId !== undefined) relations.mailbox = `/v2/mailboxes/${rating.mailboxId}`;
    if (rating.customer) relations.customer = `/v2/customers/${rating.customer.id}`;
    if (rating.user) relations.user = `/v2/users/${rating.user.id}`;
    return hal(c, { ...rating, _links: linksOf(c, relations) } satisfies M["Rating"]);
  });

  return app;
}
