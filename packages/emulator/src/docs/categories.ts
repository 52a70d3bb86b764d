import { Hono } from "hono";
import { docsError } from "../responses.js";
import type { D, DocsData, EmulatorEnv } from "../types.js";
import { categoryOrderRoutes } from "./category-order.js";
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
import { listPage, readListQuery, sortItems } from "./listing.js";
import {
  byIdOrNumber,
  categoriesOrUncategorized,
  docsOf,
  isUncategorized,
  newId,
  nextNumber,
  nowIso,
  publicUrl,
  recount,
  slugify,
  UNCATEGORIZED_SLUG,
} from "./store.js";

const CATEGORY_SORTS = ["number", "order", "name", "articleCount", "createdAt", "updatedAt"];

const WRITE_RULES: Record<string, FieldRule> = {
  name: { type: "string" },
  slug: { type: "string" },
  visibility: { type: "string", values: ["public", "private"] },
  order: { type: "integer" },
  defaultSort: { type: "string", values: ["popularity", "name"] },
};

/**
 * Categories: List (of a collection; sort number | order | name | articleCount | createdAt |
 * updatedAt), Get (by id or number), Create (defaults: public, order 1, popularity), Update
 * (merge) and Delete (its articles move to the
 * collection's "Uncategorized" category, which itself cannot be deleted).
 */
export function categoriesRoutes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  app.get("/v1/collections/:collectionId/categories", (c) => {
    const docs = docsOf(c);
    const collection = docs.collections.get(c.req.param("collectionId"));
    if (!collection) return docsError(c, 404, "Collection not found");
    const query = readListQuery(c, { sorts: CATEGORY_SORTS, defaultSort: "order" });
    if (query instanceof Response) return query;
    const categories = [...docs.categories.values()].filter(
      (category) => category.collectionId === collection.id,
    );
    const sorted = sortItems(categories, (category) => sortKey(category, query.sort), query.order);
    return listPage(c, "categories", sorted.map(listItem));
  });

  app.get("/v1/categories/:categoryId", (c) => {
    const category = byIdOrNumber(docsOf(c).categories, c.req.param("categoryId"));
    if (!category) return docsError(c, 404, "Category not found");
    return c.json({ category });
  });

  app.post("/v1/categories", async (c) => {
    const docs = docsOf(c);
    const body = await readBody(c);
    if (body instanceof Response) return body;
    const problem = invalidField(body, {
      collectionId: { type: "string", required: true },
      ...WRITE_RULES,
      name: { type: "string", required: true },
    });
    if (problem) return docsError(c, 400, problem);
    const collection = docs.collections.get(text(body, "collectionId") ?? "");
    if (!collection) return docsError(c, 404, "Collection not found");
    const name = (text(body, "name") ?? "").trim();
    if (nameTaken(docs, collection.id, name)) {
      return docsError(c, 400, "A category with this name already exists in the collection");
    }
    const number = nextNumber(docs);
    const slug = freeSlug(text(body, "slug") || slugify(name));
    const category: D["Category"] = {
      id: newId(c),
      number,
      slug,
      visibility: (text(body, "visibility") as D["Visibility"] | undefined) ?? "public",
      collectionId: collection.id,
      order: integer(body, "order") ?? 1,
      defaultSort: (text(body, "defaultSort") as D["CategoryDefaultSort"]) ?? "popularity",
      name,
      description: null,
      articleCount: 0,
      publishedArticleCount: 0,
      publicUrl: publicUrl(docs, collection.id, "category", number, slug),
      createdBy: c.get("userId"),
      updatedBy: null,
      createdAt: nowIso(c),
      updatedAt: null,
    };
    docs.categories.set(category.id, category);
    // Help Scout's Create Category page: reloaded timestamps come back as Unix epoch seconds.
    if (wantsReload(c, body)) return c.json({ category: withEpochTimes(category) }, 201);
    return createdResponse(c, `/v1/categories/${category.id}`);
  });

  app.put("/v1/categories/:categoryId", async (c) => {
    const docs = docsOf(c);
    const category = docs.categories.get(c.req.param("categoryId"));
    if (!category) return docsError(c, 404, "Category not found");
    const body = await readBody(c);
    if (body instanceof Response) return body;
    const problem = invalidField(body, WRITE_RULES);
    if (problem) return docsError(c, 400, problem);
    const name = text(body, "name")?.trim();
    if (
      name !== undefined &&
      (name === "" || nameTaken(docs, category.collectionId, name, category.id))
    ) {
      return docsError(c, 400, "A category with this name already exists in the collection");
    }
    const slug = isUncategorized(category)
      ? category.slug
      : text(body, "slug")
        ? freeSlug(text(body, "slug") ?? "")
        : category.slug;
    const updated: D["Category"] = {
      ...category,
      name: name ?? category.name,
      slug,
      visibility: (text(body, "visibility") as D["Visibility"] | undefined) ?? category.visibility,
      order: integer(body, "order") ?? category.order,
      defaultSort: (text(body, "defaultSort") as D["CategoryDefaultSort"]) ?? category.defaultSort,
      publicUrl: publicUrl(docs, category.collectionId, "category", category.number, slug),
      updatedBy: c.get("userId"),
      updatedAt: nowIso(c),
    };
    docs.categories.set(category.id, updated);
    return wantsReload(c, body) ? c.json({ category: updated }) : emptyOk(c);
  });

  app.route("/", categoryOrderRoutes());

  app.delete("/v1/categories/:categoryId", (c) => {
    const docs = docsOf(c);
    const category = docs.categories.get(c.req.param("categoryId"));
    if (!category) return docsError(c, 404, "Category not found");
    if (isUncategorized(category)) {
      return docsError(c, 400, "The Uncategorized category cannot be deleted");
    }
    docs.categories.delete(category.id);
    for (const article of docs.articles.values()) {
      if (!article.categories?.includes(category.id)) continue;
      const rest = article.categories.filter((id) => id !== category.id);
      docs.articles.set(article.id, {
        ...article,
        categories: categoriesOrUncategorized(docs, article.collectionId, rest),
      });
    }
    recount(docs, category.collectionId);
    return c.body(null, 204);
  });

  return app;
}

