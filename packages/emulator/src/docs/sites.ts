import { Hono } from "hono";
import { docsError } from "../responses.js";
import type { D, EmulatorEnv } from "../types.js";
import { deleteCollection, refreshUrls } from "./collections.js";
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
import { siteRestrictionsRoutes } from "./site-restrictions.js";
import { type DocsContext, docsOf, newId, nowIso } from "./store.js";

const NULLABLE_TEXT = [
  "cname",
  "logoUrl",
  "favIconUrl",
  "touchIconUrl",
  "homeUrl",
  "homeLinkText",
  "bgColor",
  "description",
  "contactEmail",
  "styleSheetUrl",
  "headerCode",
] as const;

const RULES: Record<string, FieldRule> = {
  subDomain: { type: "string" },
  title: { type: "string" },
  status: { type: "string", values: ["active", "inactive"] },
  hasPublicSite: { type: "boolean" },
  companyName: { type: "string" },
  hasContactForm: { type: "boolean" },
  logoWidth: { type: "integer", nullable: true },
  logoHeight: { type: "integer", nullable: true },
  mailboxId: { type: "integer", nullable: true },
  ...Object.fromEntries(NULLABLE_TEXT.map((name) => [name, { type: "string", nullable: true }])),
};

/**
 * Sites: List, Get, Create (`subDomain` and `title` required, sub-domains unique), Update (merge)
 * and Delete (its collections, categories, articles, redirects and restrictions go too), plus the
 * restrictions routes.
 */
export function sitesRoutes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  app.get("/v1/sites", (c) => {
    const query = readListQuery(c);
    if (query instanceof Response) return query;
    return listPage(c, "sites", [...docsOf(c).sites.values()]);
  });

  app.get("/v1/sites/:siteId", (c) => {
    const site = docsOf(c).sites.get(c.req.param("siteId"));
    if (!site) return docsError(c, 404, "Site not found");
    return c.json({ site });
  });

  app.post("/v1/sites", async (c) => {
    const body = await readBody(c);
    if (body instanceof Response) return body;
    const problem =
      invalidField(body, {
        ...RULES,
        subDomain: { type: "string", required: true },
        title: { type: "string", required: true },
      }) ?? subDomainProblem(c, body);
    if (problem) return docsError(c, 400, problem);
    const title = (text(body, "title") ?? "").trim();
    const site: D["Site"] = {
      id: newId(c),
      status: "active",
      subDomain: "",
      cname: null,
      hasPublicSite: true,
      companyName: title,
      title,
      logoUrl: null,
      logoWidth: null,
      logoHeight: null,
      favIconUrl: null,
      touchIconUrl: null,
      homeUrl: null,
      homeLinkText: null,
      bgColor: null,
      description: null,
      hasContactForm: false,
      mailboxId: null,
      contactEmail: null,
      styleSheetUrl: null,
      headerCode: null,
      ...writable(body),
      createdBy: c.get("userId"),
      updatedBy: null,
      createdAt: nowIso(c),
      updatedAt: null,
    };
    docsOf(c).sites.set(site.id, site);
    if (wantsReload(c, body)) return c.json({ site }, 201);
    return createdResponse(c, `/v1/sites/${site.id}`);
  });

  app.put("/v1/sites/:siteId", async (c) => {
    const docs = docsOf(c);
    const site = docs.sites.get(c.req.param("siteId"));
    if (!site) return docsError(c, 404, "Site not found");
    const body = await readBody(c);
    if (body instanceof Response) return body;
    const problem = invalidField(body, RULES) ?? subDomainProblem(c, body, site.id);
    if (problem) return docsError(c, 400, problem);
    const updated: D["Site"] = {
      ...site,
      ...writable(body),
      updatedBy: c.get("userId"),
      updatedAt: nowIso(c),
    };
    docs.sites.set(site.id, updated);
    if (updated.subDomain !== site.subDomain || updated.cname !== site.cname) {
      for (const collection of docs.collections.values()) {
        if (collection.siteId === site.id) refreshUrls(docs, collection.id);
      }
    }
    return wantsReload(c, body) ? c.json({ site: updated }) : emptyOk(c);
  });

  app.delete("/v1/sites/:siteId", (c) => {
    const docs = docsOf(c);
    const site = docs.sites.get(c.req.param("siteId"));
    if (!site) return docsError(c, 404, "Site not found");
    for (const collection of [...docs.collections.values()]) {
      if (collection.siteId === site.id) deleteCollection(docs, collection.id);
    }
    for (const redirect of [...docs.redirects.values()]) {
      if (redirect.siteId === site.id) docs.redirects.delete(redirect.id);
    }
    docs.restrictions.delete(site.id);
    docs.sites.delete(site.id);
    return c.body(null, 204);
  });

  app.route("/", siteRestrictionsRoutes());
  return app;
}

/** The body's writable Site fields that were sent (checked by {@link RULES}). */
function writable(body: Body): Partial<D["Site"]> {
  const fields: Record<string, unknown> = {};
  for (const name of Object.keys(RULES)) {
    if (body[name] === undefined) continue;
    const value = body[name];
    fields[name] = typeof value === "string" && name !== "headerCode" ? value.trim() : value;
  }
  if (typeof fields.subDomain === "string") fields.subDomain = fields.subDomain.toLowerCase();
  return fields as Partial<D["Site"]>;
}

function subDomainProblem(c: DocsContext, body: Body, exceptId = ""): string | undefined {
  const subDomain = text(body, "subDomain")?.trim().toLowerCase();
  if (subDomain === undefined) return undefined;
  if (!/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(subDomain)) {
    return "subDomain may only hold letters, digits and dashes";
  }
  for (const site of docsOf(c).sites.values()) {
    if (site.id !== exceptId && site.subDomain === subDomain) {
      return "This subDomain is already taken";
    }
  }
  return undefined;
}
