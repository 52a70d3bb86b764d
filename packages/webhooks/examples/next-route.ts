// app/api/helpscout/route.ts in a Next.js (App Router) project.
import { createWebhookHandler } from "@terapi/helpscout-webhooks";

const webhooks = createWebhookHandler({
  secret: process.env.HELPSCOUT_WEBHOOK_SECRET ?? "",
}).on("convo.customer.reply.created", async (conversation) => {
  console.log("customer replied to", conversation.number);
});

// Answers 200 as soon as the delivery is verified; the handler runs after the answer.
// On a serverless host, pass `{ waitUntil: after }` (from "next/server") to keep it running.
export async function POST(request: Request): Promise<Response> {
  return webhooks.fetch(request);
}
