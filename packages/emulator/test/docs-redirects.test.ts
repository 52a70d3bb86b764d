import { describe, expect, it } from "vitest";
import type { D } from "../src/types.js";
import { docsCall, docsEmulator, locationId, type Page, seeded } from "./fixtures/docs-requests.js";

type RedirectAnswer = { redirect: D["Redirect"] };
type Found = { redirectedUrl: D["RedirectedUrl"] };

function setup() {
  const emulator = docsEmulator({ size: { sites: 2, redirects: 8 } });
  return { emulator, data: seeded(emulator) };
}

describe("Redirects", () => {
  it("lists a site's redirects and gets one", async () => {
    const { emulator, data } = setup();
    const site = data.sites[0]!;
    const list = await docsCall<{ redirects: Page<D["Redirect"]> }>(
      emulator,
      "GET",
      `/v1/redirects/site/${site.id}`,
    );
    expect(list.status).toBe(200);
    expect(list.body.redirects.count).toBe(
      data.redirects.filter((r) => r.siteId === site.id).length,
    );
    expect(list.body.redirects.items.every((r) => r.siteId === site.id)).toBe(true);
    const one = list.body.redirects.items[0]!;
    const got = await docsCall<RedirectAnswer>(emulator, "GET", `/v1/redirects/${one.id}`);
    expect(got.body.redirect).toEqual(one);
    expect((await docsCall(emulator, "GET", "/v1/redirects/site/nope")).status).toBe(404);
    expect((await docsCall(emulator, "GET", "/v1/redirects/nope")).status).toBe(404);
  });

  it("finds the redirect of a URL, with the target's slug and number", async () => {
    const { emulator, data } = setup();
    const redirect = data.redirects.find((r) => r.type === "article")!;
    const article = data.docs.articles.get(redirect.documentId!)!;
    const found = await docsCall<Found>(
      emulator,
      "GET",
      `/v1/redirects?url=${encodeURIComponent(redirect.urlMapping)}&siteId=${redirect.siteId}`,
    );
    expect(found.status).toBe(200);
    expect(found.body.redirectedUrl).toMatchObject({
      type: "article",
      redirect: article.publicUrl,
      slug: article.slug,
      number: article.number,
    });
    const missing = await docsCall(
      emulator,
      "GET",
      `/v1/redirects?url=%2Fnowhere&siteId=${redirect.siteId}`,
    );
    expect(missing.status).toBe(404);
    expect(
      (await docsCall(emulator, "GET", `/v1/redirects?siteId=${redirect.siteId}`)).status,
    ).toBe(400);
  });

  it("creates (unknown types become custom), updates as a full replace and deletes", async () => {
    const { emulator, data } = setup();
    const siteId = data.sites[0]!.id;
    const created = await docsCall(emulator, "POST", "/v1/redirects", {
      siteId,
      urlMapping: "/old/pricing",
      redirect: "https://acme.test/pricing",
      type: "page",
      documentId: "abc",
    });
    expect(created.status).toBe(201);
    const id = locationId(created);
    const got = (await docsCall<RedirectAnswer>(emulator, "GET", `/v1/redirects/${id}`)).body
      .redirect;
    expect(got).toMatchObject({ type: "custom", documentId: null, urlMapping: "/old/pricing" });
    const found = await docsCall<Found>(
      emulator,
      "GET",
      `/v1/redirects?url=/old/pricing/&siteId=${siteId}`,
    );
    expect(found.body.redirectedUrl.redirect).toBe("https://acme.test/pricing");
    const duplicate = await docsCall(emulator, "POST", "/v1/redirects", {
      siteId,
      urlMapping: "/old/pricing",
      redirect: "https://x.test",
    });
    expect(duplicate.status).toBe(400);
    emulator.clock.advance(1_000);
    const updated = await docsCall<RedirectAnswer>(
      emulator,
      "PUT",
      `/v1/redirects/${id}?reload=true`,
      { siteId, urlMapping: "/old/plans", redirect: "https://acme.test/plans" },
    );
    expect(updated.status).toBe(200);
    expect(updated.body.redirect).toMatchObject({
      urlMapping: "/old/plans",
      modifiedAt: emulator.clock.iso(),
    });
    const partial = await docsCall(emulator, "PUT", `/v1/redirects/${id}`, { urlMapping: "/x" });
    expect(partial.status).toBe(400);
    expect((await docsCall(emulator, "DELETE", `/v1/redirects/${id}`)).status).toBe(204);
    expect((await docsCall(emulator, "GET", `/v1/redirects/${id}`)).status).toBe(404);
  });

  it("refuses creates without the required fields", async () => {
    const { emulator, data } = setup();
    const siteId = data.sites[0]!.id;
    const res = await docsCall(emulator, "POST", "/v1/redirects", { siteId, urlMapping: "/a" });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ message: "redirect is required" });
    expect(
      (
        await docsCall(emulator, "POST", "/v1/redirects", {
          siteId: "nope",
          urlMapping: "/a",
          redirect: "https://x.test",
        })
      ).status,
    ).toBe(404);
  });
});
