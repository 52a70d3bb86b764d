import { isHelpScoutError } from "@terapi/helpscout-auth";
import { type DocsClient, paginate, type Redirect, unwrap } from "@terapi/helpscout-docs";
import { ActionError } from "../../action-errors.js";
import { defineAction } from "../../define-action.js";
import { docsIdSchema } from "./docs-schemas.js";

const NAME = "create-redirect";

/** Input of `create-redirect`. */
export interface CreateRedirectInput {
  /** The Docs site. */
  siteId: string;
  /** The old path to redirect from, e.g. `/article/12-old-name`. */
  urlMapping: string;
  /** What it points to: `custom` (any URL, the default) or a Docs article, category or collection. */
  type?: "custom" | "article" | "category" | "collection";
  /** The target article, category or collection (not for `custom`). */
  documentId?: string;
  /** The full target URL; for a Docs target it defaults to that target's public URL. */
  redirect?: string;
  /** An anchor in the target page, without `#`. */
  anchor?: string;
}

/** Output of `create-redirect`. */
export interface CreateRedirectOutput {
  /** The redirect. */
  redirect: Redirect;
  /** False when the same redirect already existed (nothing was written). */
  created: boolean;
}

/** Creates a redirect unless the same one exists (looks up first, then one write). */
export const createRedirect = defineAction({
  name: NAME,
  title: "Create a redirect",
  description:
    "Creates a Docs redirect from an old path of a site to a URL (type custom) or to a Docs article, category or collection (type and documentId; the target URL then defaults to its public URL). Looks the path up first: if the same redirect exists it is returned (created: false); if the path already redirects elsewhere the action fails with conflict. Safe to re-run.",
  api: "docs",
  rerunSafe: true,
  input: {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    additionalProperties: false,
    required: ["siteId", "urlMapping"],
    examples: [
      {
        siteId: "5214c83d45667acd25394b52",
        urlMapping: "/article/12-old-name",
        redirect: "https://docs.example.com/article/34-new-name",
      },
    ],
    properties: {
      siteId: { ...docsIdSchema, description: "The Docs site." },
      urlMapping: {
        type: "string",
        pattern: "^/",
        minLength: 2,
        description: "The old path to redirect from, e.g. /article/12-old-name.",
      },
      type: { enum: ["custom", "article", "category", "collection"], default: "custom" },
      documentId: { ...docsIdSchema, description: "The target (not for type custom)." },
      redirect: { type: "string", format: "uri", description: "The full target URL." },
      anchor: { type: "string", minLength: 1, description: "Anchor in the target, without #." },
    },
    allOf: [
      {
        if: {
          properties: { type: { enum: ["article", "category", "collection"] } },
          required: ["type"],
        },
        // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword, not a thenable
        then: {
          description: "is required for an article, category or collection redirect",
          required: ["documentId"],
        },
        else: {
          description: "is required for a custom redirect (the target URL)",
          required: ["redirect"],
        },
      },
    ],
  },
  output: {
    type: "object",
    additionalProperties: false,
    required: ["redirect", "created"],
    properties: {
      redirect: {
        type: "object",
        description: "The redirect as Help Scout's Docs API returns it (Redirect object).",
        required: ["id", "siteId", "urlMapping", "redirect", "type"],
        properties: {
          id: { type: "string" },
          siteId: { type: "string" },
          urlMapping: { type: "string" },
          redirect: { type: "string" },
          type: { type: "string" },
        },
      },
      created: { type: "boolean" },
    },
  },
  async run(input: CreateRedirectInput, { docs, signal }) {
    const type = input.type ?? "custom";
    const target = input.redirect ?? (await targetUrl(docs, input, signal));
    const existing = await existingRedirect(docs, input.siteId, input.urlMapping, signal);
    if (existing) {
      if (existing.redirect === target && existing.type === type) {
        return { redirect: existing, created: false };
      }
      throw new ActionError({
        action: NAME,
        code: "conflict",
        status: 409,
        message: `@terapi/helpscout-actions: ${NAME}: ${input.urlMapping} already redirects to ${existing.redirect} (redirect ${existing.id}); delete or change that one first.`,
        fieldErrors: [{ path: "/urlMapping", message: "already redirects elsewhere" }],
        rerunSafe: true,
      });
    }
    const { redirect } = await unwrap(
      docs.POST("/v1/redirects", {
        params: { query: { reload: true } },
        body: {
          siteId: input.siteId,
          urlMapping: input.urlMapping,
          redirect: target,
          type,
          ...(type !== "custom" && input.documentId ? { documentId: input.documentId } : {}),
          ...(type !== "custom" && input.anchor ? { anchor: input.anchor } : {}),
        },
        signal,
      }),
    );
    return { redirect: redirect as Redirect, created: true };
  },
});

/** The public URL of the Docs target, with the anchor. */
async function targetUrl(
  docs: DocsClient,
  input: CreateRedirectInput,
  signal: AbortSignal | undefined,
): Promise<string> {
  const id = input.documentId ?? "";
  let url: string | undefined;
  if (input.type === "article") {
    url = (
      await unwrap(
        docs.GET("/v1/articles/{articleId}", { params: { path: { articleId: id } }, signal }),
      )
    ).article.publicUrl;
  } else if (input.type === "category") {
    url = (
      await unwrap(
        docs.GET("/v1/categories/{categoryId}", { params: { path: { categoryId: id } }, signal }),
      )
    ).category.publicUrl;
  } else {
    url = (
      await unwrap(
        docs.GET("/v1/collections/{collectionId}", {
          params: { path: { collectionId: id } },
          signal,
        }),
      )
    ).collection.publicUrl;
  }
  if (!url) {
    throw new ActionError({
      action: NAME,
      code: "precondition_failed",
      status: 412,
      message: `@terapi/helpscout-actions: ${NAME}: ${input.type} ${id} has no public URL; give redirect.`,
      fieldErrors: [{ path: "/redirect", message: "is required: the target has no public URL" }],
      rerunSafe: true,
    });
  }
  return input.anchor ? `${url}#${input.anchor}` : url;
}

/** The site's redirect for this path, if there is one (Find Redirect, then the site's list). */
async function existingRedirect(
  docs: DocsClient,
  siteId: string,
  urlMapping: string,
  signal: AbortSignal | undefined,
): Promise<Redirect | undefined> {
  try {
    await unwrap(
      docs.GET("/v1/redirects", { params: { query: { url: urlMapping, siteId } }, signal }),
    );
  } catch (error) {
    if (isHelpScoutError(error) && error.code === "not_found") return undefined;
    throw error;
  }
  // Find answers the target, not the redirect: the site's list has the redirect itself.
  const wanted = normalisePath(urlMapping);
  for await (const redirect of paginate(docs, "/v1/redirects/site/{siteId}", {
    params: { path: { siteId } },
    signal,
  })) {
    if (normalisePath(redirect.urlMapping) === wanted) return redirect as Redirect;
  }
  return undefined;
}

/** A path for comparison, as Help Scout matches them: decoded, no trailing slash, lower case. */
function normalisePath(path: string): string {
  let decoded = path.trim();
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // keep it as given
  }
  return decoded.replace(/\/+$/, "").toLowerCase() || "/";
}
