import { unwrap } from "@terapi/helpscout-docs";
import { describe, expect, it } from "vitest";
import { runAction } from "../src/index.js";
import { emulated, useMsw } from "./fixtures/emulated-clients.js";
import { picks } from "./fixtures/seed-picks.js";

useMsw();

async function setup() {
  const env = await emulated();
  const readArticle = async (articleId: string) =>
    (
      await unwrap(
        env.reader.docs.GET("/v1/articles/{articleId}", { params: { path: { articleId } } }),
      )
    ).article;
  return { ...env, seed: picks(env.account), readArticle };
}

describe("articles", () => {
  it("create-article creates an unpublished article in categories, with keywords", async () => {
    const { run, seed, readArticle } = await setup();
    const collection = seed.collections[0]!;
    const category = seed.categoriesOf(collection.id)[0]!;
    const { article } = await run("create-article", {
      collectionId: collection.id,
      name: "Reset your password",
      text: "<p>Steps…</p>",
      categories: [category.id],
      keywords: ["password"],
    });
    const stored = await readArticle(article.id);
    expect(stored).toMatchObject({
      name: "Reset your password",
      text: "<p>Steps…</p>",
      status: "notpublished",
      collectionId: collection.id,
      categories: [category.id],
      keywords: ["password"],
    });
  });

  it("update-article changes the fields given and keeps the others", async () => {
    const { run, seed, readArticle } = await setup();
    const before = await readArticle(seed.article.id);
    await run("update-article", {
      articleId: seed.article.id,
      name: "Renamed",
      keywords: ["a", "b"],
    });
    const after = await readArticle(seed.article.id);
    expect(after).toMatchObject({ name: "Renamed", keywords: ["a", "b"], text: before.text });
    expect(after.status).toBe(before.status);
  });

  it("publish-article and unpublish-article switch the status", async () => {
    const { run, seed, readArticle } = await setup();
    const published = await run("publish-article", { articleId: seed.article.id });
    expect(published.article.status).toBe("published");
    expect((await readArticle(seed.article.id)).status).toBe("published");
    await run("unpublish-article", { articleId: seed.article.id });
    expect((await readArticle(seed.article.id)).status).toBe("notpublished");
  });

  it("move-article files the article in other categories of its collection, or Uncategorized", async () => {
    const { run, seed, readArticle } = await setup();
    const article = await readArticle(seed.article.id);
    const [first, second] = seed.categoriesOf(article.collectionId);
    expect(second).toBeDefined();
    const moved = await run("move-article", {
      articleId: article.id,
      categoryIds: [first!.id, second!.id],
    });
    expect(moved.previousCategoryIds).toEqual(article.categories ?? []);
    expect((await readArticle(article.id)).categories).toEqual([first!.id, second!.id]);

    await run("move-article", { articleId: article.id, categoryIds: [] });
    const uncategorized = (await readArticle(article.id)).categories ?? [];
    expect(uncategorized).toHaveLength(1);
    expect(seed.categoriesOf(article.collectionId).map((c) => c.id)).not.toContain(
      uncategorized[0],
    );
  });

  it("move-article refuses a category of another collection before writing", async () => {
    const { seed, docs, readArticle, requests } = await setup();
    const article = await readArticle(seed.article.id);
    const other = seed.collections.find((c) => c.id !== article.collectionId)!;
    const foreign = seed.categoriesOf(other.id)[0]!;
    const before = requests();
    await expect(
      runAction("move-article", { articleId: article.id, categoryIds: [foreign.id] }, { docs }),
    ).rejects.toMatchObject({
      name: "ActionError",
      code: "conflict",
      status: 409,
      fieldErrors: [{ path: "/categoryIds/0", message: "is a category of another collection" }],
    });
    expect(requests() - before).toBe(2); // two reads, no write
    expect((await readArticle(article.id)).categories).toEqual(article.categories);
  });
});

describe("create-redirect", () => {
  it("creates a custom redirect, and a re-run returns it without writing", async () => {
    const { run, seed, reader } = await setup();
    const input = {
      siteId: seed.site.id,
      urlMapping: "/old/pricing",
      redirect: "https://example.com/pricing",
    };
    const first = await run("create-redirect", input);
    expect(first.created).toBe(true);
    const { redirect } = await unwrap(
      reader.docs.GET("/v1/redirects/{redirectId}", {
        params: { path: { redirectId: first.redirect.id } },
      }),
    );
    expect(redirect).toMatchObject({
      siteId: seed.site.id,
      urlMapping: "/old/pricing",
      redirect: "https://example.com/pricing",
      type: "custom",
    });
    const again = await run("create-redirect", input);
    expect(again).toEqual({ redirect: first.redirect, created: false });
    const { redirects } = await unwrap(
      reader.docs.GET("/v1/redirects/site/{siteId}", {
        params: { path: { siteId: seed.site.id } },
      }),
    );
    expect(redirects.items.filter((r) => r.urlMapping === "/old/pricing")).toHaveLength(1);
  });

  it("points an article redirect at the article's public URL, with the anchor", async () => {
    const { run, seed, readArticle } = await setup();
    const article = await readArticle(seed.article.id);
    const { redirect } = await run("create-redirect", {
      siteId: seed.site.id,
      urlMapping: "/article/1-old-name",
      type: "article",
      documentId: article.id,
      anchor: "steps",
    });
    expect(redirect).toMatchObject({
      type: "article",
      documentId: article.id,
      redirect: `${article.publicUrl}#steps`,
    });
  });

  it("refuses a path that already redirects elsewhere", async () => {
    const { run, seed, docs } = await setup();
    await run("create-redirect", {
      siteId: seed.site.id,
      urlMapping: "/taken",
      redirect: "https://example.com/a",
    });
    await expect(
      runAction(
        "create-redirect",
        { siteId: seed.site.id, urlMapping: "/Taken/", redirect: "https://example.com/b" },
        { docs },
      ),
    ).rejects.toMatchObject({ code: "conflict", status: 409 });
  });
});
