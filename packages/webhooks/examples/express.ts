import { createWebhookHandler } from "@terapi/helpscout-webhooks";
import express from "express";

const webhooks = createWebhookHandler({
  secret: process.env.HELPSCOUT_WEBHOOK_SECRET ?? "",
}).on("tag.created", (tag) => console.log("new tag", tag.name));

const app = express();
// Mount the webhook route BEFORE express.json(): the signature covers the raw bytes, which a
// JSON parser consumes. (Or give this route express.raw({ type: "application/json" }).)
app.post("/helpscout", webhooks.node);
app.use(express.json());
app.listen(3000);
