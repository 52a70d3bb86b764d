import { conversationPatch, createMailboxClient, paginate } from "@terapi/helpscout-mailbox";

const mailbox = createMailboxClient({ accessToken: process.env.HELPSCOUT_ACCESS_TOKEN ?? "" });
for await (const conversation of paginate(mailbox, "/v2/conversations", {
  params: { query: { status: "pending", tag: "refund" } },
})) {
  await mailbox.PATCH("/v2/conversations/{conversationId}", {
    params: { path: { conversationId: conversation.id } },
    body: conversationPatch.status("active"),
  });
}
