import { Hono } from "hono";
import { docsError } from "../responses.js";
import type { D, DocsData, EmulatorEnv } from "../types.js";
import {
  createdResponse,
  emptyOk,
  type FieldRule,
  integer,
  invalidField,
  readBody,
  text,
  wantsReload,
} from "./input.js";
import { listPage, queryEnum, readListQuery, sortItems } from "./listing.js";
import {
  byIdOrNumber,
  type DocsContext,
  docsOf,
  newId,
  nextNumber,
  nowIso,
  publicUrl,
  removeArticle,
  siteBaseUrl,
  slugify,
  UNCATEGORIZED_SLUG,
} from "./store.js";

const COLLECTION_SORTS = ["number", "visibility", "order", "name", "createdAt", "updatedAt"];

const WRITE_RULES: Record<string, FieldRule> = {
  siteId: { type: "string" },
  name: { type: "string", required: true },
  visibility: { type: "string", values: ["public", "private"] },
  order: { type: "integer" },
  description: { type: "string", maxLength: 45 },
};

/**
 * Collections: List (`siteId`, `visibility`, sort, order), Get (by id or number), Create (with
 * its "Uncategorized" category), Update (merge; `name` required on every update; `siteId` moves
 * it) and Delete (its categories and articles go too).
 */
export function collectionsRoutes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  app.get("/v1/collections", (c) => {
    const docs = docsOf(c);
    const visibility = queryEnum(c, "visibility", ["all", "public", "private"] as const, "all");
    if (visibility instanceof Response) return visibility;
    const query = readListQuery(c, { sorts: COLLECTION_SORTS, defaultSort: "order" });
    if (query instanceof Response) return query;
    const siteId = c.req.query("siteId");
    const collections = [...docs.collections.values()].filter(
      (collection) =>
        (!siteId || collection.siteId === siteId) &&
        (visibility === "all" || collection.visibility === visibility),
    );
    const sorted = sortItems(collections, (item) => sortKey(item, query.sort), query.order);
    return listPage(c, "collections", sorted);
  });

  app.get("/v1/collections/:collectionId", (c) => {
    const collection = byIdOrNumber(docsOf(c).collections, c.req.param("collectionId"));
    if (!collection) return docsError(c, 404, "Collection not found");
    return c.json({ collection });
  });

  app.post("/v1/collections", async (c) => {
    const docs = docsOf(c);
    const body = await readBody(c);
    if (body instanceof Response) return body;
    const problem = invalidField(body, {
      ...WRITE_RULES,
      siteId: { type: "string", required: true },
    });
    if (problem) return docsError(c, 400, problem);
    const site = docs.sites.get(text(body, "siteId") ?? "");
    if (!site) return docsError(c, 404, "Site not found");
    const name = (text(body, "name") ?? "").trim();
    const siblings = [...docs.collections.values()].filter((item) => item.siteId === site.id);
    const number = nextNumber(docs);
    const slug = slugify(name);
    const now = nowIso(c);
    const collection: D["Collection"] = {
      id: newId(c),
      siteId: site.id,
      number,
      slug,
      visibility: (text(body, "visibility") as D["Visibility"] | undefined) ?? "public",
      order: integer(body, "order") ?? siblings.length + 1,
      name,
      description: text(body, "description") ?? null,
      publicUrl: `${siteBaseUrl(site)}/collection/${number}-${slug}`,
      articleCount: 0,
      publishedArticleCount: 0,
      createdBy: c.get("userId"),
      updatedBy: null,
      createdAt: now,
      updatedAt: null,
    };
    docs.collections.set(collection.id, collection);
    addUncategorized(c, collection.id);
    if (wantsReload(c, body)) return c.json({ collection }, 201);
    return createdResponse(c, `/v1/collections/${collection.id}`);
  });

  app.put("/v1/collections/:collectionId", async (c) => {
    const docs = docsOf(c);
    const collection = docs.collections.get(c.req.param("collectionId"));
    if (!collection) return docsError(c, 404, "Collection not found");
    const body = await readBody(c);
    if (body instanceof Response) return body;
    const problem = invalidField(body, WRITE_RULES);
    if (problem) return docsError(c, 400, problem);
    const siteId = text(body, "siteId") ?? collection.siteId;
    if (!docs.sites.has(siteId)) return docsError(c, 404, "Site not found");
    const description =
      body.description === undefined ? collection.description : text(body, "description");
    docs.collections.set(collection.id, {
      ...collection,
      siteId,
      name: (text(body, "name") ?? collection.name).trim(),
      visibility:
        (text(body, "visibility") as D["Visibility"] | undefined) ?? collection.visibility,
      order: integer(body, "order") ?? collection.order,
      description: description ?? null,
      updatedBy: c.get("userId"),
      updatedAt: nowIso(c),
    });
    if (siteId !== collection.siteId) refreshUrls(docs, collection.id);
    const updated = docs.collections.get(collection.id);
    return wantsReload(c, body) ? c.json({ collection: updated }) : emptyOk(c);
  });

  app.delete("/v1/collections/:collectionId", (c) => {
    const docs = docsOf(c);
    const collection = docs.collections.get(c.req.param("collectionId"));
    if (!collection) return docsError(c, 404, "Collection not found");
    deleteCollection(docs, collection.id);
    return c.body(null, 204);
  });

  return app;
}

