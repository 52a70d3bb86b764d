import { isHelpScoutError } from "@terapi/helpscout-auth";
import { type Article, type DocsClient, unwrap } from "@terapi/helpscout-docs";
import { ActionError } from "../../action-errors.js";
import { defineAction } from "../../define-action.js";
import { readArticle, updateArticle } from "./article-calls.js";
import { articleOutputSchema, docsIdListSchema, docsIdSchema } from "./docs-schemas.js";

const NAME = "move-article";

/** Input of `move-article`. */
export interface MoveArticleInput {
  /** The article's id. */
  articleId: string;
  /** The categories it should be in (of its own collection); `[]` moves it to "Uncategorized". */
  categoryIds: string[];
}

/** Output of `move-article`. */
export interface MoveArticleOutput {
  /** The article, now in `categoryIds`. */
  article: Article;
  /** The categories it was in before. */
  previousCategoryIds: string[];
}

/** Files an article in other categories of its collection (reads to check, then one write). */
export const moveArticle = defineAction({
  name: NAME,
  title: "Move an article to categories",
  description:
    "Moves a Docs article into the categories given, replacing the ones it was in; [] moves it to the collection's Uncategorized. The categories must belong to the article's collection: the action reads the article and each category first and refuses others (conflict) before writing. Returns the article and the categories it was in. Safe to re-run.",
  api: "docs",
  rerunSafe: true,
  input: {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    additionalProperties: false,
    required: ["articleId", "categoryIds"],
    properties: {
      articleId: { ...docsIdSchema, description: "The article's id." },
      categoryIds: {
        ...docsIdListSchema,
        maxItems: 100,
        description: "Categories of the article's collection; [] means Uncategorized.",
      },
    },
  },
  output: {
    type: "object",
    additionalProperties: false,
    required: ["article", "previousCategoryIds"],
    properties: {
      article: articleOutputSchema,
      previousCategoryIds: { type: "array", items: { type: "string" } },
    },
  },
  async run(input: MoveArticleInput, { docs, signal }) {
    const before = await readArticle(docs, input.articleId, signal);
    for (const [index, categoryId] of input.categoryIds.entries()) {
      await checkCategory(docs, categoryId, before.collectionId, index, signal);
    }
    const article = await updateArticle(
      docs,
      before.id,
      // `null` files the article in Uncategorized; an array replaces its categories.
      { categories: input.categoryIds.length > 0 ? input.categoryIds : null },
      signal,
    );
    return { article, previousCategoryIds: before.categories ?? [] };
  },
});

/** Throws unless the category exists in the collection. */
async function checkCategory(
  docs: DocsClient,
  categoryId: string,
  collectionId: string,
  index: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  const path = `/categoryIds/${index}`;
  let category: { collectionId: string; name: string };
  try {
    ({ category } = await unwrap(
      docs.GET("/v1/categories/{categoryId}", { params: { path: { categoryId } }, signal }),
    ));
  } catch (error) {
    if (!isHelpScoutError(error) || error.code !== "not_found") throw error;
    throw new ActionError({
      action: NAME,
      code: "not_found",
      status: 404,
      message: `@terapi/helpscout-actions: ${NAME}: there is no category ${categoryId}.`,
      fieldErrors: [{ path, message: "is not a category" }],
      rerunSafe: true,
      cause: error,
    });
  }
  if (category.collectionId !== collectionId) {
    throw new ActionError({
      action: NAME,
      code: "conflict",
      status: 409,
      message: `@terapi/helpscout-actions: ${NAME}: category ${categoryId} ("${category.name}") belongs to another collection than the article; an article can only be filed in categories of its own collection.`,
      fieldErrors: [{ path, message: "is a category of another collection" }],
      rerunSafe: true,
    });
  }
}
