import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { createDocsClient, createdId, unwrap } from "../src/index.js";
import { API_KEY, category, collection, ids, page } from "./fixtures.js";
import { DOCS, server, useMswServer } from "./msw/server.js";

useMswServer();

const docs = () => createDocsClient({ apiKey: API_KEY });

describe("categories", () => {
  it("lists a collection's categories sorted, unwrapping {categories}", async () => {
    let search = "";
    server.use(
      http.get(`${DOCS}/v1/collections/:collectionId/categories`, ({ request }) => {
        search = new URL(request.url).search;
        return HttpResponse.json({ categories: page([category]) });
      }),
    );
    const { categories } = await unwrap(
      docs().GET("/v1/collections/{collectionId}/categories", {
        params: {
          path: { collectionId: ids.collection },
          query: { sort: "articleCount", order: "desc" },
        },
      }),
    );
    expect(search).toBe("?sort=articleCount&order=desc");
    expect(categories.items[0]?.defaultSort).toBe("popularity");
  });

  it("creates a category and reorders categories with their JSON bodies", async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(`${DOCS}/v1/categories`, async ({ request }) => {
        bodies.push(await request.json());
        return new HttpResponse(null, {
          status: 201,
          headers: { location: `${DOCS}/v1/categories/${ids.category}` },
        });
      }),
      http.put(`${DOCS}/v1/collections/:collectionId/categories`, async ({ request }) => {
        bodies.push(await request.json());
        return new HttpResponse(null, { status: 200 });
      }),
    );
    const client = docs();
    const created = await client.POST("/v1/categories", {
      body: {
        collectionId: ids.collection,
        name: "Billing",
        visibility: "private",
        order: 2,
        defaultSort: "name",
      },
    });
    await client.PUT("/v1/collections/{collectionId}/categories", {
      params: { path: { collectionId: ids.collection } },
      body: { categories: [{ id: ids.category, order: 1 }] },
    });
    expect(createdId(created)).toBe(ids.category);
    expect(bodies).toEqual([
      {
        collectionId: ids.collection,
        name: "Billing",
        visibility: "private",
        order: 2,
        defaultSort: "name",
      },
      { categories: [{ id: ids.category, order: 1 }] },
    ]);
  });
});

describe("collections", () => {
  it("filters collections by site and visibility", async () => {
    let search = "";
    server.use(
      http.get(`${DOCS}/v1/collections`, ({ request }) => {
        search = new URL(request.url).search;
        return HttpResponse.json({ collections: page([collection]) });
      }),
    );
    const { collections } = await unwrap(
      docs().GET("/v1/collections", {
        params: { query: { siteId: ids.site, visibility: "public", sort: "name" } },
      }),
    );
    expect(search).toBe(`?siteId=${ids.site}&visibility=public&sort=name`);
    expect(collections.items[0]?.name).toBe("Help");
  });

  it("updates a collection and gets it back with reload=true", async () => {
    let body: unknown;
    server.use(
      http.put(`${DOCS}/v1/collections/:collectionId`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ collection: { ...collection, name: "Support" } });
      }),
    );
    const result = await unwrap(
      docs().PUT("/v1/collections/{collectionId}", {
        params: { path: { collectionId: ids.collection }, query: { reload: true } },
        body: { name: "Support", description: "Answers" },
      }),
    );
    expect(body).toEqual({ name: "Support", description: "Answers" });
    expect(result.collection.name).toBe("Support");
  });
});
