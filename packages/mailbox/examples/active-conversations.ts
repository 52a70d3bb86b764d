import { createMailboxClient, paginate } from "@terapi/helpscout-mailbox";

const mailbox = createMailboxClient({ accessToken: process.env.HELPSCOUT_ACCESS_TOKEN ?? "" });

// Active conversations with their threads embedded: one request per page, not per conversation.
for await (const conversation of paginate(mailbox, "/v2/conversations", {
  params: { query: { status: "active", embed: "threads", sortField: "modifiedAt" } },
})) {
  const threads = conversation._embedded?.threads ?? [];
  console.log(`#${conversation.number} ${conversation.subject} (${threads.length} threads)`);
}
