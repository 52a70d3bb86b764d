import { Hono } from "hono";
import { docsError } from "../responses.js";
import type { D, EmulatorEnv } from "../types.js";
import {
  ARTICLE_SORTS,
  articleOut,
  articleRef,
  articleSearchItem,
  articleSortKey,
  matchesStatus,
  plainText,
  STATUS_FILTERS,
} from "./article-shapes.js";
import { listPage, queryEnum, readListQuery, sortItems } from "./listing.js";
import { byIdOrNumber, type DocsContext, docsOf } from "./store.js";

/**
 * Article reads: List Articles by collection and by category (status filter, sort, order, page,
 * `pageSize` up to 100), Search Articles, List Related Articles and Get Article (by id or number,
 * `draft=true` for the draft text).
 */
export function articlesReadRoutes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  app.get("/v1/collections/:collectionId/articles", (c) => {
    const docs = docsOf(c);
    const collection = docs.collections.get(c.req.param("collectionId"));
    if (!collection) return docsError(c, 404, "Collection not found");
    const articles = [...docs.articles.values()].filter((a) => a.collectionId === collection.id);
    return articleList(c, articles);
  });

  app.get("/v1/categories/:categoryId/articles", (c) => {
    const docs = docsOf(c);
    const category = docs.categories.get(c.req.param("categoryId"));
    if (!category) return docsError(c, 404, "Category not found");
    const articles = [...docs.articles.values()].filter((a) => a.categories?.includes(category.id));
    return articleList(c, articles, category.defaultSort);
  });

  app.get("/v1/articles/:articleId/related", (c) => {
    const docs = docsOf(c);
    const article = docs.articles.get(c.req.param("articleId"));
    if (!article) return docsError(c, 404, "Article not found");
    const related = (article.related ?? []).flatMap((id) => {
      const found = docs.articles.get(id);
      return found ? [found] : [];
    });
    return articleList(c, related, "custom");
  });

  app.get("/v1/search/articles", (c) => {
    const docs = docsOf(c);
    const status = queryEnum(c, "status", STATUS_FILTERS, "all");
    if (status instanceof Response) return status;
    const visibility = queryEnum(c, "visibility", ["all", "public", "private"] as const, "all");
    if (visibility instanceof Response) return visibility;
    const query = readListQuery(c);
    if (query instanceof Response) return query;
    const collectionId = c.req.query("collectionId");
    const siteId = c.req.query("siteId");
    const terms = searchTerms(c.req.query("query"));
    const scored: { article: D["Article"]; score: number }[] = [];
    for (const article of docs.articles.values()) {
      const collection = docs.collections.get(article.collectionId);
      if (collectionId && article.collectionId !== collectionId) continue;
      if (siteId && collection?.siteId !== siteId) continue;
      if (!matchesStatus(article, status)) continue;
      if (visibility !== "all" && collection?.visibility !== visibility) continue;
      const score = relevance(article, terms);
      if (score > 0) scored.push({ article, score });
    }
    const ranked = sortItems(
      scored,
      ({ article, score }) => -score * 1e6 - (article.popularity ?? 0) * 1e3,
      "asc",
    );
    return listPage(
      c,
      "articles",
      ranked.map(({ article }) => articleSearchItem(docs, article)),
    );
  });

  app.get("/v1/articles/:articleId", (c) => {
    const docs = docsOf(c);
    const article = byIdOrNumber(docs.articles, c.req.param("articleId"));
    if (!article) return docsError(c, 404, "Article not found");
    return c.json({ article: articleOut(docs, article, c.req.query("draft") === "true") });
  });

  return app;
}

/** Filters, sorts and pages a list of articles as ArticleRef items. */
function articleList(
  c: DocsContext,
  articles: readonly D["Article"][],
  defaultSort?: D["Category"]["defaultSort"],
): Response {
  const status = queryEnum(c, "status", STATUS_FILTERS, "all");
  if (status instanceof Response) return status;
  const query = readListQuery(c, { sorts: ARTICLE_SORTS, defaultSort: "order", pageSize: true });
  if (query instanceof Response) return query;
  const docs = docsOf(c);
  const filtered = articles.filter((article) => matchesStatus(article, status));
  const key =
    defaultSort === "custom" && query.sort === "order"
      ? () => 0
      : articleSortKey(query.sort, defaultSort);
  const sorted = sortItems(filtered, key, query.order);
  return listPage(
    c,
    "articles",
    sorted.map((article) => articleRef(docs, article)),
    query.pageSize,
  );
}

/** Lower-cased search terms; none (match everything) for a missing query or `*`. */
function searchTerms(query: string | undefined): string[] {
  const trimmed = (query ?? "").trim().toLowerCase();
  if (trimmed === "" || trimmed === "*") return [];
  return trimmed.split(/\s+/).map((term) => term.replace(/^\*+|\*+$/g, ""));
}

/** 0 when a term is missing from the article; otherwise name hits weigh most, text least. */
function relevance(article: D["Article"], terms: readonly string[]): number {
  if (terms.length === 0) return 1;
  const name = article.name.toLowerCase();
  const keywords = (article.keywords ?? []).join(" ").toLowerCase();
  const body = plainText(article.text ?? "").toLowerCase();
  let score = 0;
  for (const term of terms) {
    const hit = (name.includes(term) ? 4 : 0) + (keywords.includes(term) ? 2 : 0);
    const inText = body.includes(term) ? 1 : 0;
    if (hit + inText === 0) return 0;
    score += hit + inText;
  }
  return score;
}
