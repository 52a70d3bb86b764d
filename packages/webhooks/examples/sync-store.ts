import { createServer } from "node:http";
import { createMailboxClient } from "@terapi/helpscout-mailbox";
import { createPgliteRecordStore, runSync, syncStoreWebhookListener } from "@terapi/helpscout-sync";
import { createWebhookHandler } from "@terapi/helpscout-webhooks";

const store = createPgliteRecordStore({ dataDir: ".data/helpscout-sync" });
const mailbox = createMailboxClient({ accessToken: process.env.HELPSCOUT_ACCESS_TOKEN ?? "" });

// The sync fills the store and keeps its checkpoints; webhooks keep it current in between,
// with the same records, ids and hashes, without touching those checkpoints.
await runSync({ store, connectionId: "acme", mailbox });
const webhooks = createWebhookHandler({ secret: process.env.HELPSCOUT_WEBHOOK_SECRET ?? "" }).onAny(
  syncStoreWebhookListener(store, { connectionId: "acme", mailbox }),
);
createServer((req, res) => void webhooks.node(req, res)).listen(3000);
