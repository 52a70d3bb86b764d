import type { ServerResponse } from "node:http";
import {
  checkEnvelope,
  deliveryRules,
  parseVerified,
  toHeaders,
  type WebhookDeliveryInput,
} from "./parse-delivery.js";
import { type NodeRequest, readFetchBody, readNodeBody } from "./read-body.js";
import type { WebhookSecrets } from "./signature.js";
import type { KnownWebhookEvent, WebhookContext, WebhookEvent } from "./types.js";
import { isWebhookError, WebhookError } from "./webhook-error.js";
import {
  type AnyHandler,
  type EventHandler,
  type NotificationHandler,
  type UnknownHandler,
  WebhookRoutes,
} from "./webhook-routes.js";

/** Options of {@link createWebhookHandler}. */
export interface WebhookHandlerOptions {
  /**
   * The webhook's secret (at most 40 characters), or several while rotating: a delivery signed
   * with any of them is accepted. Never logged, never part of an error.
   */
  secret: WebhookSecrets;
  /** Bodies larger than this are refused with 413. Default 4 MiB. */
  maxBodyBytes?: number;
  /**
   * Called with an error a handler threw or rejected with, and the delivery. Handler errors are
   * never unhandled rejections. Default: `console.error` of the event, delivery id and message.
   */
  onError?: (error: unknown, event: WebhookEvent, context: WebhookContext) => void;
  /** Called for every refused delivery (bad signature, wrong content type…), e.g. to log it. */
  onRejected?: (error: WebhookError) => void;
}

/** Lets serverless platforms keep running handlers after the answer (Workers' `ctx`, Next's `after`). */
export interface WaitUntilContext {
  waitUntil?(promise: Promise<unknown>): void;
}

/** What {@link WebhookHandler.receive} decided about a delivery. */
export type WebhookReceipt =
  | {
      ok: true;
      /** Answer with this (200) right away. */
      status: 200;
      event: WebhookEvent;
      context: WebhookContext;
      /** Settles when every handler of this delivery has finished (it never rejects). */
      handled: Promise<void>;
    }
  | { ok: false; status: number; error: WebhookError };

/**
 * Verifies, parses and routes Help Scout webhook deliveries; see {@link createWebhookHandler}.
 * Every method is bound: pass `webhooks.fetch` or `webhooks.node` around as they are.
 */
export interface WebhookHandler {
  /** Handles deliveries of these known events, typed by name (`convo.created` → `Conversation`). */
  on<E extends KnownWebhookEvent>(
    event: E | readonly E[],
    handler: EventHandler<E>,
  ): WebhookHandler;
  /** Handles deliveries of webhooks in notification mode (body `{ url }`), whatever the event. */
  onNotification(handler: NotificationHandler): WebhookHandler;
  /** Handles events this version cannot type (new event names, non-object bodies). */
  onUnknown(handler: UnknownHandler): WebhookHandler;
  /** Handles every verified delivery, as a {@link WebhookEvent} tagged with its `kind`. */
  onAny(handler: AnyHandler): WebhookHandler;
  /** Verifies one framework-free delivery and starts its handlers (see {@link WebhookReceipt}). */
  receive(input: WebhookDeliveryInput): Promise<WebhookReceipt>;
  /**
   * Fetch API adapter (`Request → Response`: Hono, Next.js route handlers, Deno, Bun, Workers).
   * Answers 200 once the delivery is verified and parsed; handlers run after. Pass the platform's
   * `{ waitUntil }` to keep them alive past the answer.
   */
  fetch(request: Request, context?: WaitUntilContext): Promise<Response>;
  /** Node `http` / Express adapter `(req, res)`: same behaviour as {@link WebhookHandler.fetch}. */
  node(req: NodeRequest, res: ServerResponse): Promise<void>;
  /** Resolves once no handler is running (including handlers started while waiting). */
  idle(): Promise<void>;
  /** Refuses new deliveries with 503 (Help Scout retries them) and resolves when idle. */
  close(): Promise<void>;
}

