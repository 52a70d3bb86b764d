import { createDocsClient, createdId, isHelpScoutError } from "@terapi/helpscout-docs";

const docs = createDocsClient({ apiKey: process.env.HELPSCOUT_DOCS_API_KEY ?? "" });
const collectionId = process.env.HELPSCOUT_DOCS_COLLECTION_ID ?? "";

try {
  const created = await docs.POST("/v1/articles", {
    body: {
      collectionId,
      name: "Reset your password",
      text: "<p>Steps…</p>",
      status: "notpublished",
    },
  });
  const articleId = createdId(created); // from the Location header
  await docs.PUT("/v1/articles/{articleId}", {
    params: { path: { articleId } },
    body: { status: "published", keywords: ["password", "login"] },
  });
  console.log(`published ${articleId}`);
} catch (error) {
  if (isHelpScoutError(error)) console.error(error.code, error.status, error.fieldErrors);
  else throw error;
}
