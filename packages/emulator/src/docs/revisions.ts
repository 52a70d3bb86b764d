import { Hono } from "hono";
import { docsError } from "../responses.js";
import type { D, EmulatorEnv } from "../types.js";
import { invalidField, readBody, text } from "./input.js";
import { listPage, readListQuery } from "./listing.js";
import { docsOf } from "./store.js";

/**
 * Revisions and drafts: List Revisions (newest first, no `text`), Get Revision (top-level
 * `/v1/revisions/{id}`, with `text`), Save Draft (creates or replaces it; `hasDraft` turns true)
 * and Delete Draft.
 */
export function revisionsRoutes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  app.get("/v1/articles/:articleId/revisions", (c) => {
    const docs = docsOf(c);
    const article = docs.articles.get(c.req.param("articleId"));
    if (!article) return docsError(c, 404, "Article not found");
    const query = readListQuery(c);
    if (query instanceof Response) return query;
    const refs: D["ArticleRevisionRef"][] = (docs.revisions.get(article.id) ?? []).map(
      ({ text: _text, ...ref }) => ref,
    );
    return listPage(c, "revisions", refs);
  });

  app.get("/v1/revisions/:revisionId", (c) => {
    const id = c.req.param("revisionId");
    for (const revisions of docsOf(c).revisions.values()) {
      const revision = revisions.find((candidate) => candidate.id === id);
      if (revision) return c.json({ revision });
    }
    return docsError(c, 404, "Revision not found");
  });

  app.put("/v1/articles/:articleId/drafts", async (c) => {
    const docs = docsOf(c);
    const article = docs.articles.get(c.req.param("articleId"));
    if (!article) return docsError(c, 404, "Article not found");
    const body = await readBody(c);
    if (body instanceof Response) return body;
    const problem = invalidField(body, { text: { type: "string", required: true } });
    if (problem) return docsError(c, 400, problem);
    const existed = docs.drafts.has(article.id);
    docs.drafts.set(article.id, text(body, "text") ?? "");
    docs.articles.set(article.id, { ...article, hasDraft: true });
    return c.body(null, existed ? 200 : 201);
  });

  app.delete("/v1/articles/:articleId/drafts", (c) => {
    const docs = docsOf(c);
    const article = docs.articles.get(c.req.param("articleId"));
    if (!article) return docsError(c, 404, "Article not found");
    if (!docs.drafts.has(article.id)) return docsError(c, 404, "The article has no draft");
    docs.drafts.delete(article.id);
    docs.articles.set(article.id, { ...article, hasDraft: false });
    return c.body(null, 204);
  });

  return app;
}
