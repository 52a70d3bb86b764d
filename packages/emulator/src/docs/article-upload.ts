import { Hono } from "hono";
import { docsError } from "../responses.js";
import type { EmulatorEnv } from "../types.js";
import { articleOut } from "./article-shapes.js";
import { createArticle } from "./article-writes.js";
import { createdResponse } from "./input.js";
import { type DocsContext, docsOf } from "./store.js";

/** The fields of a `multipart/form-data` request, or a `400` when the body is not a form. */
export async function readForm(c: DocsContext): Promise<FormData | Response> {
  const type = c.req.header("content-type") ?? "";
  if (!type.includes("multipart/form-data") && !type.includes("x-www-form-urlencoded")) {
    return docsError(c, 400, "The request must be multipart/form-data");
  }
  try {
    return await c.req.formData();
  } catch {
    return docsError(c, 400, "The multipart body could not be read");
  }
}

/** A form's text field, trimmed; undefined when absent or empty. */
export function formText(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/**
 * Upload Article: creates an article from an uploaded file (`file`, `collectionId`, optional
 * `name`, `slug`, `categoryId`, `type` = html | text | markdown, `reload`). The file's text becomes
 * the article's HTML; the name defaults to the document's first heading, else the file name.
 */
export function articleUploadRoutes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  app.post("/v1/articles/upload", async (c) => {
    const form = await readForm(c);
    if (form instanceof Response) return form;
    const file = form.get("file");
    if (!(file instanceof Blob)) return docsError(c, 400, "file is required");
    const collectionId = formText(form, "collectionId");
    if (!collectionId) return docsError(c, 400, "collectionId is required");
    const fileName = file instanceof File ? file.name : "upload";
    const type = formText(form, "type") ?? typeFromName(fileName);
    const source = await file.text();
    const html =
      type === "html" ? source : type === "markdown" ? markdownToHtml(source) : textToHtml(source);
    const categoryId = formText(form, "categoryId");
    const slug = formText(form, "slug");
    const article = createArticle(c, {
      collectionId,
      name: formText(form, "name") ?? nameFrom(html, fileName),
      text: html,
      ...(categoryId ? { categories: [categoryId] } : {}),
      ...(slug ? { slug } : {}),
    });
    if (article instanceof Response) return article;
    if (formText(form, "reload") === "true" || c.req.query("reload") === "true") {
      return c.json({ article: articleOut(docsOf(c), article) }, 201);
    }
    return createdResponse(c, `/v1/articles/${article.id}`);
  });

  return app;
}

function typeFromName(fileName: string): string {
  if (/\.(md|markdown)$/i.test(fileName)) return "markdown";
  if (/\.html?$/i.test(fileName)) return "html";
  return "text";
}

function nameFrom(html: string, fileName: string): string {
  const heading = /<h1[^>]*>(.*?)<\/h1>/is
    .exec(html)?.[1]
    ?.replace(/<[^>]*>/g, "")
    .trim();
  if (heading) return heading;
  const stem =
    fileName
      .replace(/\.[^.]+$/, "")
      .replace(/[-_]+/g, " ")
      .trim() || "Untitled";
  return stem.charAt(0).toUpperCase() + stem.slice(1);
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Plain text as HTML paragraphs (blank lines separate them). */
function textToHtml(source: string): string {
  return source
    .split(/\r?\n\s*\r?\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => `<p>${escapeHtml(block).replace(/\r?\n/g, "<br>")}</p>`)
    .join("\n");
}

/** A small Markdown subset as HTML: headings, lists, paragraphs, bold, italics, code, links. */
function markdownToHtml(source: string): string {
  const inline = (line: string) =>
    escapeHtml(line)
      .replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
      .replace(/\*(.+?)\*/g, "<em>$1</em>")
      .replace(/`(.+?)`/g, "<code>$1</code>")
      .replace(/\[(.+?)\]\((\S+?)\)/g, '<a href="$2">$1</a>');
  const out: string[] = [];
  let list: "ul" | "ol" | undefined;
  const closeList = () => {
    if (list) out.push(`</${list}>`);
    list = undefined;
  };
  for (const line of source.split(/\r?\n/)) {
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      const kind = bullet ? "ul" : "ol";
      if (list !== kind) closeList();
      if (!list) out.push(`<${kind}>`);
      list = kind;
      out.push(`<li>${inline(item[1] ?? "")}</li>`);
      continue;
    }
    closeList();
    if (heading) {
      const level = heading[1]?.length ?? 1;
      out.push(`<h${level}>${inline(heading[2] ?? "")}</h${level}>`);
    } else if (line.trim()) {
      out.push(`<p>${inline(line.trim())}</p>`);
    }
  }
  closeList();
  return out.join("\n");
}
