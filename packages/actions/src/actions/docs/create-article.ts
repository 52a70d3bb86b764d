import { type Article, unwrap } from "@terapi/helpscout-docs";
import { defineAction } from "../../define-action.js";
import {
  type ArticleOutput,
  articleResultSchema,
  docsIdListSchema,
  docsIdSchema,
} from "./docs-schemas.js";

/** Input of `create-article`. */
export interface CreateArticleInput {
  /** The collection it goes in. */
  collectionId: string;
  /** Title, unique within the collection. */
  name: string;
  /** Body, HTML or plain text. */
  text: string;
  /** `notpublished` (a draft only your team sees) by default. */
  status?: "published" | "notpublished";
  /** URL slug; made from the name when omitted. */
  slug?: string;
  /** Categories of the collection to file it in; "Uncategorized" when omitted. */
  categories?: string[];
  /** Search keywords. */
  keywords?: string[];
  /** Related articles. */
  related?: string[];
}

/** Output of `create-article`. */
export type CreateArticleOutput = ArticleOutput;

/** Creates a Docs article (one write that returns it: `reload=true`). */
export const createArticle = defineAction({
  name: "create-article",
  title: "Create an article",
  description:
    "Creates a Docs article in a collection, unpublished unless status is published, optionally filed in categories of that collection and with keywords and related articles. Returns the new article. Not safe to re-run: names are unique within a collection, so a second run is refused (or, with another name, makes a second article).",
  api: "docs",
  rerunSafe: false,
  input: {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    additionalProperties: false,
    required: ["collectionId", "name", "text"],
    properties: {
      collectionId: { ...docsIdSchema, description: "The collection it goes in." },
      name: { type: "string", minLength: 1, description: "Title, unique in the collection." },
      text: { type: "string", minLength: 1, description: "Body, HTML or plain text." },
      status: { enum: ["published", "notpublished"], default: "notpublished" },
      slug: { type: "string", minLength: 1, pattern: "^[A-Za-z0-9-]+$" },
      categories: { ...docsIdListSchema, description: "Categories of the same collection." },
      keywords: { type: "array", items: { type: "string", minLength: 1 } },
      related: { ...docsIdListSchema, description: "Related article ids." },
    },
  },
  output: articleResultSchema,
  async run(input: CreateArticleInput, { docs, signal }) {
    const { article } = await unwrap(
      docs.POST("/v1/articles", {
        params: { query: { reload: true } },
        body: { status: "notpublished", ...input },
        signal,
      }),
    );
    return { article: article as Article };
  },
});
