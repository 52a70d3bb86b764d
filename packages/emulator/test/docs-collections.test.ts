import { describe, expect, it } from "vitest";
import type { D } from "../src/types.js";
import { docsCall, docsEmulator, locationId, type Page, seeded } from "./fixtures/docs-requests.js";

type Collections = { collections: Page<D["Collection"]> };
type CollectionAnswer = { collection: D["Collection"] };

function setup() {
  const emulator = docsEmulator({ size: { sites: 2, collectionsPerSite: 4 } });
  return { emulator, data: seeded(emulator) };
}

describe("List and get collections", () => {
  it("lists all collections, then those of one site or visibility", async () => {
    const { emulator, data } = setup();
    const all = await docsCall<Collections>(emulator, "GET", "/v1/collections");
    expect(all.body.collections).toMatchObject({ page: 1, pages: 1, count: 8 });
    const site = data.sites[1]!;
    const ofSite = await docsCall<Collections>(
      emulator,
      "GET",
      `/v1/collections?siteId=${site.id}`,
    );
    expect(ofSite.body.collections.count).toBe(4);
    expect(ofSite.body.collections.items.every((c) => c.siteId === site.id)).toBe(true);
    const hidden = await docsCall<Collections>(
      emulator,
      "GET",
      "/v1/collections?visibility=private",
    );
    expect(hidden.body.collections.count).toBe(
      data.collections.filter((c) => c.visibility === "private").length,
    );
    expect(hidden.body.collections.items.every((c) => c.visibility === "private")).toBe(true);
    expect((await docsCall(emulator, "GET", "/v1/collections?visibility=nobody")).status).toBe(400);
  });

  it("sorts by name and number in both directions", async () => {
    const { emulator } = setup();
    const names = (
      await docsCall<Collections>(emulator, "GET", "/v1/collections?sort=name")
    ).body.collections.items.map((c) => c.name.toLowerCase());
    expect(names).toEqual([...names].sort());
    const numbers = (
      await docsCall<Collections>(emulator, "GET", "/v1/collections?sort=number&order=desc")
    ).body.collections.items.map((c) => c.number);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
  });

  it("gets a collection by id or number, and 404s unknown ones", async () => {
    const { emulator, data } = setup();
    const collection = data.collections[2]!;
    const byNumber = await docsCall<CollectionAnswer>(
      emulator,
      "GET",
      `/v1/collections/${collection.number}`,
    );
    expect(byNumber.body.collection).toEqual(collection);
    expect(
      (await docsCall(emulator, "GET", "/v1/collections/ffffffffffffffffffffffff")).status,
    ).toBe(404);
  });
});

describe("Write collections", () => {
  it("creates a collection with an Uncategorized category", async () => {
    const { emulator, data } = setup();
    const site = data.sites[0]!;
    const res = await docsCall(emulator, "POST", "/v1/collections", {
      siteId: site.id,
      name: "Release Notes",
      description: "What shipped",
    });
    expect(res.status).toBe(201);
    const id = locationId(res);
    const collection = (await docsCall<CollectionAnswer>(emulator, "GET", `/v1/collections/${id}`))
      .body.collection;
    expect(collection).toMatchObject({
      name: "Release Notes",
      visibility: "public",
      slug: "release-notes",
      order: 5,
      articleCount: 0,
    });
    expect(collection.publicUrl).toContain(`/collection/${collection.number}-release-notes`);
    const categories = await docsCall<{ categories: Page<D["Category"]> }>(
      emulator,
      "GET",
      `/v1/collections/${id}/categories`,
    );
    expect(categories.body.categories.items.map((c) => c.name)).toEqual(["Uncategorized"]);
    const article = await docsCall<{ article: D["Article"] }>(
      emulator,
      "POST",
      "/v1/articles?reload=true",
      { collectionId: id, name: "v2.0" },
    );
    expect(article.body.article.categories).toEqual([categories.body.categories.items[0]!.id]);
  });

  it("validates creates: site, name, visibility and a 45-character description", async () => {
    const { emulator, data } = setup();
    const siteId = data.sites[0]!.id;
    expect((await docsCall(emulator, "POST", "/v1/collections", { siteId })).status).toBe(400);
    expect((await docsCall(emulator, "POST", "/v1/collections", { name: "X" })).status).toBe(400);
    expect(
      (await docsCall(emulator, "POST", "/v1/collections", { siteId: "nope", name: "X" })).status,
    ).toBe(404);
    expect(
      (
        await docsCall(emulator, "POST", "/v1/collections", {
          siteId,
          name: "X",
          visibility: "team",
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await docsCall(emulator, "POST", "/v1/collections", {
          siteId,
          name: "X",
          description: "x".repeat(46),
        })
      ).status,
    ).toBe(400);
  });

  it("updates with merge semantics (name required) and answers the object with reload", async () => {
    const { emulator, data } = setup();
    const collection = data.collections[0]!;
    const res = await docsCall<CollectionAnswer>(
      emulator,
      "PUT",
      `/v1/collections/${collection.id}?reload=true`,
      { name: "Start Here", visibility: "private" },
    );
    expect(res.status).toBe(200);
    expect(res.body.collection).toMatchObject({
      name: "Start Here",
      visibility: "private",
      order: collection.order,
      description: collection.description,
    });
    expect(res.body.collection.updatedAt).toBe(emulator.clock.iso());
    expect(
      (
        await docsCall(emulator, "PUT", `/v1/collections/${collection.id}`, {
          visibility: "public",
        })
      ).status,
    ).toBe(400);
    const plain = await docsCall(emulator, "PUT", `/v1/collections/${collection.id}`, {
      name: "Again",
    });
    expect(plain.status).toBe(200);
    expect(plain.body).toBeUndefined();
  });

  it("deletes a collection with its categories and articles", async () => {
    const { emulator, data } = setup();
    const collection = data.collections[0]!;
    const article = data.articles.find((a) => a.collectionId === collection.id)!;
    const category = data.categories.find((c) => c.collectionId === collection.id)!;
    expect((await docsCall(emulator, "DELETE", `/v1/collections/${collection.id}`)).status).toBe(
      204,
    );
    expect((await docsCall(emulator, "GET", `/v1/collections/${collection.id}`)).status).toBe(404);
    expect((await docsCall(emulator, "GET", `/v1/articles/${article.id}`)).status).toBe(404);
    expect((await docsCall(emulator, "GET", `/v1/categories/${category.id}`)).status).toBe(404);
    const left = await docsCall<Collections>(emulator, "GET", "/v1/collections");
    expect(left.body.collections.count).toBe(7);
  });
});
