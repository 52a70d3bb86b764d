import { Hono } from "hono";
import { docsError } from "../responses.js";
import type { D, EmulatorEnv } from "../types.js";
import { formText, readForm } from "./article-upload.js";
import type { DocsContext } from "./store.js";
import { docsOf } from "./store.js";

/** Where Help Scout serves Docs assets from. */
const ASSET_HOST = "https://d33v4339jhl8k0.cloudfront.net/docs/assets";

const ARTICLE_ASSET_TYPES = ["image", "attachment"] as const;
const SETTINGS_ASSET_TYPES = ["logo", "favicon", "touchicon"] as const;

/**
 * Asset uploads (multipart/form-data): Create Article Asset (`articleId`, `assetType` = image |
 * attachment, `file`) and Create Settings Asset (`siteId`, `assetType` = logo | favicon |
 * touchicon, `file`). Both answer a bare `{filelink, filename}` (plus `width`/`height` for PNG
 * images); the file itself is not kept.
 */
export function assetsRoutes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  app.post("/v1/assets/article", async (c) => {
    const form = await readForm(c);
    if (form instanceof Response) return form;
    const articleId = formText(form, "articleId");
    if (!articleId) return docsError(c, 400, "articleId is required");
    const docs = docsOf(c);
    const article = docs.articles.get(articleId);
    if (!article) return docsError(c, 404, "Article not found");
    const siteId = docs.collections.get(article.collectionId)?.siteId ?? "";
    return storeAsset(c, form, ARTICLE_ASSET_TYPES, siteId);
  });

  app.post("/v1/assets/settings", async (c) => {
    const form = await readForm(c);
    if (form instanceof Response) return form;
    const siteId = formText(form, "siteId");
    if (!siteId) return docsError(c, 400, "siteId is required");
    if (!docsOf(c).sites.has(siteId)) return docsError(c, 404, "Site not found");
    return storeAsset(c, form, SETTINGS_ASSET_TYPES, siteId);
  });

  return app;
}

async function storeAsset(
  c: DocsContext,
  form: FormData,
  types: readonly string[],
  siteId: string,
): Promise<Response> {
  const assetType = formText(form, "assetType");
  if (!assetType) return docsError(c, 400, "assetType is required");
  if (!types.includes(assetType)) {
    return docsError(c, 400, `assetType must be one of ${types.join(", ")}`);
  }
  const file = form.get("file");
  if (!(file instanceof Blob)) return docsError(c, 400, "file is required");
  const filename = safeName(file instanceof File ? file.name : "upload");
  const folder = assetType === "attachment" ? "attachments" : "images";
  const hex = c.get("emulator").random.hex(24);
  const size = pngSize(new Uint8Array(await file.arrayBuffer()));
  const result: D["AssetUploadResult"] = {
    filelink: `${ASSET_HOST}/${siteId}/${folder}/${hex}/${filename}`,
    filename,
    ...size,
  };
  return c.json(result, 201);
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "upload";
}

/** Width and height from a PNG header; nothing for other files. */
function pngSize(bytes: Uint8Array): { width?: number; height?: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((byte, i) => bytes[i] !== byte)) return {};
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
