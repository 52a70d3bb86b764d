import { readFile } from "node:fs/promises";
import { createDocsClient, unwrap } from "@terapi/helpscout-docs";

const docs = createDocsClient({ apiKey: process.env.HELPSCOUT_DOCS_API_KEY ?? "" });
const articleId = process.env.HELPSCOUT_DOCS_ARTICLE_ID ?? "";

// Multipart bodies are plain objects with a Blob: the client sends multipart/form-data.
const png = new Blob([await readFile("diagram.png")], { type: "image/png" });
const { filelink } = await unwrap(
  docs.POST("/v1/assets/article", { body: { articleId, assetType: "image", file: png } }),
);
console.log(`<img src="${filelink}">`);
