import { defineAction } from "../../define-action.js";
import { updateArticle as putArticle } from "./article-calls.js";
import {
  type ArticleOutput,
  articleResultSchema,
  docsIdListSchema,
  docsIdSchema,
} from "./docs-schemas.js";

/** The fields `update-article` can change. */
export interface ArticleChanges {
  /** Title, unique within the collection. */
  name?: string;
  /** Body, HTML or plain text (a pending draft of a published article is discarded). */
  text?: string;
  /** URL slug. */
  slug?: string;
  /** Search keywords (replaces the list). */
  keywords?: string[];
  /** Related articles (replaces the list). */
  related?: string[];
}

/** Input of `update-article`: the article and at least one field to change. */
export type UpdateArticleInput = { articleId: string } & (
  | (ArticleChanges & { name: string })
  | (ArticleChanges & { text: string })
  | (ArticleChanges & { slug: string })
  | (ArticleChanges & { keywords: string[] })
  | (ArticleChanges & { related: string[] })
);

/** Output of `update-article`. */
export type UpdateArticleOutput = ArticleOutput;

/** Changes fields of an article; the others stay (one write that returns it). */
export const updateArticle = defineAction({
  name: "update-article",
  title: "Update an article",
  description:
    "Changes the name, text, slug, keywords or related articles of a Docs article; fields not given stay as they are. Lists given replace the article's lists. Use publish-article / unpublish-article for the status and move-article for categories. Returns the article. Safe to re-run.",
  api: "docs",
  rerunSafe: true,
  input: {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    additionalProperties: false,
    required: ["articleId"],
    examples: [{ articleId: "5214c83d45667acd25394b52", name: "Reset your password" }],
    properties: {
      articleId: { ...docsIdSchema, description: "The article's id." },
      name: { type: "string", minLength: 1 },
      text: { type: "string", minLength: 1 },
      slug: { type: "string", minLength: 1, pattern: "^[A-Za-z0-9-]+$" },
      keywords: { type: "array", items: { type: "string", minLength: 1 } },
      related: docsIdListSchema,
    },
    anyOf: [
      { required: ["name"] },
      { required: ["text"] },
      { required: ["slug"] },
      { required: ["keywords"] },
      { required: ["related"] },
    ],
  },
  output: articleResultSchema,
  async run({ articleId, ...changes }: UpdateArticleInput, { docs, signal }) {
    return { article: await putArticle(docs, articleId, changes, signal) };
  },
});
