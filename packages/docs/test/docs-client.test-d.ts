import { describe, expectTypeOf, it } from "vitest";
import {
  type Article,
  type ArticleRef,
  type Category,
  createDocsClient,
  type DocsListPath,
  paginate,
  type Redirect,
  type Site,
} from "../src/index.js";

const docs = createDocsClient({ apiKey: "k" });

describe("Docs client types", () => {
  it("types bodies from the spec", async () => {
    const { data } = await docs.GET("/v1/articles/{articleId}", {
      params: { path: { articleId: "1" } },
    });
    expectTypeOf(data).toEqualTypeOf<{ article: Article } | undefined>();
    expectTypeOf<Article["status"]>().toEqualTypeOf<"published" | "notpublished">();
  });

  it("rejects wrong parameters and bodies", () => {
    // @ts-expect-error `status` only takes all | published | notpublished
    docs.GET("/v1/search/articles", { params: { query: { status: "draft" } } });
    // @ts-expect-error unknown query parameter
    docs.GET("/v1/collections", { params: { query: { pageSize: 10 } } });
    // @ts-expect-error the path parameter is required
    docs.GET("/v1/articles/{articleId}", { params: { path: {} } });
    // @ts-expect-error createArticle needs a collectionId
    docs.POST("/v1/articles", { body: { name: "x", text: "y" } });
    const redirect = { siteId: "s", urlMapping: "/a", redirect: "https://x.test/b" };
    // @ts-expect-error a redirect type is article | category | collection | custom
    docs.POST("/v1/redirects", { body: { ...redirect, type: "page" } });
    // @ts-expect-error an upload's file is a Blob, not text
    docs.POST("/v1/assets/article", { body: { articleId: "a", assetType: "image", file: "x" } });
    // @ts-expect-error no such path
    docs.GET("/v1/article");
  });

  it("paginates only list paths and yields their item types", () => {
    expectTypeOf<"/v1/sites">().toMatchTypeOf<DocsListPath>();
    expectTypeOf<"/v1/articles/{articleId}">().not.toMatchTypeOf<DocsListPath>();
    expectTypeOf(
      paginate(docs, "/v1/collections/{collectionId}/articles", {
        params: { path: { collectionId: "c" } },
      }),
    ).toEqualTypeOf<AsyncGenerator<ArticleRef, void, undefined>>();
    expectTypeOf(paginate(docs, "/v1/sites")).toEqualTypeOf<
      AsyncGenerator<Site, void, undefined>
    >();
    expectTypeOf(
      paginate(docs, "/v1/redirects/site/{siteId}", { params: { path: { siteId: "s" } } }),
    ).toEqualTypeOf<AsyncGenerator<Redirect, void, undefined>>();
    expectTypeOf(
      paginate(docs, "/v1/collections/{collectionId}/categories", {
        params: { path: { collectionId: "c" } },
      }),
    ).toEqualTypeOf<AsyncGenerator<Category, void, undefined>>();
    // @ts-expect-error a single-object path is not a list
    paginate(docs, "/v1/articles/{articleId}", { params: { path: { articleId: "1" } } });
    // @ts-expect-error the list's path parameter is required
    paginate(docs, "/v1/collections/{collectionId}/articles");
  });
});
