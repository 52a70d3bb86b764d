import { HelpScoutError } from "@terapi/helpscout-auth";
import {
  type Article,
  type ArticleRef,
  type DocsPage,
  isHelpScoutError,
  paginatePages,
} from "@terapi/helpscout-docs";
import type { PageRecord, SyncContext, SyncModel, SyncPage } from "../sync-model.js";
import { parentsFrom, recordId, recordPages } from "./listing-pages.js";
import { stampOf } from "./timestamps.js";

type Ctx = SyncContext<"docs">;

/** How many changed articles are fetched at once (the throttle still paces them). */
const ARTICLE_FETCH_CONCURRENCY = 4;
/** The largest page List Articles gives. */
const ARTICLE_PAGE_SIZE = 100;

const toRecord =
  (stampKeys: readonly string[]) =>
  (item: { id: string }): PageRecord => ({
    id: recordId(item.id),
    payload: item,
    lastModifiedAt: stampOf(item, stampKeys),
  });

const STAMPS = ["updatedAt", "createdAt"] as const;

const numbered = async function* <T>(pages: AsyncIterable<DocsPage<T>>) {
  for await (const page of pages) yield { items: page.items, number: page.page };
};

/** Every site id: from this run's `sites` listing, or listed now. */
async function siteIds(ctx: Ctx): Promise<string[]> {
  if (ctx.listed.siteIds) return ctx.listed.siteIds;
  const ids: string[] = [];
  for await (const page of paginatePages(ctx.client, "/v1/sites", { signal: ctx.signal })) {
    for (const site of page.items) ids.push(site.id);
  }
  ctx.listed.siteIds = ids;
  return ids;
}

/** Every collection id: from this run's `collections` listing, or listed now. */
async function collectionIds(ctx: Ctx): Promise<string[]> {
  if (ctx.listed.collectionIds) return ctx.listed.collectionIds;
  const ids: string[] = [];
  for await (const page of paginatePages(ctx.client, "/v1/collections", {
    params: { query: { visibility: "all" } },
    signal: ctx.signal,
  })) {
    for (const collection of page.items) ids.push(collection.id);
  }
  ctx.listed.collectionIds = ids;
  return ids;
}

const pageOf = (position: Record<string, unknown> | null) =>
  typeof position?.page === "number" && position.page >= 1 ? position.page : 1;

/** Docs sites: `GET /v1/sites`. */
export const sitesModel: SyncModel<"docs"> = {
  name: "sites",
  api: "docs",
  endpoint: "GET /v1/sites",
  strategy: "full",
  cursor: "page number (full listing every run)",
  deletes: "sweep",
  async *pages(ctx, checkpoint) {
    const first = pageOf(checkpoint);
    const ids: string[] = [];
    for await (const page of recordPages(
      numbered(
        paginatePages(ctx.client, "/v1/sites", {
          params: { query: { page: first } },
          signal: ctx.signal,
        }),
      ),
      first,
      toRecord(STAMPS),
      (page) => ({ page }),
    )) {
      for (const record of page.records) ids.push(record.id);
      yield page;
    }
    if (first === 1) ctx.listed.siteIds = ids;
  },
};

/** Collections of every site, public and private: `GET /v1/collections?visibility=all`. */
export const collectionsModel: SyncModel<"docs"> = {
  name: "collections",
  api: "docs",
  endpoint: "GET /v1/collections?visibility=all",
  strategy: "full",
  cursor: "page number (full listing every run)",
  deletes: "sweep",
  async *pages(ctx, checkpoint) {
    const first = pageOf(checkpoint);
    const ids: string[] = [];
    for await (const page of recordPages(
      numbered(
        paginatePages(ctx.client, "/v1/collections", {
          params: { query: { visibility: "all", page: first } },
          signal: ctx.signal,
        }),
      ),
      first,
      toRecord(STAMPS),
      (page) => ({ page }),
    )) {
      for (const record of page.records) ids.push(record.id);
      yield page;
    }
    if (first === 1) ctx.listed.collectionIds = ids;
  },
};