/** Removes a collection with its categories and articles. */
export function deleteCollection(docs: DocsData, collectionId: string): void {
  for (const article of [...docs.articles.values()]) {
    if (article.collectionId === collectionId) removeArticle(docs, article.id);
  }
  for (const category of [...docs.categories.values()]) {
    if (category.collectionId === collectionId) docs.categories.delete(category.id);
  }
  docs.collections.delete(collectionId);
}

function addUncategorized(c: DocsContext, collectionId: string): void {
  const docs = docsOf(c);
  const number = nextNumber(docs);
  const category: D["Category"] = {
    id: newId(c),
    number,
    slug: UNCATEGORIZED_SLUG,
    visibility: "public",
    collectionId,
    order: 0,
    defaultSort: "popularity",
    name: "Uncategorized",
    description: null,
    articleCount: 0,
    publishedArticleCount: 0,
    publicUrl: publicUrl(docs, collectionId, "category", number, UNCATEGORIZED_SLUG),
    createdBy: c.get("userId"),
    updatedBy: null,
    createdAt: nowIso(c),
    updatedAt: null,
  };
  docs.categories.set(category.id, category);
}

/** New public URLs for a collection and what it holds (after a move or a site's host change). */
export function refreshUrls(docs: DocsData, collectionId: string): void {
  const collection = docs.collections.get(collectionId);
  if (collection) {
    const url = publicUrl(docs, collectionId, "collection", collection.number, collection.slug);
    docs.collections.set(collectionId, { ...collection, publicUrl: url });
  }
  for (const category of docs.categories.values()) {
    if (category.collectionId !== collectionId) continue;
    const url = publicUrl(docs, collectionId, "category", category.number, category.slug);
    docs.categories.set(category.id, { ...category, publicUrl: url });
  }
  for (const article of docs.articles.values()) {
    if (article.collectionId !== collectionId) continue;
    const url = publicUrl(docs, collectionId, "article", article.number, article.slug ?? "");
    docs.articles.set(article.id, { ...article, publicUrl: url });
  }
}

function sortKey(collection: D["Collection"], sort: string): string | number {
  if (sort === "number") return collection.number;
  if (sort === "visibility") return collection.visibility;
  if (sort === "name") return collection.name;
  if (sort === "createdAt") return String(collection.createdAt);
  if (sort === "updatedAt") return String(collection.updatedAt ?? collection.createdAt);
  return collection.order;
}
