import { HttpResponse, http } from "msw";
import { beforeEach, describe, expect, it } from "vitest";
import { createDocsClient, type DocsClient } from "../src/index.js";
import { API_KEY, BASIC, ids } from "./fixtures.js";
import { DOCS, server, useMswServer } from "./msw/server.js";

useMswServer();

/** Every request that reached the fake Docs API: method, path + query, auth header. */
const seen: { method: string; url: string; auth: string | null }[] = [];

beforeEach(() => {
  seen.length = 0;
  server.use(
    http.all(`${DOCS}/*`, ({ request }) => {
      const url = new URL(request.url);
      seen.push({
        method: request.method,
        url: `${url.pathname}${url.search}`,
        auth: request.headers.get("authorization"),
      });
      // A GET is answered with JSON (an empty 200 to a GET is an invalid_response).
      if (request.method === "GET") return HttpResponse.json({});
      return new HttpResponse(null, { status: request.method === "DELETE" ? 204 : 200 });
    }),
  );
});

const { article, category, collection, redirect, revision, site } = ids;

/** One call per operation of the reference's list (40), with the request it must produce. */
const calls: [string, (docs: DocsClient) => Promise<unknown>, string][] = [
  [
    "listArticlesByCollection",
    (d) =>
      d.GET("/v1/collections/{collectionId}/articles", {
        params: { path: { collectionId: collection } },
      }),
    `GET /v1/collections/${collection}/articles`,
  ],
  [
    "listArticlesByCategory",
    (d) =>
      d.GET("/v1/categories/{categoryId}/articles", { params: { path: { categoryId: category } } }),
    `GET /v1/categories/${category}/articles`,
  ],
  [
    "searchArticles",
    (d) => d.GET("/v1/search/articles", { params: { query: { query: "password" } } }),
    "GET /v1/search/articles?query=password",
  ],
  [
    "listRelatedArticles",
    (d) => d.GET("/v1/articles/{articleId}/related", { params: { path: { articleId: article } } }),
    `GET /v1/articles/${article}/related`,
  ],
  [
    "listArticleRevisions",
    (d) =>
      d.GET("/v1/articles/{articleId}/revisions", { params: { path: { articleId: article } } }),
    `GET /v1/articles/${article}/revisions`,
  ],
  [
    "getArticle",
    (d) => d.GET("/v1/articles/{articleId}", { params: { path: { articleId: "42" } } }),
    "GET /v1/articles/42",
  ],
  [
    "getRevision",
    (d) => d.GET("/v1/revisions/{revisionId}", { params: { path: { revisionId: revision } } }),
    `GET /v1/revisions/${revision}`,
  ],
  [
    "createArticle",
    (d) => d.POST("/v1/articles", { body: { collectionId: collection, name: "A" } }),
    "POST /v1/articles",
  ],
  [
    "updateArticle",
    (d) =>
      d.PUT("/v1/articles/{articleId}", {
        params: { path: { articleId: article } },
        body: { name: "B" },
      }),
    `PUT /v1/articles/${article}`,
  ],
  [
    "uploadArticle",
    (d) =>
      d.POST("/v1/articles/upload", {
        body: { file: new Blob(["<p>x</p>"]), collectionId: collection },
      }),
    "POST /v1/articles/upload",
  ],
  [
    "updateArticleViewCount",
    (d) =>
      d.PUT("/v1/articles/{articleId}/views", {
        params: { path: { articleId: article } },
        body: { count: 1 },
      }),
    `PUT /v1/articles/${article}/views`,
  ],
  [
    "deleteArticle",
    (d) => d.DELETE("/v1/articles/{articleId}", { params: { path: { articleId: article } } }),
    `DELETE /v1/articles/${article}`,
  ],
  [
    "saveArticleDraft",
    (d) =>
      d.PUT("/v1/articles/{articleId}/drafts", {
        params: { path: { articleId: article } },
        body: { text: "draft" },
      }),
    `PUT /v1/articles/${article}/drafts`,
  ],
  [
    "deleteArticleDraft",
    (d) =>
      d.DELETE("/v1/articles/{articleId}/drafts", { params: { path: { articleId: article } } }),
    `DELETE /v1/articles/${article}/drafts`,
  ],
  [
    "createArticleAsset",
    (d) =>
      d.POST("/v1/assets/article", {
        body: { articleId: article, assetType: "image", file: new Blob(["png"]) },
      }),
    "POST /v1/assets/article",
  ],
  [
    "createSettingsAsset",
    (d) =>
      d.POST("/v1/assets/settings", {
        body: { siteId: site, assetType: "logo", file: new Blob(["png"]) },
      }),
    "POST /v1/assets/settings",
  ],
  [
    "listCategories",
    (d) =>
      d.GET("/v1/collections/{collectionId}/categories", {
        params: { path: { collectionId: collection } },
      }),
    `GET /v1/collections/${collection}/categories`,
  ],
  [
    "getCategory",
    (d) => d.GET("/v1/categories/{categoryId}", { params: { path: { categoryId: category } } }),
    `GET /v1/categories/${category}`,
  ],
  [
    "createCategory",
    (d) => d.POST("/v1/categories", { body: { collectionId: collection, name: "C" } }),
    "POST /v1/categories",
  ],
  [
    "updateCategory",
    (d) =>
      d.PUT("/v1/categories/{categoryId}", {
        params: { path: { categoryId: category } },
        body: { name: "C2" },
      }),
    `PUT /v1/categories/${category}`,
  ],
  [
    "updateCategoryOrder",
    (d) =>
      d.PUT("/v1/collections/{collectionId}/categories", {
        params: { path: { collectionId: collection } },
        body: { categories: [{ id: category, order: 2 }] },
      }),
    `PUT /v1/collections/${collection}/categories`,
  ],
  [
    "deleteCategory",
    (d) => d.DELETE("/v1/categories/{categoryId}", { params: { path: { categoryId: category } } }),
    `DELETE /v1/categories/${category}`,
  ],
  ["listCollections", (d) => d.GET("/v1/collections"), "GET /v1/collections"],
  [
    "getCollection",
    (d) =>
      d.GET("/v1/collections/{collectionId}", { params: { path: { collectionId: collection } } }),
    `GET /v1/collections/${collection}`,
  ],
  [
    "createCollection",
    (d) => d.POST("/v1/collections", { body: { siteId: site, name: "Help" } }),
    "POST /v1/collections",
  ],
  [
    "updateCollection",
    (d) =>
      d.PUT("/v1/collections/{collectionId}", {
        params: { path: { collectionId: collection } },
        body: { name: "Help 2" },
      }),
    `PUT /v1/collections/${collection}`,
  ],
  [
    "deleteCollection",
    (d) =>
      d.DELETE("/v1/collections/{collectionId}", {
        params: { path: { collectionId: collection } },
      }),
    `DELETE /v1/collections/${collection}`,
  ],
  [
    "listRedirects",
    (d) => d.GET("/v1/redirects/site/{siteId}", { params: { path: { siteId: site } } }),
    `GET /v1/redirects/site/${site}`,
  ],
  [
    "getRedirect",
    (d) => d.GET("/v1/redirects/{redirectId}", { params: { path: { redirectId: redirect } } }),
    `GET /v1/redirects/${redirect}`,
  ],
  [
    "findRedirect",
    (d) =>
      d.GET("/v1/redirects", { params: { query: { url: "/old/article/1234", siteId: site } } }),
    `GET /v1/redirects?url=%2Fold%2Farticle%2F1234&siteId=${site}`,
  ],
  [
    "createRedirect",
    (d) =>
      d.POST("/v1/redirects", {
        body: { siteId: site, urlMapping: "/old", redirect: "https://x.test/new" },
      }),
    "POST /v1/redirects",
  ],
  [
    "updateRedirect",
    (d) =>
      d.PUT("/v1/redirects/{redirectId}", {
        params: { path: { redirectId: redirect } },
        body: { siteId: site, urlMapping: "/old", redirect: "https://x.test/new" },
      }),
    `PUT /v1/redirects/${redirect}`,
  ],
  [
    "deleteRedirect",
    (d) => d.DELETE("/v1/redirects/{redirectId}", { params: { path: { redirectId: redirect } } }),
    `DELETE /v1/redirects/${redirect}`,
  ],
  ["listSites", (d) => d.GET("/v1/sites"), "GET /v1/sites"],
  [
    "getSite",
    (d) => d.GET("/v1/sites/{siteId}", { params: { path: { siteId: site } } }),
    `GET /v1/sites/${site}`,
  ],
  [
    "createSite",
    (d) => d.POST("/v1/sites", { body: { subDomain: "acme", title: "Acme" } }),
    "POST /v1/sites",
  ],
  [
    "updateSite",
    (d) =>
      d.PUT("/v1/sites/{siteId}", {
        params: { path: { siteId: site } },
        body: { title: "Acme 2" },
      }),
    `PUT /v1/sites/${site}`,
  ],
  [
    "deleteSite",
    (d) => d.DELETE("/v1/sites/{siteId}", { params: { path: { siteId: site } } }),
    `DELETE /v1/sites/${site}`,
  ],
  [
    "getSiteRestrictions",
    (d) => d.GET("/v1/sites/{siteId}/restrictions", { params: { path: { siteId: site } } }),
    `GET /v1/sites/${site}/restrictions`,
  ],
  [
    "updateSiteRestrictions",
    (d) =>
      d.PUT("/v1/sites/{siteId}/restricted", {
        params: { path: { siteId: site } },
        body: { enabled: false },
      }),
    `PUT /v1/sites/${site}/restricted`,
  ],
];

describe("every Docs operation", () => {
  it("covers the reference's 40 operations", () => {
    expect(new Set(calls.map(([name]) => name)).size).toBe(40);
  });

  it.each(calls)("%s sends the right method, URL and Basic auth", async (_name, call, expected) => {
    const docs = createDocsClient({ apiKey: API_KEY });
    await call(docs);
    expect(seen).toEqual([
      { method: expected.split(" ")[0], url: expected.split(" ")[1], auth: BASIC },
    ]);
  });
});
