import { describe, expect, it } from "vitest";
import type { D } from "../src/types.js";
import { docsCall, docsEmulator, getArticle, seeded } from "./fixtures/docs-requests.js";

function setup() {
  const emulator = docsEmulator();
  const data = seeded(emulator);
  return { emulator, data, collection: data.collections[0]! };
}

describe("Drafts, views and delete", () => {
  it("saves a draft, shows it with draft=true, and discards it on publish", async () => {
    const { emulator, data } = setup();
    const article = data.articles.find((a) => a.status === "notpublished" && !a.hasDraft)!;
    const saved = await docsCall(emulator, "PUT", `/v1/articles/${article.id}/drafts`, {
      text: "<p>Draft</p>",
    });
    expect(saved.status).toBe(201);
    expect((await getArticle(emulator, article.id)).hasDraft).toBe(true);
    expect((await getArticle(emulator, article.id, "?draft=true")).text).toBe("<p>Draft</p>");
    expect((await getArticle(emulator, article.id)).text).toBe(article.text);
    await docsCall(emulator, "PUT", `/v1/articles/${article.id}`, { status: "published" });
    const published = await getArticle(emulator, article.id);
    expect(published).toMatchObject({ status: "published", hasDraft: false });
    expect((await docsCall(emulator, "PUT", `/v1/articles/${article.id}/drafts`, {})).status).toBe(
      400,
    );
  });

  it("deletes a draft", async () => {
    const { emulator, data } = setup();
    const [id] = [...data.docs.drafts.keys()];
    expect((await docsCall(emulator, "DELETE", `/v1/articles/${id}/drafts`)).status).toBe(204);
    expect((await getArticle(emulator, id!)).hasDraft).toBe(false);
    expect((await docsCall(emulator, "DELETE", `/v1/articles/${id}/drafts`)).status).toBe(404);
  });

  it("adds views (1 by default) and raises popularity", async () => {
    const { emulator, data } = setup();
    const article = data.articles.find((a) => a.viewCount === 0)!;
    expect((await docsCall(emulator, "PUT", `/v1/articles/${article.id}/views`, {})).status).toBe(
      200,
    );
    expect((await getArticle(emulator, article.id)).viewCount).toBe(1);
    await docsCall(emulator, "PUT", `/v1/articles/${article.id}/views`, { count: 999 });
    const after = await getArticle(emulator, article.id);
    expect(after.viewCount).toBe(1000);
    expect(after.popularity).toBeGreaterThan(article.popularity ?? 0);
    expect(
      (await docsCall(emulator, "PUT", `/v1/articles/${article.id}/views`, { count: "x" })).status,
    ).toBe(400);
  });

  it("deletes an article: 204, then 404, and it leaves its collection's count", async () => {
    const { emulator, collection, data } = setup();
    const article = data.articles.find((a) => a.collectionId === collection.id)!;
    expect((await docsCall(emulator, "DELETE", `/v1/articles/${article.id}`)).status).toBe(204);
    expect((await docsCall(emulator, "GET", `/v1/articles/${article.id}`)).status).toBe(404);
    expect((await docsCall(emulator, "DELETE", `/v1/articles/${article.id}`)).status).toBe(404);
    const after = await docsCall<{ collection: D["Collection"] }>(
      emulator,
      "GET",
      `/v1/collections/${collection.id}`,
    );
    expect(after.body.collection.articleCount).toBe((collection.articleCount ?? 0) - 1);
  });
});
