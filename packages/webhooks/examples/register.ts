import { createMailboxClient } from "@terapi/helpscout-mailbox";
import { ensureWebhook } from "@terapi/helpscout-webhooks";

const mailbox = createMailboxClient({ accessToken: process.env.HELPSCOUT_ACCESS_TOKEN ?? "" });

// Idempotent: run it on every deploy. Creates the subscription, replaces it when it differs,
// and writes nothing when it is already as described.
const { id, action, changed } = await ensureWebhook(mailbox, {
  url: "https://example.com/helpscout",
  events: ["convo.created", "convo.status", "convo.deleted", "customer.updated"],
  secret: process.env.HELPSCOUT_WEBHOOK_SECRET ?? "",
  label: "CRM sync",
});
console.log(`webhook ${id}: ${action}`, changed);
