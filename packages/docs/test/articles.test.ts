import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { createDocsClient, createdId, unwrap } from "../src/index.js";
import { API_KEY, article, articleRef, ids, page, searchHit } from "./fixtures.js";
import { DOCS, server, useMswServer } from "./msw/server.js";

useMswServer();

const docs = () => createDocsClient({ apiKey: API_KEY });

describe("articles", () => {
  it("serialises list filters and unwraps the {articles: {page, items}} envelope", async () => {
    let query = "";
    server.use(
      http.get(`${DOCS}/v1/collections/:collectionId/articles`, ({ request }) => {
        query = new URL(request.url).search;
        return HttpResponse.json({ articles: page([articleRef(1), articleRef(2)], 2, 3, 102) });
      }),
    );
    const { articles } = await unwrap(
      docs().GET("/v1/collections/{collectionId}/articles", {
        params: {
          path: { collectionId: ids.collection },
          query: { page: 2, status: "published", sort: "popularity", order: "desc", pageSize: 100 },
        },
      }),
    );
    expect(query).toBe("?page=2&status=published&sort=popularity&order=desc&pageSize=100");
    expect(articles.page).toBe(2);
    expect(articles.count).toBe(102);
    expect(articles.items.map((a) => a.name)).toEqual(["Article 1", "Article 2"]);
  });

  it("searches with query, site, collection and visibility filters", async () => {
    let params: URLSearchParams | undefined;
    server.use(
      http.get(`${DOCS}/v1/search/articles`, ({ request }) => {
        params = new URL(request.url).searchParams;
        return HttpResponse.json({ articles: page([searchHit]) });
      }),
    );
    const { articles } = await unwrap(
      docs().GET("/v1/search/articles", {
        params: {
          query: {
            query: "reset password",
            siteId: ids.site,
            collectionId: ids.collection,
            visibility: "public",
            status: "published",
          },
        },
      }),
    );
    expect(Object.fromEntries(params ?? [])).toEqual({
      query: "reset password",
      siteId: ids.site,
      collectionId: ids.collection,
      visibility: "public",
      status: "published",
    });
    expect(articles.items[0]?.preview).toBe("How to reset your password");
  });

  it("gets an article by number, with its draft when asked", async () => {
    let url = "";
    server.use(
      http.get(`${DOCS}/v1/articles/:articleId`, ({ request }) => {
        url = request.url;
        return HttpResponse.json({ article });
      }),
    );
    const result = await unwrap(
      docs().GET("/v1/articles/{articleId}", {
        params: { path: { articleId: "1" }, query: { draft: true } },
      }),
    );
    expect(url).toBe(`${DOCS}/v1/articles/1?draft=true`);
    expect(result.article.text).toBe("<p>How to reset your password</p>");
  });

  it("creates an article: JSON body, the new id from Location", async () => {
    let sent: { body: unknown; contentType: string | null } | undefined;
    server.use(
      http.post(`${DOCS}/v1/articles`, async ({ request }) => {
        sent = { body: await request.json(), contentType: request.headers.get("content-type") };
        return new HttpResponse(null, {
          status: 201,
          headers: { location: `${DOCS}/v1/articles/${ids.article}` },
        });
      }),
    );
    const body = {
      collectionId: ids.collection,
      name: "Reset your password",
      text: "<p>Steps</p>",
      status: "published" as const,
      categories: [ids.category],
      keywords: ["password"],
    };
    const result = await docs().POST("/v1/articles", { body });
    expect(sent).toEqual({ body, contentType: "application/json" });
    expect(createdId(result)).toBe(ids.article);
  });

  it("returns the created object with reload=true", async () => {
    let search = "";
    server.use(
      http.post(`${DOCS}/v1/articles`, ({ request }) => {
        search = new URL(request.url).search;
        return HttpResponse.json({ article }, { status: 201 });
      }),
    );
    const created = await unwrap(
      docs().POST("/v1/articles", {
        params: { query: { reload: true } },
        body: { collectionId: ids.collection, name: "A", text: "x" },
      }),
    );
    expect(search).toBe("?reload=true");
    expect(created.article.id).toBe(ids.article);
  });

  it("sends null to move an article out of every category", async () => {
    let body: unknown;
    server.use(
      http.put(`${DOCS}/v1/articles/:articleId`, async ({ request }) => {
        body = await request.json();
        return new HttpResponse(null, { status: 200 });
      }),
    );
    await docs().PUT("/v1/articles/{articleId}", {
      params: { path: { articleId: ids.article } },
      body: { categories: null, status: "notpublished" },
    });
    expect(body).toEqual({ categories: null, status: "notpublished" });
  });

  it("adds views and saves a draft", async () => {
    const bodies: unknown[] = [];
    server.use(
      http.put(`${DOCS}/v1/articles/:articleId/:sub`, async ({ request }) => {
        bodies.push(await request.json());
        return new HttpResponse(null, { status: 200 });
      }),
    );
    const client = docs();
    const path = { articleId: ids.article };
    await client.PUT("/v1/articles/{articleId}/views", { params: { path }, body: { count: 3 } });
    await client.PUT("/v1/articles/{articleId}/drafts", { params: { path }, body: { text: "v2" } });
    expect(bodies).toEqual([{ count: 3 }, { text: "v2" }]);
  });

  it("reads an article's revisions and one revision", async () => {
    const revisionRef = {
      id: ids.revision,
      articleId: ids.article,
      createdBy: { id: 1, firstName: "Ada", lastName: "Lovelace" },
      createdAt: "2013-08-21T19:34:13Z",
    };
    server.use(
      http.get(`${DOCS}/v1/articles/:articleId/revisions`, () =>
        HttpResponse.json({ revisions: page([revisionRef]) }),
      ),
      http.get(`${DOCS}/v1/revisions/:revisionId`, () =>
        HttpResponse.json({ revision: { ...revisionRef, text: "<p>old</p>" } }),
      ),
    );
    const client = docs();
    const { revisions } = await unwrap(
      client.GET("/v1/articles/{articleId}/revisions", {
        params: { path: { articleId: ids.article } },
      }),
    );
    const { revision } = await unwrap(
      client.GET("/v1/revisions/{revisionId}", { params: { path: { revisionId: ids.revision } } }),
    );
    expect(revisions.items[0]?.createdBy.firstName).toBe("Ada");
    expect(revision.text).toBe("<p>old</p>");
  });

  it("accepts Unix-second timestamps that reload=true writes may return", async () => {
    server.use(
      http.put(`${DOCS}/v1/articles/:articleId`, () =>
        HttpResponse.json({ article: { ...article, createdAt: 1377113653 } }),
      ),
    );
    const { article: updated } = await unwrap(
      docs().PUT("/v1/articles/{articleId}", {
        params: { path: { articleId: ids.article }, query: { reload: true } },
        body: { name: "New" },
      }),
    );
    expect(updated.createdAt).toBe(1377113653);
  });
});
