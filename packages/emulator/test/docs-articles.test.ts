import { describe, expect, it } from "vitest";
import type { D } from "../src/types.js";
import {
  type ArticleAnswer,
  docsCall,
  docsEmulator,
  type Page,
  seeded,
} from "./fixtures/docs-requests.js";

type Refs = { articles: Page<D["ArticleRef"]> };
type Results = { articles: Page<D["ArticleSearch"]> };

const emulator = docsEmulator({ size: { articles: 150 } });
const data = seeded(emulator);
const biggest = [...data.collections].sort(
  (a, b) => (b.articleCount ?? 0) - (a.articleCount ?? 0),
)[0]!;
const inBiggest = data.articles.filter((a) => a.collectionId === biggest.id);

describe("List Articles", () => {
  it("pages a collection's articles in the Docs envelope, without text", async () => {
    const first = await docsCall<Refs>(
      emulator,
      "GET",
      `/v1/collections/${biggest.id}/articles?pageSize=10`,
    );
    expect(first.status).toBe(200);
    expect(first.body.articles).toMatchObject({ page: 1, count: inBiggest.length });
    expect(first.body.articles.pages).toBe(Math.ceil(inBiggest.length / 10));
    expect(first.body.articles.items).toHaveLength(10);
    expect(first.body.articles.items[0]).not.toHaveProperty("text");
    const second = await docsCall<Refs>(
      emulator,
      "GET",
      `/v1/collections/${biggest.id}/articles?pageSize=10&page=2`,
    );
    expect(second.body.articles.page).toBe(2);
    const ids = new Set(
      [...first.body.articles.items, ...second.body.articles.items].map((a) => a.id),
    );
    expect(ids.size).toBe(20);
  });

  it("uses 50 per page by default and refuses pageSize above 100", async () => {
    const all = await docsCall<Refs>(emulator, "GET", `/v1/collections/${biggest.id}/articles`);
    expect(all.body.articles.items).toHaveLength(Math.min(50, inBiggest.length));
    const tooBig = await docsCall(
      emulator,
      "GET",
      `/v1/collections/${biggest.id}/articles?pageSize=101`,
    );
    expect(tooBig.status).toBe(400);
    expect(tooBig.body).toMatchObject({ status: 400 });
    const badSort = await docsCall(
      emulator,
      "GET",
      `/v1/collections/${biggest.id}/articles?sort=color`,
    );
    expect(badSort.status).toBe(400);
  });

  it("filters by status", async () => {
    for (const status of ["published", "notpublished"] as const) {
      const res = await docsCall<Refs>(
        emulator,
        "GET",
        `/v1/collections/${biggest.id}/articles?status=${status}&pageSize=100`,
      );
      expect(res.body.articles.count).toBe(inBiggest.filter((a) => a.status === status).length);
      expect(res.body.articles.items.every((a) => a.status === status)).toBe(true);
    }
  });

  it("sorts by popularity, name, number and dates in both directions", async () => {
    const list = async (query: string) =>
      (
        await docsCall<Refs>(
          emulator,
          "GET",
          `/v1/collections/${biggest.id}/articles?pageSize=100&${query}`,
        )
      ).body.articles.items;
    const popular = await list("sort=popularity&order=desc");
    const views = popular.map((a) => a.popularity ?? 0);
    expect(views).toEqual([...views].sort((a, b) => b - a));
    const names = (await list("sort=name")).map((a) => a.name.toLowerCase());
    expect(names).toEqual([...names].sort());
    const numbers = (await list("sort=number&order=desc")).map((a) => a.number);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    const created = (await list("sort=createdAt")).map((a) => String(a.createdAt));
    expect(created).toEqual([...created].sort());
    const updated = (await list("sort=updatedAt&order=desc")).map((a) =>
      String(a.updatedAt ?? a.createdAt),
    );
    expect(updated).toEqual([...updated].sort().reverse());
  });

  it("lists a category's articles, and 404s unknown collections and categories", async () => {
    const category = data.categories.find((c) => (c.articleCount ?? 0) > 1)!;
    const res = await docsCall<Refs>(emulator, "GET", `/v1/categories/${category.id}/articles`);
    expect(res.body.articles.count).toBe(category.articleCount);
    const ids = new Set(
      data.articles.filter((a) => a.categories?.includes(category.id)).map((a) => a.id),
    );
    expect(res.body.articles.items.every((a) => ids.has(a.id))).toBe(true);
    expect(
      (await docsCall(emulator, "GET", "/v1/categories/0123456789abcdef01234567/articles")).status,
    ).toBe(404);
    expect((await docsCall(emulator, "GET", "/v1/collections/nope/articles")).status).toBe(404);
  });
});

