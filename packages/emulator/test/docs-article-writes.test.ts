import { describe, expect, it } from "vitest";
import type { D } from "../src/types.js";
import {
  type ArticleAnswer,
  BASE,
  docsCall,
  docsEmulator,
  getArticle,
  locationId,
  type Page,
  seeded,
} from "./fixtures/docs-requests.js";

function setup() {
  const emulator = docsEmulator();
  const data = seeded(emulator);
  const collection = data.collections[0]!;
  const categories = data.categories.filter((c) => c.collectionId === collection.id);
  const uncategorized = categories.find((c) => c.name === "Uncategorized")!;
  const named = categories.filter((c) => c !== uncategorized);
  return { emulator, data, collection, uncategorized, named };
}

describe("Create Article", () => {
  it("answers 201 with Location and no body, then the article can be read", async () => {
    const { emulator, collection, uncategorized } = setup();
    const res = await docsCall(emulator, "POST", "/v1/articles", {
      collectionId: collection.id,
      name: "Reset your password",
      text: "<p>Click <em>Forgot password</em>.</p>",
      keywords: ["password"],
    });
    expect(res.status).toBe(201);
    expect(res.body).toBeUndefined();
    const id = locationId(res);
    expect(res.headers.get("location")).toBe(`${BASE}/v1/articles/${id}`);
    expect(res.headers.get("resource-id")).toBeNull();
    const article = await getArticle(emulator, id);
    expect(article).toMatchObject({
      id,
      collectionId: collection.id,
      name: "Reset your password",
      slug: "reset-your-password",
      status: "notpublished",
      categories: [uncategorized.id],
      keywords: ["password"],
      viewCount: 0,
      hasDraft: false,
    });
    const revisions = await docsCall<{ revisions: Page<D["ArticleRevisionRef"]> }>(
      emulator,
      "GET",
      `/v1/articles/${id}/revisions`,
    );
    expect(revisions.body.revisions.count).toBe(1);
  });

  it("returns the article with reload=true and keeps collection counts right", async () => {
    const { emulator, collection, named } = setup();
    const res = await docsCall<ArticleAnswer>(emulator, "POST", "/v1/articles?reload=true", {
      collectionId: collection.id,
      name: "Published from the API",
      text: "<p>Hi</p>",
      status: "published",
      categories: [named[0]!.id],
    });
    expect(res.status).toBe(201);
    expect(res.body.article).toMatchObject({ status: "published", categories: [named[0]!.id] });
    expect(res.body.article.lastPublishedAt).toBeTruthy();
    const after = await docsCall<{ collection: D["Collection"] }>(
      emulator,
      "GET",
      `/v1/collections/${collection.id}`,
    );
    expect(after.body.collection.articleCount).toBe((collection.articleCount ?? 0) + 1);
    expect(after.body.collection.publishedArticleCount).toBe(
      (collection.publishedArticleCount ?? 0) + 1,
    );
  });

  it("refuses missing fields, duplicate names and foreign categories with 400", async () => {
    const { emulator, data, collection, uncategorized } = setup();
    const noName = await docsCall(emulator, "POST", "/v1/articles", {
      collectionId: collection.id,
    });
    expect(noName.status).toBe(400);
    expect(noName.body).toMatchObject({ status: 400, message: "name is required" });
    const noCollection = await docsCall(emulator, "POST", "/v1/articles", { name: "x" });
    expect(noCollection.status).toBe(400);
    const existing = data.articles.find((a) => a.collectionId === collection.id)!;
    const duplicate = await docsCall(emulator, "POST", "/v1/articles", {
      collectionId: collection.id,
      name: existing.name,
    });
    expect(duplicate.status).toBe(400);
    const foreign = data.categories.find((c) => c.collectionId !== collection.id)!;
    const wrong = await docsCall(emulator, "POST", "/v1/articles", {
      collectionId: collection.id,
      name: "New",
      categories: [foreign.id],
    });
    expect(wrong.status).toBe(400);
    const uncat = await docsCall(emulator, "POST", "/v1/articles", {
      collectionId: collection.id,
      name: "New",
      categories: [uncategorized.id],
    });
    expect(uncat.status).toBe(400);
    const unknown = await docsCall(emulator, "POST", "/v1/articles", {
      collectionId: "0".repeat(24),
      name: "New",
    });
    expect(unknown.status).toBe(404);
    const status = await docsCall(emulator, "POST", "/v1/articles", {
      collectionId: collection.id,
      name: "New",
      status: "live",
    });
    expect(status.status).toBe(400);
  });
});

describe("Update Article", () => {
  it("merges: omitted fields stay, updatedAt/updatedBy move, a text change adds a revision", async () => {
    const { emulator, data } = setup();
    const before = data.articles[0]!;
    const revisionsBefore = data.docs.revisions.get(before.id)!.length;
    emulator.clock.advance(60_000);
    const res = await docsCall(emulator, "PUT", `/v1/articles/${before.id}`, {
      text: "<p>New text</p>",
    });
    expect(res.status).toBe(200);
    expect(res.body).toBeUndefined();
    const after = await getArticle(emulator, before.id);
    expect(after).toMatchObject({
      name: before.name,
      keywords: before.keywords,
      categories: before.categories,
      text: "<p>New text</p>",
    });
    expect(after.updatedAt).toBe(emulator.clock.iso());
    expect(after.updatedBy).toBe(emulator.account("acme").ownerUserId);
    const revisions = await docsCall<{ revisions: Page<D["ArticleRevisionRef"]> }>(
      emulator,
      "GET",
      `/v1/articles/${before.id}/revisions`,
    );
    expect(revisions.body.revisions.count).toBe(revisionsBefore + 1);
    const newest = revisions.body.revisions.items[0]!;
    expect(newest).not.toHaveProperty("text");
    const revision = await docsCall<{ revision: D["ArticleRevision"] }>(
      emulator,
      "GET",
      `/v1/revisions/${newest.id}`,
    );
    expect(revision.body.revision).toMatchObject({ articleId: before.id, text: "<p>New text</p>" });
    expect((await docsCall(emulator, "GET", "/v1/revisions/nope")).status).toBe(404);
  });

  it("moves the article to Uncategorized with categories: null, and returns it with reload", async () => {
    const { emulator, data, uncategorized, named } = setup();
    const article = data.articles.find((a) => a.categories?.includes(named[0]!.id))!;
    const res = await docsCall<ArticleAnswer>(
      emulator,
      "PUT",
      `/v1/articles/${article.id}?reload=true`,
      { categories: null },
    );
    expect(res.status).toBe(200);
    expect(res.body.article.categories).toEqual([uncategorized.id]);
    const list = await docsCall<{ articles: Page<D["ArticleRef"]> }>(
      emulator,
      "GET",
      `/v1/categories/${uncategorized.id}/articles?pageSize=100`,
    );
    expect(list.body.articles.items.map((a) => a.id)).toContain(article.id);
    const category = await docsCall<{ category: D["Category"] }>(
      emulator,
      "GET",
      `/v1/categories/${named[0]!.id}`,
    );
    expect(category.body.category.articleCount).toBe((named[0]!.articleCount ?? 0) - 1);
  });

  it("refuses a duplicate name and 404s an unknown article", async () => {
    const { emulator, data, collection } = setup();
    const [a, b] = data.articles.filter((x) => x.collectionId === collection.id);
    expect(
      (await docsCall(emulator, "PUT", `/v1/articles/${a!.id}`, { name: b!.name })).status,
    ).toBe(400);
    expect((await docsCall(emulator, "PUT", "/v1/articles/nope", { name: "x" })).status).toBe(404);
  });
});
