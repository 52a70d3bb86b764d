import { describe, expect, it } from "vitest";
import type { D } from "../src/types.js";
import {
  type ArticleAnswer,
  docsCall,
  docsEmulator,
  locationId,
  seeded,
} from "./fixtures/docs-requests.js";

/** A 3×2 PNG header (enough for the emulator to read the size). */
const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 3,
  0, 0, 0, 2, 8, 6, 0, 0, 0,
]);

function form(fields: Record<string, string | File>): FormData {
  const body = new FormData();
  body.set("key", "acme-docs-key");
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  return body;
}

describe("Upload Article", () => {
  it("creates an article from a Markdown file: 201 + Location, HTML text, name from the heading", async () => {
    const emulator = docsEmulator();
    const { collections } = seeded(emulator);
    const markdown = "# Exporting reports\n\nUse **Export** to get a CSV.\n\n- Daily\n- Weekly\n";
    const res = await docsCall(
      emulator,
      "POST",
      "/v1/articles/upload",
      form({
        file: new File([markdown], "export.md", { type: "text/markdown" }),
        collectionId: collections[0]!.id,
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toBeUndefined();
    const article = (
      await docsCall<ArticleAnswer>(emulator, "GET", `/v1/articles/${locationId(res)}`)
    ).body.article;
    expect(article.name).toBe("Exporting reports");
    expect(article.text).toContain("<strong>Export</strong>");
    expect(article.text).toContain("<ul>\n<li>Daily</li>");
  });

  it("returns the article with reload, honouring name, type and categoryId", async () => {
    const emulator = docsEmulator();
    const { collections, categories } = seeded(emulator);
    const collection = collections[0]!;
    const category = categories.find(
      (c) => c.collectionId === collection.id && c.name !== "Uncategorized",
    )!;
    const res = await docsCall<ArticleAnswer>(
      emulator,
      "POST",
      "/v1/articles/upload",
      form({
        file: new File(["Line one\n\nA <b>literal</b> tag"], "notes.txt"),
        collectionId: collection.id,
        categoryId: category.id,
        name: "Uploaded notes",
        type: "text",
        reload: "true",
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body.article).toMatchObject({
      name: "Uploaded notes",
      categories: [category.id],
      text: "<p>Line one</p>\n<p>A &lt;b&gt;literal&lt;/b&gt; tag</p>",
    });
  });

  it("refuses uploads without a file or collection, and JSON bodies", async () => {
    const emulator = docsEmulator();
    const { collections } = seeded(emulator);
    const noFile = await docsCall(
      emulator,
      "POST",
      "/v1/articles/upload",
      form({ collectionId: collections[0]!.id }),
    );
    expect(noFile.status).toBe(400);
    const noCollection = await docsCall(
      emulator,
      "POST",
      "/v1/articles/upload",
      form({ file: new File(["x"], "a.txt") }),
    );
    expect(noCollection.status).toBe(400);
    const json = await docsCall(emulator, "POST", "/v1/articles/upload", { collectionId: "x" });
    expect(json.status).toBe(400);
    const unknown = await docsCall(
      emulator,
      "POST",
      "/v1/articles/upload",
      form({ file: new File(["x"], "a.txt"), collectionId: "0".repeat(24) }),
    );
    expect(unknown.status).toBe(404);
  });
});

describe("Assets", () => {
  it("stores an article image and answers its filelink, name and size", async () => {
    const emulator = docsEmulator();
    const { articles } = seeded(emulator);
    const res = await docsCall<D["AssetUploadResult"]>(
      emulator,
      "POST",
      "/v1/assets/article",
      form({
        articleId: articles[0]!.id,
        assetType: "image",
        file: new File([PNG], "Screen Shot.png"),
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body.filename).toBe("Screen-Shot.png");
    expect(res.body.filelink).toMatch(/^https:\/\/.+\/images\/[0-9a-f]{24}\/Screen-Shot\.png$/);
    expect(res.body).toMatchObject({ width: 3, height: 2 });
  });

  it("stores a settings asset for a site and checks the form", async () => {
    const emulator = docsEmulator();
    const { sites, articles } = seeded(emulator);
    const logo = await docsCall<D["AssetUploadResult"]>(
      emulator,
      "POST",
      "/v1/assets/settings",
      form({ siteId: sites[0]!.id, assetType: "logo", file: new File(["svg"], "logo.svg") }),
    );
    expect(logo.status).toBe(201);
    expect(logo.body.filelink).toContain(`/${sites[0]!.id}/images/`);
    const badType = await docsCall(
      emulator,
      "POST",
      "/v1/assets/settings",
      form({ siteId: sites[0]!.id, assetType: "banner", file: new File(["x"], "x.png") }),
    );
    expect(badType.status).toBe(400);
    const noFile = await docsCall(
      emulator,
      "POST",
      "/v1/assets/article",
      form({ articleId: articles[0]!.id, assetType: "attachment" }),
    );
    expect(noFile.status).toBe(400);
    const noArticle = await docsCall(
      emulator,
      "POST",
      "/v1/assets/article",
      form({ articleId: "nope", assetType: "image", file: new File(["x"], "x.png") }),
    );
    expect(noArticle.status).toBe(404);
    const noSite = await docsCall(
      emulator,
      "POST",
      "/v1/assets/settings",
      form({ siteId: "nope", assetType: "logo", file: new File(["x"], "x.png") }),
    );
    expect(noSite.status).toBe(404);
  });
});
