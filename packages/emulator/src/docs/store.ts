import type { Context } from "hono";
import type { D, DocsData, EmulatorEnv } from "../types.js";

/** The Hono context every Docs route gets (account, user and emulator set by the middleware). */
export type DocsContext = Context<EmulatorEnv>;

/** Slug of the category every collection has for articles without another category. */
export const UNCATEGORIZED_SLUG = "uncategorized";

/** The caller's Docs data. */
export function docsOf(c: DocsContext): DocsData {
  return c.get("account").docs;
}

/** The emulated time, as Help Scout writes it. */
export function nowIso(c: DocsContext): string {
  return c.get("emulator").clock.iso();
}

/** A fresh 24-hex id from the emulator's seeded PRNG, unused by any Docs object of the account. */
export function newId(c: DocsContext): string {
  const docs = docsOf(c);
  const taken = (id: string) =>
    docs.sites.has(id) ||
    docs.collections.has(id) ||
    docs.categories.has(id) ||
    docs.articles.has(id) ||
    docs.redirects.has(id);
  let id = c.get("emulator").random.hex(24);
  while (taken(id)) id = c.get("emulator").random.hex(24);
  return id;
}

/** The next public number (articles, categories and collections share one counter). */
export function nextNumber(docs: DocsData): number {
  const number = docs.nextNumber;
  docs.nextNumber += 1;
  return number;
}

/** A URL slug from a name: lower case, words joined by dashes. */
export function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug || "untitled";
}

/** Popularity on Help Scout's 1–5 scale, derived from the view count (log scale, one decimal). */
export function popularityOf(viewCount: number): number {
  const scaled = 1 + 4 * Math.min(1, Math.log10(viewCount + 1) / 4);
  return Math.round(scaled * 10) / 10;
}

/** An object of a map by id, or (for all-digit keys when allowed) by its public `number`. */
export function byIdOrNumber<T extends { id: string; number: number }>(
  map: Map<string, T>,
  key: string,
  allowNumber = true,
): T | undefined {
  const found = map.get(key);
  if (found || !allowNumber || !/^\d+$/.test(key)) return found;
  const number = Number(key);
  for (const item of map.values()) if (item.number === number) return item;
  return undefined;
}

/** The base URL of a site's public Docs (its custom host when it has one). */
export function siteBaseUrl(site: D["Site"] | undefined): string {
  if (!site) return "https://docs.helpscoutdocs.com";
  return `https://${site.cname || `${site.subDomain}.helpscoutdocs.com`}`;
}

/** The public URL of an article, category or collection: `<site>/<kind>/<number>-<slug>`. */
export function publicUrl(
  docs: DocsData,
  collectionId: string,
  kind: "article" | "category" | "collection",
  number: number,
  slug: string,
): string {
  const siteId = docs.collections.get(collectionId)?.siteId ?? "";
  return `${siteBaseUrl(docs.sites.get(siteId))}/${kind}/${number}-${slug}`;
}

/** Whether a category is its collection's "Uncategorized" one. */
export function isUncategorized(category: D["Category"]): boolean {
  return category.slug === UNCATEGORIZED_SLUG;
}

/** The "Uncategorized" category of a collection. */
export function uncategorizedOf(docs: DocsData, collectionId: string): D["Category"] | undefined {
  for (const category of docs.categories.values()) {
    if (category.collectionId === collectionId && isUncategorized(category)) return category;
  }
  return undefined;
}

/**
 * An article's category list: the given categories, or the collection's "Uncategorized" one when
 * there are none (Help Scout files every article somewhere).
 */
export function categoriesOrUncategorized(
  docs: DocsData,
  collectionId: string,
  categories: readonly string[],
): string[] {
  if (categories.length > 0) return [...new Set(categories)];
  const uncategorized = uncategorizedOf(docs, collectionId);
  return uncategorized ? [uncategorized.id] : [];
}

/** Recomputes `articleCount`/`publishedArticleCount` of a collection and its categories. */
export function recount(docs: DocsData, collectionId: string): void {
  const perCategory = new Map<string, { all: number; published: number }>();
  let all = 0;
  let published = 0;
  for (const article of docs.articles.values()) {
    if (article.collectionId !== collectionId) continue;
    const isPublished = article.status === "published" ? 1 : 0;
    all += 1;
    published += isPublished;
    for (const id of article.categories ?? []) {
      const counts = perCategory.get(id) ?? { all: 0, published: 0 };
      counts.all += 1;
      counts.published += isPublished;
      perCategory.set(id, counts);
    }
  }
  const collection = docs.collections.get(collectionId);
  if (collection) {
    docs.collections.set(collectionId, {
      ...collection,
      articleCount: all,
      publishedArticleCount: published,
    });
  }
  for (const category of docs.categories.values()) {
    if (category.collectionId !== collectionId) continue;
    const counts = perCategory.get(category.id) ?? { all: 0, published: 0 };
    docs.categories.set(category.id, {
      ...category,
      articleCount: counts.all,
      publishedArticleCount: counts.published,
    });
  }
}

/** The caller as a revision author: names from the account's users, else from older revisions. */
export function personFor(c: DocsContext, userId: number): D["Person"] {
  const user = c.get("account").mailbox.users.get(userId);
  if (user) {
    return {
      id: userId,
      ...(user.firstName ? { firstName: user.firstName } : {}),
      ...(user.lastName ? { lastName: user.lastName } : {}),
    };
  }
  for (const revisions of docsOf(c).revisions.values()) {
    const known = revisions.find((revision) => revision.createdBy.id === userId);
    if (known) return known.createdBy;
  }
  return { id: userId };
}

/** Records a new revision (newest first) holding an article's text. */
export function addRevision(c: DocsContext, articleId: string, text: string): void {
  const docs = docsOf(c);
  const revision: D["ArticleRevision"] = {
    id: newId(c),
    articleId,
    createdBy: personFor(c, c.get("userId")),
    createdAt: nowIso(c),
    text,
  };
  docs.revisions.set(articleId, [revision, ...(docs.revisions.get(articleId) ?? [])]);
}

/** Removes an article with its revisions and draft, and from other articles' related lists. */
export function removeArticle(docs: DocsData, articleId: string): void {
  docs.articles.delete(articleId);
  docs.revisions.delete(articleId);
  docs.drafts.delete(articleId);
  for (const article of docs.articles.values()) {
    if (article.related?.includes(articleId)) {
      docs.articles.set(article.id, {
        ...article,
        related: article.related.filter((id) => id !== articleId),
      });
    }
  }
}
