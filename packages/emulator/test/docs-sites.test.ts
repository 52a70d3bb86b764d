import { describe, expect, it } from "vitest";
import type { D } from "../src/types.js";
import {
  BASE,
  docsCall,
  docsEmulator,
  locationId,
  type Page,
  seeded,
} from "./fixtures/docs-requests.js";

type SiteAnswer = { site: D["Site"] };

describe("Sites", () => {
  it("lists and gets sites", async () => {
    const emulator = docsEmulator({ size: { sites: 3 } });
    const { sites } = seeded(emulator);
    const list = await docsCall<{ sites: Page<D["Site"]> }>(emulator, "GET", "/v1/sites");
    expect(list.body.sites).toMatchObject({ page: 1, pages: 1, count: 3 });
    const got = await docsCall<SiteAnswer>(emulator, "GET", `/v1/sites/${sites[1]!.id}`);
    expect(got.body.site).toEqual(sites[1]);
    expect((await docsCall(emulator, "GET", "/v1/sites/nope")).status).toBe(404);
  });

  it("creates, updates (merge) and deletes a site with everything in it", async () => {
    const emulator = docsEmulator();
    const created = await docsCall(emulator, "POST", "/v1/sites", {
      subDomain: "Widgets",
      title: "Widget Help",
    });
    expect(created.status).toBe(201);
    const id = locationId(created);
    const site = (await docsCall<SiteAnswer>(emulator, "GET", `/v1/sites/${id}`)).body.site;
    expect(site).toMatchObject({
      subDomain: "widgets",
      title: "Widget Help",
      status: "active",
      updatedAt: null,
    });
    const taken = await docsCall(emulator, "POST", "/v1/sites", {
      subDomain: "widgets",
      title: "Again",
    });
    expect(taken.status).toBe(400);
    expect((await docsCall(emulator, "POST", "/v1/sites", { title: "No domain" })).status).toBe(
      400,
    );
    emulator.clock.advance(2_000);
    const updated = await docsCall<SiteAnswer>(emulator, "PUT", `/v1/sites/${id}?reload=true`, {
      bgColor: "#000000",
      status: "inactive",
    });
    expect(updated.status).toBe(200);
    expect(updated.body.site).toMatchObject({
      title: "Widget Help",
      bgColor: "#000000",
      status: "inactive",
      updatedAt: emulator.clock.iso(),
    });
    const collection = await docsCall(emulator, "POST", "/v1/collections", {
      siteId: id,
      name: "Docs",
    });
    const collectionId = locationId(collection);
    expect((await docsCall(emulator, "DELETE", `/v1/sites/${id}`)).status).toBe(204);
    expect((await docsCall(emulator, "GET", `/v1/sites/${id}`)).status).toBe(404);
    expect((await docsCall(emulator, "GET", `/v1/collections/${collectionId}`)).status).toBe(404);
  });

  it("reads and writes restrictions, generating a shared secret", async () => {
    const emulator = docsEmulator();
    const site = seeded(emulator).sites[0]!;
    const before = await docsCall<D["SiteRestriction"]>(
      emulator,
      "GET",
      `/v1/sites/${site.id}/restrictions`,
    );
    expect(before.body).toEqual({ enabled: false });
    const missingUrl = await docsCall(emulator, "PUT", `/v1/sites/${site.id}/restricted`, {
      enabled: true,
    });
    expect(missingUrl.status).toBe(400);
    const put = await docsCall<D["SiteRestriction"]>(
      emulator,
      "PUT",
      `/v1/sites/${site.id}/restricted`,
      {
        enabled: true,
        authentication: "CALLBACK",
        callbackConfiguration: { signInUrl: "https://acme.test/sign-in" },
      },
    );
    expect(put.status).toBe(200);
    const secret = put.body.callbackConfiguration?.sharedSecret;
    expect(secret).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const after = await docsCall<D["SiteRestriction"]>(
      emulator,
      "GET",
      `/v1/sites/${site.id}/restrictions`,
    );
    expect(after.body).toEqual(put.body);
    const off = await docsCall<D["SiteRestriction"]>(
      emulator,
      "PUT",
      `/v1/sites/${site.id}/restricted`,
      { enabled: false },
    );
    expect(off.body).toMatchObject({
      enabled: false,
      callbackConfiguration: { sharedSecret: secret },
    });
    expect(
      (await docsCall(emulator, "PUT", `/v1/sites/${site.id}/restricted`, { enabled: "yes" }))
        .status,
    ).toBe(400);
    expect((await docsCall(emulator, "GET", "/v1/sites/nope/restrictions")).status).toBe(404);
  });
});

describe("Docs errors", () => {
  it("answers 401 without a valid key, 405 for a wrong method, 404 for unknown URLs", async () => {
    const emulator = docsEmulator();
    const anonymous = await emulator.fetch(new Request(`${BASE}/v1/sites`));
    expect(anonymous.status).toBe(401);
    const wrongMethod = await docsCall(emulator, "DELETE", "/v1/sites");
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body).toMatchObject({ status: 405 });
    expect((await docsCall(emulator, "POST", "/v1/search/articles")).status).toBe(405);
    const unknown = await docsCall(emulator, "GET", "/v1/widgets");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ status: 404, message: "URL not found" });
  });

  it("refuses malformed JSON with 400 and tags answers with a Correlation-Id", async () => {
    const emulator = docsEmulator();
    const res = await emulator.fetch(
      new Request(`${BASE}/v1/sites`, {
        method: "POST",
        headers: {
          authorization: `Basic ${btoa("acme-docs-key:X")}`,
          "content-type": "application/json",
        },
        body: "{not json",
      }),
    );
    expect(res.status).toBe(400);
    expect(res.headers.get("correlation-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
