// The root README's first examples, kept here so they typecheck (tsconfig.json includes examples/).
import { createDocsClient, paginate } from "@terapi/helpscout-docs";
import {
  conversationPatch,
  createMailboxClient,
  paginate as paginateHal,
} from "@terapi/helpscout-mailbox";

export async function docsExample(): Promise<void> {
  const docs = createDocsClient({ apiKey: process.env.HELPSCOUT_DOCS_API_KEY ?? "" });

  for await (const article of paginate(docs, "/v1/collections/{collectionId}/articles", {
    params: { path: { collectionId: "5214c83d45667acd25394b52" }, query: { status: "published" } },
  })) {
    console.log(article.number, article.name); // typed: ArticleRef
  }
}

export async function mailboxExample(): Promise<void> {
  const mailbox = createMailboxClient({ accessToken: process.env.HELPSCOUT_ACCESS_TOKEN ?? "" });
  for await (const conversation of paginateHal(mailbox, "/v2/conversations", {
    params: { query: { status: "pending", tag: "refund" } },
  })) {
    await mailbox.PATCH("/v2/conversations/{conversationId}", {
      params: { path: { conversationId: conversation.id } },
      body: conversationPatch.status("active"),
    });
  }
}
