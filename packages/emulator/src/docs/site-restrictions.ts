import { Hono } from "hono";
import { docsError } from "../responses.js";
import type { D, EmulatorEnv } from "../types.js";
import { readBody } from "./input.js";
import { type DocsContext, docsOf } from "./store.js";

/**
 * Restricted Docs: `GET /v1/sites/{id}/restrictions` and `PUT /v1/sites/{id}/restricted` (the
 * read and write paths differ, as in Help Scout). Both answer a bare SiteRestriction; enabling
 * needs `callbackConfiguration.signInUrl`, and the answer carries a generated `sharedSecret`
 * (kept across updates).
 */
export function siteRestrictionsRoutes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  app.get("/v1/sites/:siteId/restrictions", (c) => {
    const docs = docsOf(c);
    const site = docs.sites.get(c.req.param("siteId"));
    if (!site) return docsError(c, 404, "Site not found");
    const restriction: D["SiteRestriction"] = docs.restrictions.get(site.id) ?? { enabled: false };
    return c.json(restriction);
  });

  app.put("/v1/sites/:siteId/restricted", async (c) => {
    const docs = docsOf(c);
    const site = docs.sites.get(c.req.param("siteId"));
    if (!site) return docsError(c, 404, "Site not found");
    const body = await readBody(c);
    if (body instanceof Response) return body;
    const previous = docs.restrictions.get(site.id);
    const restriction = restrictionFrom(c, body, previous);
    if (typeof restriction === "string") return docsError(c, 400, restriction);
    docs.restrictions.set(site.id, restriction);
    docs.sites.set(site.id, {
      ...site,
      updatedBy: c.get("userId"),
      updatedAt: c.get("emulator").clock.iso(),
    });
    return c.json(restriction);
  });

  return app;
}

/** The checked restriction to store, or what is wrong with the body. */
function restrictionFrom(
  c: DocsContext,
  body: Record<string, unknown>,
  previous: D["SiteRestriction"] | undefined,
): D["SiteRestriction"] | string {
  const { enabled, authentication, callbackConfiguration } = body;
  if (typeof enabled !== "boolean") return "enabled is required and must be a boolean";
  if (authentication !== undefined && authentication !== "CALLBACK") {
    return "authentication must be CALLBACK";
  }
  let signInUrl = previous?.callbackConfiguration?.signInUrl;
  if (callbackConfiguration !== undefined) {
    const asked =
      typeof callbackConfiguration === "object" && callbackConfiguration !== null
        ? (callbackConfiguration as Record<string, unknown>).signInUrl
        : undefined;
    if (typeof asked !== "string" || !isUrl(asked)) {
      return "callbackConfiguration.signInUrl must be an absolute URL";
    }
    signInUrl = asked;
  }
  if (!signInUrl) {
    return enabled ? "callbackConfiguration.signInUrl is required when enabled" : { enabled };
  }
  const sharedSecret = previous?.callbackConfiguration?.sharedSecret ?? newSecret(c);
  return {
    enabled,
    authentication: "CALLBACK",
    callbackConfiguration: { signInUrl, sharedSecret },
  };
}

function isUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** A base64 secret of 32 bytes from the seeded PRNG. */
function newSecret(c: DocsContext): string {
  return Buffer.from(c.get("emulator").random.hex(64), "hex").toString("base64");
}
