import { createDocsClient, paginate, unwrap } from "@terapi/helpscout-docs";

const docs = createDocsClient({ apiKey: process.env.HELPSCOUT_DOCS_API_KEY ?? "" });

// Every collection, then every published article in it, page after page.
const { collections } = await unwrap(docs.GET("/v1/collections"));
for (const collection of collections.items) {
  for await (const article of paginate(docs, "/v1/collections/{collectionId}/articles", {
    params: { path: { collectionId: collection.id }, query: { status: "published" } },
  })) {
    console.log(`${collection.name} › #${article.number} ${article.name}`);
  }
}