/** Categories of every collection: `GET /v1/collections/{collectionId}/categories`. */
export const categoriesModel: SyncModel<"docs"> = {
  name: "categories",
  api: "docs",
  endpoint: "GET /v1/collections/{collectionId}/categories (each collection)",
  strategy: "full",
  cursor: "collection id, then page number (full listing every run)",
  deletes: "sweep",
  async *pages(ctx, checkpoint): AsyncGenerator<SyncPage, void> {
    const ids: string[] = [];
    for (const parent of parentsFrom(await collectionIds(ctx), checkpoint, "collectionId")) {
      const collectionId = parent.id;
      for await (const page of recordPages(
        numbered(
          paginatePages(ctx.client, "/v1/collections/{collectionId}/categories", {
            params: { path: { collectionId }, query: { page: parent.page } },
            signal: ctx.signal,
          }),
        ),
        parent.page,
        toRecord(STAMPS),
        (page) => ({ collectionId, page }),
      )) {
        for (const record of page.records) ids.push(record.id);
        yield page;
      }
    }
    if (checkpoint === null) ctx.listed.categoryIds = ids;
  },
};

/** Redirects of every site: `GET /v1/redirects/site/{siteId}`. */
export const redirectsModel: SyncModel<"docs"> = {
  name: "redirects",
  api: "docs",
  endpoint: "GET /v1/redirects/site/{siteId} (each site)",
  strategy: "full",
  cursor: "site id, then page number (full listing every run)",
  deletes: "sweep",
  async *pages(ctx, checkpoint): AsyncGenerator<SyncPage, void> {
    for (const parent of parentsFrom(await siteIds(ctx), checkpoint, "siteId")) {
      const siteId = parent.id;
      yield* recordPages(
        numbered(
          paginatePages(ctx.client, "/v1/redirects/site/{siteId}", {
            params: { path: { siteId }, query: { page: parent.page } },
            signal: ctx.signal,
          }),
        ),
        parent.page,
        toRecord(["modifiedAt", "updatedAt", "createdAt"]),
        (page) => ({ siteId, page }),
      );
    }
  },
};

/** What says an article changed: fields every list item carries and every edit or publish moves. */
const versionOf = (article: Partial<ArticleRef> | Partial<Article>) =>
  JSON.stringify([
    article.createdAt ?? null,
    article.updatedAt ?? null,
    article.lastPublishedAt ?? null,
  ]);

/** The stored articles of the connection by id, read once per run. */
async function storedArticles(ctx: Ctx): Promise<Map<string, Article>> {
  const stored = new Map<string, Article>();
  for await (const record of ctx.storedRecords("articles")) {
    stored.set(record.id, record.payload as Article);
  }
  return stored;
}

/**
 * The category ids that exist: this run's `categories` listing, else the stored live categories,
 * else `undefined` (unknown, so not checked).
 */
async function liveCategoryIds(ctx: Ctx): Promise<Set<string> | undefined> {
  if (ctx.listed.categoryIds) return new Set(ctx.listed.categoryIds);
  const ids = new Set<string>();
  for await (const record of ctx.storedRecords("categories")) ids.add(record.id);
  return ids.size > 0 ? ids : undefined;
}

/** Runs `task` over `items`, at most `limit` at a time, results in input order. */
async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The full article (with `text`), or `undefined` when it was deleted since it was listed. */
async function fetchArticle(ctx: Ctx, articleId: string): Promise<Article | undefined> {
  try {
    const { data } = await ctx.client.GET("/v1/articles/{articleId}", {
      params: { path: { articleId } },
      signal: ctx.signal,
    });
    const article: unknown = data?.article;
    // Not "deleted since listed" (that is a 404): a mangled answer must not sweep the article.
    if (typeof article !== "object" || article === null || Array.isArray(article)) {
      throw new HelpScoutError({
        code: "invalid_response",
        message: `@terapi/helpscout-sync: GET /v1/articles/${articleId} answered without an article object; nothing was stored from it.`,
      });
    }
    return article as Article;
  } catch (error) {
    if (isHelpScoutError(error) && error.code === "not_found") return undefined;
    throw error;
  }
}