function sortKey(category: D["Category"], sort: string): string | number | null | undefined {
  if (sort === "number") return category.number;
  if (sort === "name") return category.name;
  if (sort === "articleCount") return category.articleCount;
  if (sort === "createdAt") return String(category.createdAt);
  if (sort === "updatedAt") return String(category.updatedAt ?? category.createdAt);
  return category.order;
}

/** List items leave out `visibility`, `description`, `publishedArticleCount` and `publicUrl`. */
function listItem(category: D["Category"]): D["Category"] {
  const {
    visibility: _v,
    description: _d,
    publishedArticleCount: _p,
    publicUrl: _u,
    ...item
  } = category;
  return item;
}

function withEpochTimes(category: D["Category"]): D["Category"] {
  const epoch = (value: D["DocsTimestamp"]) =>
    typeof value === "string" ? Math.floor(Date.parse(value) / 1000) : value;
  return {
    ...category,
    createdAt: epoch(category.createdAt),
    updatedAt: category.updatedAt == null ? null : epoch(category.updatedAt),
  };
}

function nameTaken(docs: DocsData, collectionId: string, name: string, exceptId = ""): boolean {
  const wanted = name.toLowerCase();
  return [...docs.categories.values()].some(
    (category) =>
      category.collectionId === collectionId &&
      category.id !== exceptId &&
      category.name.toLowerCase() === wanted,
  );
}

/** Only the Uncategorized category may have its slug. */
function freeSlug(slug: string): string {
  const clean = slugify(slug);
  return clean === UNCATEGORIZED_SLUG ? `${clean}-2` : clean;
}