describe("Search Articles", () => {
  it("matches name, text and keywords; `*` matches everything", async () => {
    const all = await docsCall<Results>(emulator, "GET", "/v1/search/articles?query=*");
    expect(all.body.articles.count).toBe(data.articles.length);
    const target = data.articles[0]!;
    const word = target.name.split(" ").find((w) => w.length > 5) ?? target.name;
    const found = await docsCall<Results>(
      emulator,
      "GET",
      `/v1/search/articles?query=${encodeURIComponent(word)}`,
    );
    expect(found.body.articles.items.map((a) => a.id)).toContain(target.id);
    const item = found.body.articles.items.find((a) => a.id === target.id)!;
    expect(item.preview?.length).toBeLessThanOrEqual(160);
    expect(item.preview).not.toContain("<");
    expect(item.docsUrl).toBe(`/docs/${target.collectionId}/article/${target.id}`);
    const none = await docsCall<Results>(emulator, "GET", "/v1/search/articles?query=zzzyyyxxx");
    expect(none.body.articles).toMatchObject({ count: 0, pages: 0, items: [] });
  });

  it("filters by collection, site, status and visibility", async () => {
    const byCollection = await docsCall<Results>(
      emulator,
      "GET",
      `/v1/search/articles?query=*&collectionId=${biggest.id}&status=published`,
    );
    expect(byCollection.body.articles.count).toBe(
      inBiggest.filter((a) => a.status === "published").length,
    );
    const site = data.sites[0]!;
    const bySite = await docsCall<Results>(
      emulator,
      "GET",
      `/v1/search/articles?siteId=${site.id}`,
    );
    const siteCollections = new Set(
      data.collections.filter((c) => c.siteId === site.id).map((c) => c.id),
    );
    expect(bySite.body.articles.count).toBe(
      data.articles.filter((a) => siteCollections.has(a.collectionId)).length,
    );
    const hidden = await docsCall<Results>(
      emulator,
      "GET",
      "/v1/search/articles?visibility=private",
    );
    expect(hidden.body.articles.count).toBeGreaterThan(0);
    expect(hidden.body.articles.items.every((a) => a.visibility === "private")).toBe(true);
    expect((await docsCall(emulator, "GET", "/v1/search/articles?visibility=secret")).status).toBe(
      400,
    );
  });
});

describe("Get Article and related articles", () => {
  it("gets an article by id and by number, with its text", async () => {
    const article = data.articles[3]!;
    const byId = await docsCall<ArticleAnswer>(emulator, "GET", `/v1/articles/${article.id}`);
    expect(byId.body.article).toMatchObject({
      id: article.id,
      name: article.name,
      text: article.text,
    });
    const byNumber = await docsCall<ArticleAnswer>(
      emulator,
      "GET",
      `/v1/articles/${article.number}`,
    );
    expect(byNumber.body.article.id).toBe(article.id);
    const missing = await docsCall(emulator, "GET", "/v1/articles/999999");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ status: 404, message: "Article not found" });
  });

  it("returns the draft text with draft=true", async () => {
    const [id, draft] = [...data.docs.drafts][0]!;
    const res = await docsCall<ArticleAnswer>(emulator, "GET", `/v1/articles/${id}?draft=true`);
    expect(res.body.article).toMatchObject({ text: draft, hasDraft: true });
    const published = await docsCall<ArticleAnswer>(emulator, "GET", `/v1/articles/${id}`);
    expect(published.body.article.text).not.toBe(draft);
  });

  it("lists related articles in their order and filters them by status", async () => {
    const article = data.articles.find((a) => (a.related ?? []).length > 1)!;
    const res = await docsCall<Refs>(emulator, "GET", `/v1/articles/${article.id}/related`);
    expect(res.body.articles.items.map((a) => a.id)).toEqual(article.related);
    const published = await docsCall<Refs>(
      emulator,
      "GET",
      `/v1/articles/${article.id}/related?status=published`,
    );
    expect(published.body.articles.items.every((a) => a.status === "published")).toBe(true);
  });
});