/** Every article of every collection as List Articles gives them (no text), in a stable order. */
async function listArticles(ctx: Ctx): Promise<ArticleRef[]> {
  const refs: ArticleRef[] = [];
  for (const { id: collectionId } of parentsFrom(await collectionIds(ctx), null, "collectionId")) {
    for await (const page of paginatePages(ctx.client, "/v1/collections/{collectionId}/articles", {
      params: {
        path: { collectionId },
        query: { status: "all", sort: "number", order: "asc", pageSize: ARTICLE_PAGE_SIZE },
      },
      signal: ctx.signal,
    })) {
      refs.push(...page.items);
    }
  }
  return refs;
}

/**
 * Articles with their full text, every collection, published or not.
 *
 * Lists `GET /v1/collections/{collectionId}/articles?status=all` (100 per request), then fetches
 * `GET /v1/articles/{articleId}` only for articles that are new, whose `updatedAt`, `createdAt`
 * or `lastPublishedAt` moved, or whose stored `related` / `categories` name an article or
 * category that is gone (Help Scout drops those references without an edit). Any other article
 * is the stored one with the list's fields laid over it (view counts and popularity change
 * without an edit), so it costs no request.
 *
 * The position is `{ offset }`: how many listed articles are committed.
 */
export const articlesModel: SyncModel<"docs"> = {
  name: "articles",
  api: "docs",
  endpoint:
    "GET /v1/collections/{collectionId}/articles?status=all (each collection) + GET /v1/articles/{articleId} (new or changed)",
  strategy: "full",
  cursor: "the full list, then offset in it (text fetched only when changed)",
  deletes: "sweep",
  async *pages(ctx, checkpoint): AsyncGenerator<SyncPage, void> {
    const refs = await listArticles(ctx);
    const stored = await storedArticles(ctx);
    const articleIds = new Set(refs.map((ref) => ref.id));
    const categoryIds = await liveCategoryIds(ctx);
    const stale = (known: Article | undefined, ref: ArticleRef) =>
      known === undefined ||
      versionOf(known) !== versionOf(ref) ||
      (known.related ?? []).some((id) => !articleIds.has(id)) ||
      (categoryIds !== undefined && (known.categories ?? []).some((id) => !categoryIds.has(id)));
    const offset = typeof checkpoint?.offset === "number" ? checkpoint.offset : 0;
    for (let start = offset; start < refs.length; start += ARTICLE_PAGE_SIZE) {
      const chunk = refs.slice(start, start + ARTICLE_PAGE_SIZE);
      const changed = chunk.filter((ref) => stale(stored.get(ref.id), ref));
      const fetched = await mapConcurrently(changed, ARTICLE_FETCH_CONCURRENCY, (ref) =>
        fetchArticle(ctx, ref.id),
      );
      const full = new Map(changed.map((ref, index) => [ref.id, fetched[index]]));
      const records: PageRecord[] = [];
      for (const ref of chunk) {
        const article = full.has(ref.id) ? full.get(ref.id) : { ...stored.get(ref.id), ...ref };
        if (article === undefined) continue; // deleted since it was listed
        records.push(toRecord(STAMPS)(article as { id: string }));
      }
      yield { records, checkpoint: { offset: start + chunk.length } };
    }
  },
};

/** The Docs models in sync order (sites and collections before their children). */
export const docsModels: readonly SyncModel<"docs">[] = [
  sitesModel,
  collectionsModel,
  categoriesModel,
  articlesModel,
  redirectsModel,
];