/**
 * Creates a webhook endpoint: constant-time `X-HelpScout-Signature` verification of the raw body
 * (HMAC-SHA1, any of the secrets), typed events from the Mailbox spec, routing, and adapters for
 * the Fetch API and Node. It answers as soon as a delivery is verified (Help Scout expects a quick
 * 2xx) and runs handlers after the answer; their errors go to `onError`.
 *
 * @throws WebhookError `configuration_error` for an empty secret, one over 40 characters, or a
 *   bad `maxBodyBytes`.
 * @example
 * const webhooks = createWebhookHandler({ secret: process.env.HELPSCOUT_WEBHOOK_SECRET ?? "" })
 *   .on("convo.created", (conversation) => console.log(conversation.subject));
 * export const POST = (request: Request) => webhooks.fetch(request);
 */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  const rules = deliveryRules({ secret: options.secret, maxBodyBytes: options.maxBodyBytes });
  const routes = new WebhookRoutes();
  const running = new Set<Promise<void>>();
  let closing = false;
  const onError = options.onError ?? reportHandlerError;

  const runHandlers = async (event: WebhookEvent, context: WebhookContext) => {
    // Start after the answer has been handed back (a macrotask later): a handler that computes
    // synchronously for long must not delay the acknowledgement.
    await new Promise((resolve) => setTimeout(resolve, 0));
    for (const call of routes.callsFor(event, context)) {
      try {
        await call();
      } catch (error) {
        try {
          onError(error, event, context);
        } catch {
          // An onError that throws must not turn into an unhandled rejection either.
        }
      }
    }
  };

  const refuse = (error: unknown): WebhookReceipt => {
    const refusal = isWebhookError(error)
      ? error
      : new WebhookError("body_unreadable", "the delivery could not be read.", error);
    options.onRejected?.(refusal);
    return { ok: false, status: refusal.status, error: refusal };
  };

  const accept = async (headers: Headers, read: () => Promise<Uint8Array>) => {
    try {
      if (closing) throw new WebhookError("shutting_down", "the endpoint is shutting down.");
      const rawBody = await read();
      const event = await parseVerified(headers, rawBody, rules);
      const context: WebhookContext = {
        event: event.event,
        deliveryId: crypto.randomUUID(),
        receivedAt: new Date(),
        headers,
        rawBody,
      };
      const handled = runHandlers(event, context).finally(() => running.delete(handled));
      running.add(handled);
      return { ok: true, status: 200, event, context, handled } as const;
    } catch (error) {
      return refuse(error);
    }
  };

  const handler: WebhookHandler = {
    on(event, run) {
      routes.addEvents(typeof event === "string" ? [event] : event, run as never);
      return handler;
    },
    onNotification(run) {
      routes.add({ kind: "notification", run });
      return handler;
    },
    onUnknown(run) {
      routes.add({ kind: "unknown", run });
      return handler;
    },
    onAny(run) {
      routes.add({ kind: "any", run });
      return handler;
    },
    async receive(input) {
      const headers = toHeaders(input.headers);
      return accept(headers, async () => {
        checkEnvelope(input.method, headers, rules);
        return input.body;
      });
    },
    async fetch(request, context) {
      const receipt = await accept(request.headers, async () => {
        checkEnvelope(request.method, request.headers, rules);
        return readFetchBody(request, rules.maxBodyBytes);
      });
      if (receipt.ok && typeof context?.waitUntil === "function") {
        context.waitUntil(receipt.handled);
      }
      const { status, body } = answerOf(receipt);
      return new Response(body, { status, headers: answerHeaders(receipt, false) });
    },
    async node(req, res) {
      const headers = toHeaders(req.headers);
      const receipt = await accept(headers, async () => {
        checkEnvelope(req.method, headers, rules);
        return readNodeBody(req, rules.maxBodyBytes);
      });
      if (res.headersSent) return;
      const { status, body } = answerOf(receipt);
      res.writeHead(status, answerHeaders(receipt, true)).end(body);
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    close() {
      closing = true;
      return handler.idle();
    },
  };
  return handler;
}

function answerOf(receipt: WebhookReceipt): { status: number; body: string } {
  return receipt.ok
    ? { status: 200, body: "ok\n" }
    : { status: receipt.status, body: `${receipt.error.message}\n` };
}

function answerHeaders(receipt: WebhookReceipt, node: boolean): Record<string, string> {
  const headers: Record<string, string> = { "content-type": "text/plain; charset=utf-8" };
  // Node: the rest of an oversized body is not wanted, so the connection is not kept for it.
  if (node && !receipt.ok && receipt.error.code === "payload_too_large") {
    headers.connection = "close";
  }
  if (!receipt.ok && receipt.error.code === "method_not_allowed") headers.allow = "POST";
  return headers;
}

/** The default `onError`: one line on stderr, never the payload (it may hold personal data). */
function reportHandlerError(error: unknown, event: WebhookEvent, context: WebhookContext): void {
  const message = error instanceof Error ? error.message : String(error);
  // biome-ignore lint/suspicious/noConsole: a failing handler must not fail silently; pass onError to route it elsewhere.
  console.error(
    `@terapi/helpscout-webhooks: a handler of ${event.event} (delivery ${context.deliveryId}) failed: ${message}`,
  );
}
