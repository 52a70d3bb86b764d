import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { createDocsClient, formDataBody, unwrap } from "../src/index.js";
import { API_KEY, article, ids } from "./fixtures.js";
import { DOCS, server, useMswServer } from "./msw/server.js";

useMswServer();

interface SentForm {
  contentType: string | null;
  fields: Record<string, string>;
  file?: { name: string; type: string; text: string };
}

async function readForm(request: Request): Promise<SentForm> {
  const form = await request.formData();
  const sent: SentForm = { contentType: request.headers.get("content-type"), fields: {} };
  for (const [name, value] of form) {
    if (typeof value === "string") sent.fields[name] = value;
    else sent.file = { name: value.name, type: value.type, text: await value.text() };
  }
  return sent;
}

describe("multipart uploads", () => {
  it("uploads an article file as multipart/form-data with the API key as `key`", async () => {
    let sent: SentForm | undefined;
    server.use(
      http.post(`${DOCS}/v1/articles/upload`, async ({ request }) => {
        sent = await readForm(request);
        return HttpResponse.json({ article }, { status: 201 });
      }),
    );
    const docs = createDocsClient({ apiKey: API_KEY });
    const file = new File(["# Reset\nSteps"], "reset.md", { type: "text/markdown" });
    const result = await unwrap(
      docs.POST("/v1/articles/upload", {
        body: {
          file,
          collectionId: ids.collection,
          categoryId: ids.category,
          name: "Reset",
          type: "markdown",
          reload: true,
        },
      }),
    );
    expect(sent?.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(sent?.fields).toEqual({
      key: API_KEY,
      collectionId: ids.collection,
      categoryId: ids.category,
      name: "Reset",
      type: "markdown",
      reload: "true",
    });
    expect(sent?.file).toEqual({ name: "reset.md", type: "text/markdown", text: "# Reset\nSteps" });
    expect(result.article.id).toBe(ids.article);
  });

  it("uploads article and settings assets and returns the stored file's link", async () => {
    const sent: SentForm[] = [];
    server.use(
      http.post(`${DOCS}/v1/assets/:kind`, async ({ request }) => {
        sent.push(await readForm(request));
        return HttpResponse.json({ filelink: "https://d33v4339jhl8k0.cloudfront.net/a.png" });
      }),
    );
    const docs = createDocsClient({ apiKey: API_KEY });
    const png = new Blob([new Uint8Array([137, 80, 78, 71])], { type: "image/png" });
    const asset = await unwrap(
      docs.POST("/v1/assets/article", {
        body: { articleId: ids.article, assetType: "image", file: png },
      }),
    );
    await docs.POST("/v1/assets/settings", {
      body: { siteId: ids.site, assetType: "favicon", file: png },
    });
    expect(asset.filelink).toBe("https://d33v4339jhl8k0.cloudfront.net/a.png");
    expect(sent.map((s) => s.fields)).toEqual([
      { key: API_KEY, articleId: ids.article, assetType: "image" },
      { key: API_KEY, siteId: ids.site, assetType: "favicon" },
    ]);
    expect(sent[0]?.file?.type).toBe("image/png");
  });

  it("formDataBody repeats arrays and leaves out null and undefined", async () => {
    const form = formDataBody({ a: ["1", "2"], b: undefined, c: null, d: 3, e: false });
    expect([...form.entries()]).toEqual([
      ["a", "1"],
      ["a", "2"],
      ["d", "3"],
      ["e", "false"],
    ]);
  });
});
