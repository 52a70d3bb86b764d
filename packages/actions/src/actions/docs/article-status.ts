import { defineAction } from "../../define-action.js";
import { updateArticle } from "./article-calls.js";
import { type ArticleOutput, articleResultSchema, docsIdSchema } from "./docs-schemas.js";

/** Input of `publish-article` and `unpublish-article`. */
export interface ArticleStatusInput {
  /** The article's id. */
  articleId: string;
}

/** Output of `publish-article` and `unpublish-article`. */
export type ArticleStatusOutput = ArticleOutput;

const input = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  additionalProperties: false,
  required: ["articleId"],
  properties: { articleId: { ...docsIdSchema, description: "The article's id." } },
} as const;

/** Publishes an article (one write that returns it). */
export const publishArticle = defineAction({
  name: "publish-article",
  title: "Publish an article",
  description:
    "Publishes a Docs article: it becomes visible on the site. A pending draft of it is discarded by Help Scout. Returns the article. Safe to re-run.",
  api: "docs",
  rerunSafe: true,
  input,
  output: articleResultSchema,
  async run({ articleId }: ArticleStatusInput, { docs, signal }) {
    return { article: await updateArticle(docs, articleId, { status: "published" }, signal) };
  },
});

/** Unpublishes an article (one write that returns it). */
export const unpublishArticle = defineAction({
  name: "unpublish-article",
  title: "Unpublish an article",
  description:
    "Unpublishes a Docs article: it is hidden from the site and stays visible to your team. Returns the article. Safe to re-run.",
  api: "docs",
  rerunSafe: true,
  input,
  output: articleResultSchema,
  async run({ articleId }: ArticleStatusInput, { docs, signal }) {
    return { article: await updateArticle(docs, articleId, { status: "notpublished" }, signal) };
  },
});
