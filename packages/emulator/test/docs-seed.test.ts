import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { EmulatorClock } from "../src/clock.js";
import { SeededRandom } from "../src/random.js";
import { DEFAULT_SEED_SIZE } from "../src/seed/accounts.js";
import { seedDocs } from "../src/seed/docs-seed.js";
import type { DocsData, SeedSize } from "../src/types.js";
import { docsEmulator, START, seeded } from "./fixtures/docs-requests.js";

const SIZE: SeedSize = { ...DEFAULT_SEED_SIZE, sites: 3, articles: 120, redirects: 9 };

function seed(seedValue: number, accountIndex = 0): DocsData {
  return seedDocs({
    random: new SeededRandom(seedValue),
    clock: new EmulatorClock({ startAt: START }),
    size: SIZE,
    accountIndex,
  });
}

/** A fingerprint of all the data (maps as entry lists). */
const asJson = (docs: DocsData) =>
  createHash("sha256")
    .update(
      JSON.stringify(
        Object.entries(docs).map(([key, value]) => [
          key,
          value instanceof Map ? [...value] : value,
        ]),
      ),
    )
    .digest("hex");

describe("seedDocs", () => {
  it("gives the same data for the same seed and different data for another seed", () => {
    expect(asJson(seed(7))).toBe(asJson(seed(7)));
    expect(asJson(seed(7))).not.toBe(asJson(seed(8)));
    const a = docsEmulator({ seed: 3 });
    const b = docsEmulator({ seed: 3 });
    expect(asJson(a.account("acme").docs)).toBe(asJson(b.account("acme").docs));
  });

  it("seeds the sizes asked for, with 24-hex ids and unique public numbers", () => {
    const docs = seed(1);
    expect(docs.sites.size).toBe(3);
    expect(docs.collections.size).toBe(3 * SIZE.collectionsPerSite);
    expect(docs.categories.size).toBe(docs.collections.size * SIZE.categoriesPerCollection);
    expect(docs.articles.size).toBe(120);
    expect(docs.redirects.size).toBe(9);
    const ids = [
      docs.sites,
      docs.collections,
      docs.categories,
      docs.articles,
      docs.redirects,
    ].flatMap((map) => [...map.keys()]);
    expect(ids.every((id) => /^[0-9a-f]{24}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const numbers = [...docs.articles.values()].map((article) => article.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(docs.nextNumber).toBeGreaterThan(Math.max(...numbers));
  });

  it("gives every collection an Uncategorized category and mixes public and private", () => {
    const docs = seed(1);
    for (const collection of docs.collections.values()) {
      const names = [...docs.categories.values()]
        .filter((category) => category.collectionId === collection.id)
        .map((category) => category.name);
      expect(names).toContain("Uncategorized");
    }
    const visibilities = new Set([...docs.collections.values()].map((c) => c.visibility));
    expect(visibilities).toEqual(new Set(["public", "private"]));
    const restricted = [...docs.restrictions.values()].filter((r) => r.enabled);
    expect(restricted).toHaveLength(1);
    expect(restricted[0]?.callbackConfiguration?.sharedSecret).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it("seeds published and unpublished articles with revisions, drafts and related ones", () => {
    const docs = seed(1);
    const articles = [...docs.articles.values()];
    const statuses = new Set(articles.map((article) => article.status));
    expect(statuses).toEqual(new Set(["published", "notpublished"]));
    expect(articles.some((article) => (article.related ?? []).length > 0)).toBe(true);
    expect(articles.every((article) => (article.categories ?? []).length > 0)).toBe(true);
    expect(articles.every((article) => article.text?.startsWith("<p>"))).toBe(true);
    for (const article of articles) {
      const revisions = docs.revisions.get(article.id) ?? [];
      expect(revisions.length).toBeGreaterThanOrEqual(1);
      expect(revisions.length).toBeLessThanOrEqual(3);
      expect(revisions[0]?.text).toBe(article.text);
      const times = revisions.map((revision) => String(revision.createdAt));
      expect([...times].sort().reverse()).toEqual(times);
      expect(article.hasDraft).toBe(docs.drafts.has(article.id));
    }
    expect(docs.drafts.size).toBeGreaterThan(0);
  });

  it("keeps the article counts of collections and categories right", () => {
    const docs = seed(2);
    for (const collection of docs.collections.values()) {
      const inside = [...docs.articles.values()].filter((a) => a.collectionId === collection.id);
      expect(collection.articleCount).toBe(inside.length);
      expect(collection.publishedArticleCount).toBe(
        inside.filter((a) => a.status === "published").length,
      );
    }
    for (const category of docs.categories.values()) {
      const inside = [...docs.articles.values()].filter((a) => a.categories?.includes(category.id));
      expect(category.articleCount).toBe(inside.length);
    }
  });

  it("seeds each account of an emulator with its own knowledge base", () => {
    const emulator = docsEmulator({ accounts: ["acme", "globex"] });
    const acme = seeded(emulator).sites[0];
    const globex = [...emulator.account("globex").docs.sites.values()][0];
    expect(acme?.subDomain).toBe("acme");
    expect(globex?.subDomain).toBe("globex");
  });
});
