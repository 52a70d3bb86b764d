import {
  conversationPatch,
  createdId,
  createMailboxClient,
  unwrap,
} from "@terapi/helpscout-mailbox";

const mailbox = createMailboxClient({ accessToken: process.env.HELPSCOUT_ACCESS_TOKEN ?? "" });
const mailboxId = Number(process.env.HELPSCOUT_MAILBOX_ID);

// Create: the answer has no body, the new id is in the Resource-ID header.
const conversationId = createdId(
  await mailbox.POST("/v2/conversations", {
    body: {
      subject: "Where is my order?",
      type: "email",
      mailboxId,
      status: "active",
      customer: { email: "ada@example.com", firstName: "Ada" },
      threads: [{ type: "customer", customer: { email: "ada@example.com" }, text: "Order #123?" }],
    },
  }),
);
const path = { conversationId };

// Reply, tag, close.
await mailbox.POST("/v2/conversations/{conversationId}/reply", {
  params: { path },
  body: { text: "It ships today.", customer: { email: "ada@example.com" } },
});
await mailbox.PUT("/v2/conversations/{conversationId}/tags", {
  params: { path },
  body: { tags: ["shipping"] },
});
await mailbox.PATCH("/v2/conversations/{conversationId}", {
  params: { path },
  body: conversationPatch.status("closed"),
});

const conversation = await unwrap(
  mailbox.GET("/v2/conversations/{conversationId}", { params: { path } }),
);
console.log(
  conversation.status,
  conversation.tags?.map((t) => t.tag),
);
