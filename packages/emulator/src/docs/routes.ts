import { Hono } from "hono";
import { docsError } from "../responses.js";
import type { EmulatorEnv } from "../types.js";
import { articleUploadRoutes } from "./article-upload.js";
import { articleWriteRoutes } from "./article-writes.js";
import { articlesReadRoutes } from "./articles.js";
import { assetsRoutes } from "./assets.js";
import { categoriesRoutes } from "./categories.js";
import { collectionsRoutes } from "./collections.js";
import { redirectsRoutes } from "./redirects.js";
import { revisionsRoutes } from "./revisions.js";
import { sitesRoutes } from "./sites.js";

/** Every Docs API URL; a method these do not serve is answered `405`. */
const DOCS_PATHS = [
  "/v1/articles",
  "/v1/articles/upload",
  "/v1/articles/:articleId",
  "/v1/articles/:articleId/related",
  "/v1/articles/:articleId/revisions",
  "/v1/articles/:articleId/views",
  "/v1/articles/:articleId/drafts",
  "/v1/revisions/:revisionId",
  "/v1/search/articles",
  "/v1/assets/article",
  "/v1/assets/settings",
  "/v1/categories",
  "/v1/categories/:categoryId",
  "/v1/categories/:categoryId/articles",
  "/v1/collections",
  "/v1/collections/:collectionId",
  "/v1/collections/:collectionId/articles",
  "/v1/collections/:collectionId/categories",
  "/v1/redirects",
  "/v1/redirects/:redirectId",
  "/v1/redirects/site/:siteId",
  "/v1/sites",
  "/v1/sites/:siteId",
  "/v1/sites/:siteId/restrictions",
  "/v1/sites/:siteId/restricted",
];

/**
 * The Docs API v1 (40 operations), one module per resource: article reads, article writes,
 * upload, revisions and drafts, assets, categories, collections, redirects, sites and their
 * restrictions. Answers carry a `Correlation-Id`; a wrong method on a Docs URL is a `405` and an
 * unknown `/v1` URL a `404`, both in the Docs error shape.
 */
export function docsRoutes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  app.use("/v1/*", async (c, next) => {
    await next();
    c.res.headers.set("correlation-id", crypto.randomUUID());
  });
  for (const routes of [
    articleUploadRoutes(),
    articlesReadRoutes(),
    articleWriteRoutes(),
    revisionsRoutes(),
    assetsRoutes(),
    categoriesRoutes(),
    collectionsRoutes(),
    redirectsRoutes(),
    sitesRoutes(),
  ]) {
    app.route("/", routes);
  }
  for (const path of DOCS_PATHS) {
    app.all(path, (c) => docsError(c, 405, `${c.req.method} is not allowed on this URL`));
  }
  app.all("/v1/*", (c) => docsError(c, 404, "URL not found"));
  return app;
}
