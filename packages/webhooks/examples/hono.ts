import { createWebhookHandler } from "@terapi/helpscout-webhooks";
import { Hono } from "hono";

// Verify, parse and route: each handler gets the payload typed from the Mailbox spec.
const webhooks = createWebhookHandler({ secret: process.env.HELPSCOUT_WEBHOOK_SECRET ?? "" })
  .on("convo.created", (conversation, ctx) => {
    console.log(ctx.event, conversation.id, conversation.subject);
  })
  .on(["customer.created", "customer.updated"], (customer) => {
    console.log("customer", customer.id, customer.firstName);
  })
  .on("convo.deleted", ({ id }) => {
    console.log("deleted", id);
  })
  .onUnknown((payload, ctx) => {
    console.log("an event this version does not know yet:", ctx.event, payload);
  });

// Hono hands the raw Request through: the signature is checked over its exact bytes.
const app = new Hono();
app.post("/helpscout", (c) => webhooks.fetch(c.req.raw));

export default app;
