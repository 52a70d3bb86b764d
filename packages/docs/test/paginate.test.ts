import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { createDocsClient, HelpScoutError, paginate, paginatePages } from "../src/index.js";
import { API_KEY, articleRef, category, ids, page } from "./fixtures.js";
import { DOCS, server, useMswServer } from "./msw/server.js";

useMswServer();

// No retry: a failing page must surface at once (retries are tested in defaults.test.ts).
const docs = () => createDocsClient({ apiKey: API_KEY, retry: false });

/** Serves `total` articles in pages of `size`, recording each request's query. */
function articlePages(total: number, size: number, queries: string[]) {
  const pages = Math.max(1, Math.ceil(total / size));
  return http.get(`${DOCS}/v1/collections/:collectionId/articles`, ({ request }) => {
    const url = new URL(request.url);
    queries.push(url.search);
    const n = Number(url.searchParams.get("page") ?? 1);
    const items = Array.from({ length: total }, (_, i) => articleRef(i + 1)).slice(
      (n - 1) * size,
      n * size,
    );
    return HttpResponse.json({ articles: page(items, n, pages, total) });
  });
}

describe("paginate (Docs)", () => {
  it("yields every item across pages, keeping filters, and stops at the last page", async () => {
    const queries: string[] = [];
    server.use(articlePages(5, 2, queries));
    const names: string[] = [];
    for await (const article of paginate(docs(), "/v1/collections/{collectionId}/articles", {
      params: { path: { collectionId: ids.collection }, query: { status: "published" } },
    })) {
      names.push(article.name);
    }
    expect(names).toEqual(["Article 1", "Article 2", "Article 3", "Article 4", "Article 5"]);
    expect(queries).toEqual([
      "?status=published&page=1",
      "?status=published&page=2",
      "?status=published&page=3",
    ]);
  });

  it("starts at the page asked for", async () => {
    const queries: string[] = [];
    server.use(articlePages(6, 2, queries));
    const pages = [];
    for await (const p of paginatePages(docs(), "/v1/collections/{collectionId}/articles", {
      params: { path: { collectionId: ids.collection }, query: { page: 2 } },
    })) {
      pages.push({ page: p.page, pages: p.pages, count: p.count, n: p.items.length });
    }
    expect(pages).toEqual([
      { page: 2, pages: 3, count: 6, n: 2 },
      { page: 3, pages: 3, count: 6, n: 2 },
    ]);
  });

  it("makes one request for an empty list (pages: 0)", async () => {
    const queries: string[] = [];
    server.use(articlePages(0, 50, queries));
    server.use(
      http.get(`${DOCS}/v1/sites`, ({ request }) => {
        queries.push(new URL(request.url).search);
        return HttpResponse.json({ sites: { page: 1, pages: 0, count: 0, items: [] } });
      }),
    );
    const items = [];
    for await (const site of paginate(docs(), "/v1/sites")) items.push(site);
    expect(items).toEqual([]);
    expect(queries).toEqual(["?page=1"]);
  });

  it("stops on an empty page even if `pages` claims more", async () => {
    let calls = 0;
    server.use(
      http.get(`${DOCS}/v1/collections/:collectionId/categories`, () => {
        calls += 1;
        return HttpResponse.json({ categories: page(calls === 1 ? [category] : [], calls, 99, 1) });
      }),
    );
    const got = [];
    for await (const c of paginate(docs(), "/v1/collections/{collectionId}/categories", {
      params: { path: { collectionId: ids.collection } },
    })) {
      got.push(c.id);
    }
    expect(got).toEqual([ids.category]);
    expect(calls).toBe(2);
  });

  it("throws the failure of a later page after yielding the earlier items", async () => {
    server.use(
      http.get(`${DOCS}/v1/collections/:collectionId/articles`, ({ request }) => {
        const n = Number(new URL(request.url).searchParams.get("page"));
        if (n === 2) return HttpResponse.json({ status: 500, error: "boom" }, { status: 500 });
        return HttpResponse.json({ articles: page([articleRef(1)], 1, 2, 2) });
      }),
    );
    const got: number[] = [];
    const run = async () => {
      for await (const a of paginate(docs(), "/v1/collections/{collectionId}/articles", {
        params: { path: { collectionId: ids.collection } },
      })) {
        got.push(a.number);
      }
    };
    await expect(run()).rejects.toMatchObject({ name: "HelpScoutError", status: 500 });
    expect(got).toEqual([1]);
  });

  it("rejects a body without the page envelope with a typed error", async () => {
    server.use(http.get(`${DOCS}/v1/sites`, () => HttpResponse.json({ sites: [] })));
    const run = async () => {
      for await (const _ of paginate(docs(), "/v1/sites")) {
        // never reached
      }
    };
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HelpScoutError);
    expect((error as HelpScoutError).code).toBe("invalid_response");
  });
});
