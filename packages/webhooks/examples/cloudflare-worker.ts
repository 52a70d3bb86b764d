import { createWebhookHandler, type WebhookHandler } from "@terapi/helpscout-webhooks";

interface Env {
  HELPSCOUT_WEBHOOK_SECRET: string;
}

let webhooks: WebhookHandler | undefined;

// A Cloudflare Worker (Deno and Bun serve the same `Request → Response` function). The worker's
// `ctx.waitUntil` keeps slow handlers alive after the 200 has been sent.
export default {
  async fetch(
    request: Request,
    env: Env,
    ctx: { waitUntil(promise: Promise<unknown>): void },
  ): Promise<Response> {
    webhooks ??= createWebhookHandler({ secret: env.HELPSCOUT_WEBHOOK_SECRET }).on(
      "satisfaction.ratings",
      async (rating) => {
        await fetch("https://example.com/ratings", {
          method: "POST",
          body: JSON.stringify(rating),
        });
      },
    );
    return webhooks.fetch(request, ctx);
  },
};
