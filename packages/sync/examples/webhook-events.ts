import { createMailboxClient } from "@terapi/helpscout-mailbox";
import { applyWebhookEvent, createPgliteRecordStore } from "@terapi/helpscout-sync";

const store = createPgliteRecordStore({ dataDir: ".data/helpscout-sync" });
const mailbox = createMailboxClient({ accessToken: process.env.HELPSCOUT_ACCESS_TOKEN ?? "" });

// A verified delivery (e.g. from @terapi/helpscout-webhooks' onAny): its event name and body.
const delivery = { event: "convo.deleted", payload: { id: 123 } };
const result = await applyWebhookEvent(store, { connectionId: "acme", ...delivery, mailbox });
console.log(result.model, result.id, result.action); // conversations 123 deleted
await store.close();
