import { Hono } from "hono";
import { docsError } from "../responses.js";
import type { D, DocsData, EmulatorEnv } from "../types.js";
import {
  type Body,
  createdResponse,
  emptyOk,
  type FieldRule,
  invalidField,
  readBody,
  text,
  wantsReload,
} from "./input.js";
import { listPage, readListQuery } from "./listing.js";
import { type DocsContext, docsOf, newId, nowIso } from "./store.js";

const REDIRECT_TYPES = ["article", "category", "collection", "custom"] as const;

const RULES: Record<string, FieldRule> = {
  siteId: { type: "string", required: true },
  urlMapping: { type: "string", required: true },
  redirect: { type: "string", required: true },
  type: { type: "string" },
  documentId: { type: "string", nullable: true },
  anchor: { type: "string", nullable: true },
};

/**
 * Redirects: List (of a site), Get, Find (`?url=&siteId=` → `{redirectedUrl}`, 404 when nothing
 * matches), Create (unknown types become `custom`; one mapping per URL and site), Update (a full
 * replace) and Delete.
 */
export function redirectsRoutes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  app.get("/v1/redirects/site/:siteId", (c) => {
    const docs = docsOf(c);
    const site = docs.sites.get(c.req.param("siteId"));
    if (!site) return docsError(c, 404, "Site not found");
    const query = readListQuery(c);
    if (query instanceof Response) return query;
    const redirects = [...docs.redirects.values()].filter((item) => item.siteId === site.id);
    return listPage(c, "redirects", redirects);
  });

  app.get("/v1/redirects/:redirectId", (c) => {
    const redirect = docsOf(c).redirects.get(c.req.param("redirectId"));
    if (!redirect) return docsError(c, 404, "Redirect not found");
    return c.json({ redirect });
  });

  app.get("/v1/redirects", (c) => {
    const docs = docsOf(c);
    const url = c.req.query("url");
    const siteId = c.req.query("siteId");
    if (!url) return docsError(c, 400, "url is required");
    if (!siteId) return docsError(c, 400, "siteId is required");
    if (!docs.sites.has(siteId)) return docsError(c, 404, "Site not found");
    const wanted = normalisePath(url);
    for (const redirect of docs.redirects.values()) {
      if (redirect.siteId === siteId && normalisePath(redirect.urlMapping) === wanted) {
        return c.json({ redirectedUrl: redirectedUrl(docs, redirect) });
      }
    }
    return docsError(c, 404, "No redirect for this URL");
  });

  app.post("/v1/redirects", async (c) => {
    const body = await readBody(c);
    if (body instanceof Response) return body;
    const checked = checkRedirect(c, body);
    if (checked instanceof Response) return checked;
    const now = nowIso(c);
    const userId = c.get("userId");
    const redirect: D["Redirect"] = {
      id: newId(c),
      ...checked,
      createdBy: userId,
      createdAt: now,
      modifiedBy: userId,
      modifiedAt: now,
      updatedBy: userId,
      updatedAt: now,
    };
    docsOf(c).redirects.set(redirect.id, redirect);
    if (wantsReload(c, body)) return c.json({ redirect }, 201);
    return createdResponse(c, `/v1/redirects/${redirect.id}`);
  });

  app.put("/v1/redirects/:redirectId", async (c) => {
    const docs = docsOf(c);
    const existing = docs.redirects.get(c.req.param("redirectId"));
    if (!existing) return docsError(c, 404, "Redirect not found");
    const body = await readBody(c);
    if (body instanceof Response) return body;
    const checked = checkRedirect(c, body, existing.id);
    if (checked instanceof Response) return checked;
    const now = nowIso(c);
    const userId = c.get("userId");
    const redirect: D["Redirect"] = {
      ...existing,
      ...checked,
      modifiedBy: userId,
      modifiedAt: now,
      updatedBy: userId,
      updatedAt: now,
    };
    docs.redirects.set(redirect.id, redirect);
    return wantsReload(c, body) ? c.json({ redirect }) : emptyOk(c);
  });

  app.delete("/v1/redirects/:redirectId", (c) => {
    const docs = docsOf(c);
    if (!docs.redirects.delete(c.req.param("redirectId"))) {
      return docsError(c, 404, "Redirect not found");
    }
    return c.body(null, 204);
  });

  return app;
}

type RedirectFields = Pick<
  D["Redirect"],
  "siteId" | "urlMapping" | "redirect" | "type" | "documentId" | "anchor"
>;

/** The writable fields of a create or (full-replace) update, or a `400`/`404`. */
function checkRedirect(c: DocsContext, body: Body, exceptId = ""): RedirectFields | Response {
  const problem = invalidField(body, RULES);
  if (problem) return docsError(c, 400, problem);
  const docs = docsOf(c);
  const siteId = text(body, "siteId") ?? "";
  if (!docs.sites.has(siteId)) return docsError(c, 404, "Site not found");
  const urlMapping = (text(body, "urlMapping") ?? "").trim();
  for (const other of docs.redirects.values()) {
    if (other.id === exceptId || other.siteId !== siteId) continue;
    if (normalisePath(other.urlMapping) === normalisePath(urlMapping)) {
      return docsError(c, 400, "A redirect for this URL already exists on the site");
    }
  }
  const asked = text(body, "type") ?? "custom";
  const type = (REDIRECT_TYPES as readonly string[]).includes(asked)
    ? (asked as D["RedirectType"])
    : "custom";
  const custom = type === "custom";
  return {
    siteId,
    urlMapping,
    redirect: (text(body, "redirect") ?? "").trim(),
    type,
    documentId: custom ? null : (text(body, "documentId") ?? null),
    anchor: custom ? null : (text(body, "anchor") ?? null),
  };
}

/** A path for comparison: no origin, no trailing slash, decoded, lower case. */
function normalisePath(url: string): string {
  let path = url.trim();
  try {
    if (/^https?:\/\//i.test(path)) {
      const parsed = new URL(path);
      path = `${parsed.pathname}${parsed.search}`;
    }
    path = decodeURIComponent(path);
  } catch {
    // keep it as given
  }
  if (!path.startsWith("/")) path = `/${path}`;
  return path.replace(/\/+$/, "").toLowerCase() || "/";
}

/** Find Redirect's answer: the target URL, plus the target's slug and number when it has one. */
function redirectedUrl(docs: DocsData, redirect: D["Redirect"]): D["RedirectedUrl"] {
  const id = redirect.documentId ?? "";
  const target =
    redirect.type === "article"
      ? docs.articles.get(id)
      : redirect.type === "category"
        ? docs.categories.get(id)
        : redirect.type === "collection"
          ? docs.collections.get(id)
          : undefined;
  const anchor = redirect.anchor || null;
  const url =
    anchor && !redirect.redirect.includes("#")
      ? `${redirect.redirect}#${anchor}`
      : redirect.redirect;
  return {
    type: redirect.type,
    redirect: url,
    ...(target?.slug ? { slug: target.slug } : {}),
    ...(target ? { number: target.number } : {}),
    anchor,
  };
}
