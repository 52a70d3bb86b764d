import type { D, DocsData } from "../types.js";
import type { SortKey } from "./listing.js";

/** Article `sort` values of List Articles and List Related Articles. */
export const ARTICLE_SORTS = [
  "number",
  "status",
  "name",
  "popularity",
  "createdAt",
  "updatedAt",
  "order",
] as const;

/** Article `status` filter values. */
export const STATUS_FILTERS = ["all", "published", "notpublished"] as const;

/** The full article (Get Article, reloaded writes); `draft` swaps in the draft's text. */
export function articleOut(docs: DocsData, article: D["Article"], draft = false): D["Article"] {
  const draftText = draft ? docs.drafts.get(article.id) : undefined;
  return {
    ...article,
    hasDraft: docs.drafts.has(article.id),
    ...(draftText !== undefined ? { text: draftText } : {}),
  };
}

/** An article as a list item: no `text`, `related`, `keywords` or `categories`. */
export function articleRef(docs: DocsData, article: D["Article"]): D["ArticleRef"] {
  const {
    text: _text,
    related: _related,
    keywords: _keywords,
    categories: _c,
    code: _code,
    ...ref
  } = article;
  return { ...ref, hasDraft: docs.drafts.has(article.id) };
}

/** An article as a search result, with a 160-character plain-text preview. */
export function articleSearchItem(docs: DocsData, article: D["Article"]): D["ArticleSearch"] {
  const collection = docs.collections.get(article.collectionId);
  return {
    id: article.id,
    collectionId: article.collectionId,
    categoryIds: article.categories ?? [],
    ...(article.slug ? { slug: article.slug } : {}),
    name: article.name,
    preview: plainText(article.text ?? "").slice(0, 160),
    ...(article.publicUrl ? { url: article.publicUrl } : {}),
    docsUrl: `/docs/${article.collectionId}/article/${article.id}`,
    number: article.number,
    status: article.status,
    visibility: collection?.visibility ?? "public",
  };
}

/** HTML reduced to its text, whitespace collapsed. */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

/** Whether an article passes a `status` filter. */
export function matchesStatus(article: D["Article"], status: string): boolean {
  return status === "all" || article.status === status;
}

/**
 * The sort key of an article. `order` (custom order) follows the category's `defaultSort` when
 * listing a category (most popular first, or by name), else the article number.
 */
export function articleSortKey(
  sort: string,
  defaultSort?: D["Category"]["defaultSort"],
): (article: D["Article"]) => SortKey {
  switch (sort) {
    case "status":
      return (a) => a.status;
    case "name":
      return (a) => a.name;
    case "popularity":
      return (a) => a.popularity ?? 0;
    case "createdAt":
      return (a) => String(a.createdAt ?? "");
    case "updatedAt":
      return (a) => String(a.updatedAt ?? a.createdAt ?? "");
    case "order":
      if (defaultSort === "popularity") return (a) => -(a.popularity ?? 0) * 1e9 + a.number;
      if (defaultSort === "name") return (a) => a.name;
      return (a) => a.number;
    default:
      return (a) => a.number;
  }
}
