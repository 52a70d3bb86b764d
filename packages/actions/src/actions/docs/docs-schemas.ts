import type { Article } from "@terapi/helpscout-docs";

/** A Docs object id: 24 hexadecimal characters. */
export const docsIdSchema = {
  type: "string",
  pattern: "^[0-9a-fA-F]{24}$",
  description: "A Docs id (24 hexadecimal characters).",
} as const;

/** A list of Docs ids. */
export const docsIdListSchema = {
  type: "array",
  items: docsIdSchema,
  uniqueItems: true,
} as const;

/** An article as Help Scout returns it; the fields every answer has are spelled out. */
export const articleOutputSchema = {
  type: "object",
  description: "The article as Help Scout's Docs API returns it (Article object).",
  required: ["id", "number", "collectionId", "status", "name"],
  properties: {
    id: { type: "string" },
    number: { type: "integer" },
    collectionId: { type: "string" },
    status: { enum: ["published", "notpublished"] },
    name: { type: "string" },
    categories: { type: "array", items: { type: "string" } },
    publicUrl: { type: "string" },
  },
} as const;

/** The output of actions that write an article. */
export const articleResultSchema = {
  type: "object",
  additionalProperties: false,
  required: ["article"],
  properties: { article: articleOutputSchema },
} as const;

/** Output of actions that write an article. */
export interface ArticleOutput {
  /** The article as it is now. */
  article: Article;
}
