import { describe, expect, it } from "vitest";
import type { D } from "../src/types.js";
import { docsCall, docsEmulator, locationId, type Page, seeded } from "./fixtures/docs-requests.js";

type Categories = { categories: Page<D["Category"]> };
type CategoryAnswer = { category: D["Category"] };

function setup() {
  const emulator = docsEmulator({ size: { categoriesPerCollection: 5 } });
  const data = seeded(emulator);
  const collection = data.collections[0]!;
  const inCollection = data.categories.filter((c) => c.collectionId === collection.id);
  return { emulator, data, collection, inCollection };
}

describe("List and get categories", () => {
  it("lists a collection's categories by order, or by name/number/articleCount either way", async () => {
    const { emulator, collection, inCollection } = setup();
    const path = `/v1/collections/${collection.id}/categories`;
    const byOrder = await docsCall<Categories>(emulator, "GET", path);
    expect(byOrder.body.categories).toMatchObject({
      page: 1,
      pages: 1,
      count: inCollection.length,
    });
    const orders = byOrder.body.categories.items.map((c) => c.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    expect(byOrder.body.categories.items[0]).not.toHaveProperty("publicUrl");
    const names = (
      await docsCall<Categories>(emulator, "GET", `${path}?sort=name&order=desc`)
    ).body.categories.items.map((c) => c.name.toLowerCase());
    expect(names).toEqual([...names].sort().reverse());
    const counts = (
      await docsCall<Categories>(emulator, "GET", `${path}?sort=articleCount`)
    ).body.categories.items.map((c) => c.articleCount);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect((await docsCall(emulator, "GET", `${path}?sort=popularity`)).status).toBe(400);
    expect((await docsCall(emulator, "GET", "/v1/collections/nope/categories")).status).toBe(404);
  });

  it("gets a category by id or by number", async () => {
    const { emulator, inCollection } = setup();
    const category = inCollection[0]!;
    const byId = await docsCall<CategoryAnswer>(emulator, "GET", `/v1/categories/${category.id}`);
    expect(byId.body.category).toMatchObject({ id: category.id, publicUrl: category.publicUrl });
    const byNumber = await docsCall<CategoryAnswer>(
      emulator,
      "GET",
      `/v1/categories/${category.number}`,
    );
    expect(byNumber.body.category.id).toBe(category.id);
    expect((await docsCall(emulator, "GET", "/v1/categories/123456")).status).toBe(404);
  });
});

describe("Write categories", () => {
  it("creates with Help Scout's defaults; reload answers epoch timestamps", async () => {
    const { emulator, collection } = setup();
    const res = await docsCall(emulator, "POST", "/v1/categories", {
      collectionId: collection.id,
      name: "Webhooks",
    });
    expect(res.status).toBe(201);
    const category = (
      await docsCall<CategoryAnswer>(emulator, "GET", `/v1/categories/${locationId(res)}`)
    ).body.category;
    expect(category).toMatchObject({
      name: "Webhooks",
      slug: "webhooks",
      visibility: "public",
      order: 1,
      defaultSort: "popularity",
      articleCount: 0,
    });
    const reloaded = await docsCall<CategoryAnswer>(
      emulator,
      "POST",
      "/v1/categories?reload=true",
      {
        collectionId: collection.id,
        name: "Private notes",
        visibility: "private",
        defaultSort: "name",
        order: 7,
      },
    );
    expect(reloaded.status).toBe(201);
    expect(reloaded.body.category).toMatchObject({
      visibility: "private",
      defaultSort: "name",
      order: 7,
    });
    expect(typeof reloaded.body.category.createdAt).toBe("number");
    const duplicate = await docsCall(emulator, "POST", "/v1/categories", {
      collectionId: collection.id,
      name: "webhooks",
    });
    expect(duplicate.status).toBe(400);
    const badSort = await docsCall(emulator, "POST", "/v1/categories", {
      collectionId: collection.id,
      name: "X",
      defaultSort: "custom",
    });
    expect(badSort.status).toBe(400);
    expect((await docsCall(emulator, "POST", "/v1/categories", { name: "X" })).status).toBe(400);
  });

  it("updates with merge semantics and stamps updatedAt", async () => {
    const { emulator, inCollection } = setup();
    const category = inCollection[0]!;
    emulator.clock.advance(5_000);
    const res = await docsCall<CategoryAnswer>(
      emulator,
      "PUT",
      `/v1/categories/${category.id}?reload=true`,
      { name: "Renamed" },
    );
    expect(res.status).toBe(200);
    expect(res.body.category).toMatchObject({
      name: "Renamed",
      order: category.order,
      defaultSort: category.defaultSort,
      updatedAt: emulator.clock.iso(),
    });
    expect(
      (await docsCall(emulator, "PUT", `/v1/categories/${category.id}`, { visibility: "hidden" }))
        .status,
    ).toBe(400);
    expect((await docsCall(emulator, "PUT", "/v1/categories/nope", { name: "x" })).status).toBe(
      404,
    );
  });

  it("reorders only the listed categories", async () => {
    const { emulator, collection, inCollection } = setup();
    const [first, second, third] = inCollection;
    const res = await docsCall(emulator, "PUT", `/v1/collections/${collection.id}/categories`, {
      categories: [
        { id: first!.id, order: 30 },
        { id: second!.id, order: 20 },
      ],
    });
    expect(res.status).toBe(200);
    const get = async (id: string) =>
      (await docsCall<CategoryAnswer>(emulator, "GET", `/v1/categories/${id}`)).body.category;
    expect((await get(first!.id)).order).toBe(30);
    expect((await get(second!.id)).order).toBe(20);
    expect((await get(third!.id)).order).toBe(third!.order);
    const foreign = await docsCall(emulator, "PUT", `/v1/collections/${collection.id}/categories`, {
      categories: [{ id: "nope", order: 1 }],
    });
    expect(foreign.status).toBe(400);
    expect(
      (
        await docsCall(emulator, "PUT", `/v1/collections/${collection.id}/categories`, {
          categories: [{ id: first!.id }],
        })
      ).status,
    ).toBe(400);
  });

  it("deletes a category: its articles move to Uncategorized, which cannot be deleted", async () => {
    const { emulator, data, inCollection } = setup();
    const uncategorized = inCollection.find((c) => c.name === "Uncategorized")!;
    const doomed = inCollection.find((c) => c !== uncategorized && (c.articleCount ?? 0) > 0)!;
    const only = data.articles.filter(
      (a) => a.categories?.length === 1 && a.categories[0] === doomed.id,
    );
    expect((await docsCall(emulator, "DELETE", `/v1/categories/${doomed.id}`)).status).toBe(204);
    expect((await docsCall(emulator, "GET", `/v1/categories/${doomed.id}`)).status).toBe(404);
    const after = (
      await docsCall<CategoryAnswer>(emulator, "GET", `/v1/categories/${uncategorized.id}`)
    ).body.category;
    expect(after.articleCount).toBe((uncategorized.articleCount ?? 0) + only.length);
    expect((await docsCall(emulator, "DELETE", `/v1/categories/${uncategorized.id}`)).status).toBe(
      400,
    );
  });
});
