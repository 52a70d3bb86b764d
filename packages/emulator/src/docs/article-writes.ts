import { Hono } from "hono";
import { docsError } from "../responses.js";
import type { D, DocsData, EmulatorEnv } from "../types.js";
import { articleOut } from "./article-shapes.js";
import {
  type Body,
  createdResponse,
  emptyOk,
  type FieldRule,
  integer,
  invalidField,
  readBody,
  strings,
  text,
  wantsReload,
} from "./input.js";
import {
  addRevision,
  categoriesOrUncategorized,
  type DocsContext,
  docsOf,
  isUncategorized,
  newId,
  nextNumber,
  nowIso,
  popularityOf,
  publicUrl,
  recount,
  removeArticle,
  slugify,
} from "./store.js";

const STATUSES = ["published", "notpublished"] as const;

const UPDATE_RULES: Record<string, FieldRule> = {
  status: { type: "string", values: STATUSES },
  slug: { type: "string" },
  name: { type: "string" },
  text: { type: "string" },
  categories: { type: "strings", nullable: true },
  related: { type: "strings", nullable: true },
  keywords: { type: "strings", nullable: true },
};

/** What a new article is made of (Create Article's body, or an uploaded file). */
export interface NewArticle {
  collectionId: string;
  name: string;
  text: string;
  status?: D["ArticleStatus"];
  slug?: string;
  categories?: string[];
  related?: string[];
  keywords?: string[];
}

/**
 * Creates an article after checking its collection (404), unique name (400) and categories (400);
 * files it under "Uncategorized" when it has no category and records its first revision.
 */
export function createArticle(c: DocsContext, input: NewArticle): D["Article"] | Response {
  const docs = docsOf(c);
  const collection = docs.collections.get(input.collectionId);
  if (!collection) return docsError(c, 404, "Collection not found");
  if (nameTaken(docs, collection.id, input.name)) {
    return docsError(c, 400, "An article with this name already exists in the collection");
  }
  const problem = badCategories(docs, collection.id, input.categories ?? []);
  if (problem) return docsError(c, 400, problem);
  const now = nowIso(c);
  const number = nextNumber(docs);
  const slug = input.slug || slugify(input.name);
  const status = input.status ?? "notpublished";
  const article: D["Article"] = {
    id: newId(c),
    number,
    collectionId: collection.id,
    slug,
    status,
    hasDraft: false,
    name: input.name,
    text: input.text,
    categories: categoriesOrUncategorized(docs, collection.id, input.categories ?? []),
    related: (input.related ?? []).filter((id) => docs.articles.has(id)),
    keywords: input.keywords ?? [],
    publicUrl: publicUrl(docs, collection.id, "article", number, slug),
    popularity: popularityOf(0),
    viewCount: 0,
    createdBy: c.get("userId"),
    updatedBy: null,
    createdAt: now,
    updatedAt: null,
    lastPublishedAt: status === "published" ? now : null,
  };
  docs.articles.set(article.id, article);
  addRevision(c, article.id, input.text);
  recount(docs, collection.id);
  return article;
}

/** Create, Update, Update View Count and Delete Article. */
export function articleWriteRoutes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  app.post("/v1/articles", async (c) => {
    const body = await readBody(c);
    if (body instanceof Response) return body;
    const problem = invalidField(body, {
      collectionId: { type: "string", required: true },
      ...UPDATE_RULES,
      name: { type: "string", required: true },
      categories: { type: "strings" },
      related: { type: "strings" },
      keywords: { type: "strings" },
    });
    if (problem) return docsError(c, 400, problem);
    const article = createArticle(c, {
      collectionId: text(body, "collectionId") ?? "",
      name: (text(body, "name") ?? "").trim(),
      text: text(body, "text") ?? "",
      ...optional(body),
    });
    if (article instanceof Response) return article;
    if (wantsReload(c, body)) return c.json({ article: articleOut(docsOf(c), article) }, 201);
    return createdResponse(c, `/v1/articles/${article.id}`);
  });

  app.put("/v1/articles/:articleId", async (c) => {
    const docs = docsOf(c);
    const article = docs.articles.get(c.req.param("articleId"));
    if (!article) return docsError(c, 404, "Article not found");
    const body = await readBody(c);
    if (body instanceof Response) return body;
    const problem = invalidField(body, UPDATE_RULES) ?? updateProblem(docs, article, body);
    if (problem) return docsError(c, 400, problem);
    const updated = applyUpdate(c, article, body);
    if (wantsReload(c, body)) return c.json({ article: articleOut(docs, updated) });
    return emptyOk(c);
  });

  app.put("/v1/articles/:articleId/views", async (c) => {
    const docs = docsOf(c);
    const article = docs.articles.get(c.req.param("articleId"));
    if (!article) return docsError(c, 404, "Article not found");
    const body = await readBody(c);
    if (body instanceof Response) return body;
    const problem = invalidField(body, { count: { type: "integer" } });
    if (problem) return docsError(c, 400, problem);
    const count = integer(body, "count") ?? 1;
    if (count < 1) return docsError(c, 400, "count must be at least 1");
    const viewCount = (article.viewCount ?? 0) + count;
    docs.articles.set(article.id, { ...article, viewCount, popularity: popularityOf(viewCount) });
    return emptyOk(c);
  });

  app.delete("/v1/articles/:articleId", (c) => {
    const docs = docsOf(c);
    const article = docs.articles.get(c.req.param("articleId"));
    if (!article) return docsError(c, 404, "Article not found");
    removeArticle(docs, article.id);
    recount(docs, article.collectionId);
    return c.body(null, 204);
  });

  return app;
}

