import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { createDocsClient, unwrap } from "../src/index.js";
import { API_KEY, ids, page, redirect, site } from "./fixtures.js";
import { DOCS, server, useMswServer } from "./msw/server.js";

useMswServer();

const docs = () => createDocsClient({ apiKey: API_KEY });

describe("redirects", () => {
  it("lists a site's redirects", async () => {
    server.use(
      http.get(`${DOCS}/v1/redirects/site/:siteId`, ({ params }) =>
        HttpResponse.json({ redirects: page(params.siteId === ids.site ? [redirect] : []) }),
      ),
    );
    const { redirects } = await unwrap(
      docs().GET("/v1/redirects/site/{siteId}", { params: { path: { siteId: ids.site } } }),
    );
    expect(redirects.items).toEqual([redirect]);
  });

  it("finds where an old URL goes, URL-encoding it", async () => {
    let url: URL | undefined;
    server.use(
      http.get(`${DOCS}/v1/redirects`, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json({
          redirectedUrl: {
            type: "article",
            redirect: "https://acme.helpscoutdocs.com/article/1-reset#steps",
            slug: "reset",
            number: 1,
            anchor: "steps",
          },
        });
      }),
    );
    const { redirectedUrl } = await unwrap(
      docs().GET("/v1/redirects", {
        params: { query: { url: "/old/article 1?x=1", siteId: ids.site } },
      }),
    );
    expect(url?.search).toBe(`?url=%2Fold%2Farticle%201%3Fx%3D1&siteId=${ids.site}`);
    expect(url?.searchParams.get("url")).toBe("/old/article 1?x=1");
    expect(redirectedUrl?.number).toBe(1);
  });

  it("sends the whole redirect on create and update", async () => {
    const bodies: unknown[] = [];
    server.use(
      http.all(`${DOCS}/v1/redirects*`, async ({ request }) => {
        bodies.push({ method: request.method, body: await request.json() });
        return new HttpResponse(null, { status: request.method === "POST" ? 201 : 200 });
      }),
    );
    const body = {
      siteId: ids.site,
      urlMapping: "/old/article/1234",
      redirect: "https://acme.helpscoutdocs.com/article/1-reset",
      type: "article" as const,
      documentId: ids.article,
    };
    const client = docs();
    await client.POST("/v1/redirects", { body });
    await client.PUT("/v1/redirects/{redirectId}", {
      params: { path: { redirectId: ids.redirect } },
      body,
    });
    expect(bodies).toEqual([
      { method: "POST", body },
      { method: "PUT", body },
    ]);
  });
});

describe("sites", () => {
  it("gets a site, keeping newer theme keys the spec does not list", async () => {
    server.use(
      http.get(`${DOCS}/v1/sites/:siteId`, () =>
        HttpResponse.json({ site: { ...site, linkColor: "#0066ff", brandNewSetting: 1 } }),
      ),
    );
    const { site: got } = await unwrap(
      docs().GET("/v1/sites/{siteId}", { params: { path: { siteId: ids.site } } }),
    );
    expect(got.subDomain).toBe("acme");
    expect(got.linkColor).toBe("#0066ff");
    expect(got.brandNewSetting).toBe(1);
  });

  it("reads restrictions from /restrictions and writes them to /restricted", async () => {
    const calls: { method: string; path: string; body?: unknown }[] = [];
    const restriction = {
      enabled: true,
      authentication: "CALLBACK" as const,
      callbackConfiguration: { signInUrl: "https://acme.example/docs-login" },
    };
    server.use(
      http.get(`${DOCS}/v1/sites/:siteId/restrictions`, ({ request }) => {
        calls.push({ method: "GET", path: new URL(request.url).pathname });
        return HttpResponse.json(restriction);
      }),
      http.put(`${DOCS}/v1/sites/:siteId/restricted`, async ({ request }) => {
        calls.push({
          method: "PUT",
          path: new URL(request.url).pathname,
          body: await request.json(),
        });
        return HttpResponse.json(restriction);
      }),
    );
    const client = docs();
    const path = { siteId: ids.site };
    const current = await unwrap(
      client.GET("/v1/sites/{siteId}/restrictions", { params: { path } }),
    );
    await client.PUT("/v1/sites/{siteId}/restricted", { params: { path }, body: restriction });
    expect(current.callbackConfiguration?.signInUrl).toBe("https://acme.example/docs-login");
    expect(calls).toEqual([
      { method: "GET", path: `/v1/sites/${ids.site}/restrictions` },
      { method: "PUT", path: `/v1/sites/${ids.site}/restricted`, body: restriction },
    ]);
  });
});
