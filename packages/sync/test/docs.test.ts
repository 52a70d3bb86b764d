import { unwrap } from "@terapi/helpscout-docs";
import { describe, expect, it } from "vitest";
import { type EmulatedAccount, emulatedAccount, useMsw } from "./fixtures/emulated-account.js";
import { docsSnapshot } from "./fixtures/emulator-snapshot.js";
import { MemoryRecordStore } from "./fixtures/memory-record-store.js";
import { expectStoreToMatch, storedRecords } from "./fixtures/store-snapshot.js";
import { CONNECTION, syncAccount } from "./fixtures/sync-helpers.js";

useMsw();

const DOCS_MODELS = ["sites", "collections", "categories", "articles", "redirects"];

async function firstSync() {
  const account = await emulatedAccount();
  const store = new MemoryRecordStore();
  const first = await syncAccount(account, store, { models: DOCS_MODELS });
  const docs = account.emulator.account().docs;
  /** List requests of a sync with nothing to fetch in full. */
  const listRequests = 1 + 1 + docs.collections.size * 2 + docs.sites.size;
  return { account, store, first, docs, listRequests };
}

const expected = (account: EmulatedAccount) => docsSnapshot(account.reader.docs);

describe("Docs: sites, collections, categories, articles, redirects", () => {
  it("a first sync stores everything, articles with their full text", async () => {
    const { account, store, first, docs, listRequests } = await firstSync();
    expect(first.summary.models.map((m) => m.model)).toEqual(DOCS_MODELS);
    expect(first.model("articles").inserted).toBe(docs.articles.size);
    expect(first.requests).toBe(listRequests + docs.articles.size);
    await expectStoreToMatch(store, CONNECTION, await expected(account));
    for (const record of (await storedRecords(store, CONNECTION, "articles")).values()) {
      expect((record.payload as { text?: string }).text, record.id).toEqual(expect.any(String));
    }
  });

  it("a re-sync with nothing changed fetches no article and rewrites nothing", async () => {
    const { account, store, listRequests } = await firstSync();
    const again = await syncAccount(account, store, { models: DOCS_MODELS });
    expect(again.requests).toBe(listRequests);
    for (const model of again.summary.models) {
      expect(model, model.model).toMatchObject({ inserted: 0, updated: 0, deleted: 0 });
    }
  });

  it("an edited article is the only one fetched again, and its new text is stored", async () => {
    const { account, store, docs, listRequests } = await firstSync();
    const [article] = [...docs.articles.values()];
    const articleId = article?.id ?? "";
    await account.reader.docs.PUT("/v1/articles/{articleId}", {
      params: { path: { articleId } },
      body: { text: "<p>Rewritten for the sync test.</p>" },
    });
    const { model, requests } = await syncAccount(account, store, { models: DOCS_MODELS });
    expect(requests).toBe(listRequests + 1);
    expect(model("articles")).toMatchObject({
      updated: 1,
      inserted: 0,
      requests: docs.collections.size + 1,
    });
    const stored = (await storedRecords(store, CONNECTION, "articles")).get(articleId);
    expect(stored?.payload).toMatchObject({ text: "<p>Rewritten for the sync test.</p>" });
    await expectStoreToMatch(store, CONNECTION, await expected(account));
  });

  it("view counts, which change without an edit, are taken from the list without a request", async () => {
    const { account, store, docs, listRequests } = await firstSync();
    const [article] = [...docs.articles.values()];
    await account.reader.docs.PUT("/v1/articles/{articleId}/views", {
      params: { path: { articleId: article?.id ?? "" } },
      body: { count: 25 },
    });
    const { model, requests } = await syncAccount(account, store, { models: DOCS_MODELS });
    expect(requests).toBe(listRequests);
    expect(model("articles").updated).toBe(1);
    await expectStoreToMatch(store, CONNECTION, await expected(account));
  });

  it("a deleted article, category and redirect are marked deleted; articles that named them are re-read", async () => {
    const { account, store, docs } = await firstSync();
    const [article] = [...docs.articles.values()];
    const [redirect] = [...docs.redirects.values()];
    const category = [...docs.categories.values()].find(
      (c) => c.name !== "Uncategorized" && c.articleCount > 0,
    );
    const naming = [...docs.articles.values()].filter(
      (a) =>
        a.id !== article?.id &&
        (a.related?.includes(article?.id ?? "") || a.categories?.includes(category?.id ?? "")),
    );
    expect(naming.length).toBeGreaterThan(0);
    await account.reader.docs.DELETE("/v1/articles/{articleId}", {
      params: { path: { articleId: article?.id ?? "" } },
    });
    await account.reader.docs.DELETE("/v1/categories/{categoryId}", {
      params: { path: { categoryId: category?.id ?? "" } },
    });
    await account.reader.docs.DELETE("/v1/redirects/{redirectId}", {
      params: { path: { redirectId: redirect?.id ?? "" } },
    });
    const { model } = await syncAccount(account, store, { models: DOCS_MODELS });
    expect(model("articles")).toMatchObject({ deleted: 1, inserted: 0 });
    expect(model("categories")).toMatchObject({ deleted: 1, inserted: 0 });
    expect(model("redirects")).toMatchObject({ deleted: 1, inserted: 0 });
    // The list requests, plus one GET per article that named the deleted article or category.
    expect(model("articles").requests).toBe(docs.collections.size + naming.length);
    const stored = (await storedRecords(store, CONNECTION, "articles")).get(article?.id ?? "");
    expect(stored?.deletedAt).toEqual(expect.any(String));
    await expectStoreToMatch(store, CONNECTION, await expected(account));
  });

  it("a new article is fetched in full", async () => {
    const { account, store, docs } = await firstSync();
    const [collection] = [...docs.collections.values()];
    await unwrap(
      account.reader.docs.POST("/v1/articles", {
        body: { collectionId: collection?.id ?? "", name: "Brand new", text: "<p>Fresh.</p>" },
      }),
    );
    const { model } = await syncAccount(account, store, { models: ["articles"] });
    expect(model("articles")).toMatchObject({
      inserted: 1,
      requests: 1 + docs.collections.size + 1,
    });
    const snapshot = await expected(account);
    await expectStoreToMatch(store, CONNECTION, new Map([["articles", snapshot.get("articles")!]]));
  });
});