function optional(body: Body): Partial<NewArticle> {
  const status = text(body, "status") as D["ArticleStatus"] | undefined;
  const fields: Partial<NewArticle> = {
    status,
    slug: text(body, "slug"),
    categories: strings(body, "categories"),
    related: strings(body, "related"),
    keywords: strings(body, "keywords"),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

function nameTaken(docs: DocsData, collectionId: string, name: string, exceptId = ""): boolean {
  const wanted = name.trim().toLowerCase();
  for (const article of docs.articles.values()) {
    if (article.collectionId !== collectionId || article.id === exceptId) continue;
    if (article.name.trim().toLowerCase() === wanted) return true;
  }
  return false;
}

/** Categories must be of the collection and not its "Uncategorized" one. */
function badCategories(docs: DocsData, collectionId: string, ids: readonly string[]) {
  for (const id of ids) {
    const category = docs.categories.get(id);
    if (!category || category.collectionId !== collectionId) {
      return `Category ${id} is not a category of the article's collection`;
    }
    if (isUncategorized(category)) return "The Uncategorized category cannot be assigned";
  }
  return undefined;
}

function updateProblem(docs: DocsData, article: D["Article"], body: Body): string | undefined {
  const name = text(body, "name");
  if (name !== undefined && name.trim() === "") return "name must not be empty";
  if (name !== undefined && nameTaken(docs, article.collectionId, name, article.id)) {
    return "An article with this name already exists in the collection";
  }
  return badCategories(docs, article.collectionId, strings(body, "categories") ?? []);
}

/**
 * Merges an update into an article: omitted fields stay, `categories: null` (or `[]`) files it
 * under "Uncategorized", publishing or changing a published article's text discards its draft,
 * and a text change records a revision.
 */
function applyUpdate(c: DocsContext, article: D["Article"], body: Body): D["Article"] {
  const docs = docsOf(c);
  const now = nowIso(c);
  const status = (text(body, "status") as D["ArticleStatus"] | undefined) ?? article.status;
  const newText = text(body, "text");
  const textChanged = newText !== undefined && newText !== article.text;
  const publishing = status === "published" && article.status !== "published";
  if (publishing || (textChanged && status === "published")) docs.drafts.delete(article.id);
  const slug = text(body, "slug") || article.slug || slugify(article.name);
  const categories =
    body.categories === undefined
      ? article.categories
      : categoriesOrUncategorized(docs, article.collectionId, strings(body, "categories") ?? []);
  const updated: D["Article"] = {
    ...article,
    name: text(body, "name")?.trim() ?? article.name,
    slug,
    status,
    text: newText ?? article.text,
    categories,
    related: body.related === undefined ? article.related : (strings(body, "related") ?? []),
    keywords: body.keywords === undefined ? article.keywords : (strings(body, "keywords") ?? []),
    publicUrl: publicUrl(docs, article.collectionId, "article", article.number, slug),
    hasDraft: docs.drafts.has(article.id),
    updatedBy: c.get("userId"),
    updatedAt: now,
    lastPublishedAt:
      publishing || (textChanged && status === "published") ? now : article.lastPublishedAt,
  };
  docs.articles.set(article.id, updated);
  if (textChanged) addRevision(c, article.id, newText);
  recount(docs, article.collectionId);
  return updated;
}
