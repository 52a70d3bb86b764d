import { createServer } from "node:http";
import { createWebhookHandler } from "@terapi/helpscout-webhooks";

// Plain Node http: `webhooks.node` reads the raw body itself.
const webhooks = createWebhookHandler({
  // While rotating, accept the new secret and the old one.
  secret: [process.env.HELPSCOUT_WEBHOOK_SECRET ?? "", process.env.HELPSCOUT_OLD_SECRET ?? "old"],
  onError: (error, event, ctx) => console.error(`${event.event} ${ctx.deliveryId} failed`, error),
  onRejected: (error) => console.warn(`refused (${error.status} ${error.code}): ${error.message}`),
})
  .on("convo.assigned", async (conversation) => {
    console.log(conversation.id, "assigned to", conversation.assignee?.email);
  })
  .onNotification(({ url }, ctx) => {
    // A webhook in notification mode sends only the object's URL: read it with the API client.
    console.log(ctx.event, "changed:", url);
  });

const server = createServer((req, res) => void webhooks.node(req, res)).listen(3000);

// Graceful shutdown: stop taking connections, answer 503 to late deliveries (Help Scout retries
// them), and let running handlers finish.
process.once("SIGTERM", async () => {
  server.close();
  await webhooks.close();
  process.exit(0);
});
