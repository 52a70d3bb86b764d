import { createDocsClient, paginate } from "@terapi/helpscout-docs";

const docs = createDocsClient({ apiKey: process.env.HELPSCOUT_DOCS_API_KEY ?? "" });

for await (const article of paginate(docs, "/v1/collections/{collectionId}/articles", {
  params: { path: { collectionId: "5214c83d45667acd25394b52" }, query: { status: "published" } },
})) {
  console.log(article.number, article.name); // typed: ArticleRef
}
