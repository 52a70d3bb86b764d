import type { components } from "./generated/docs-api.js";

type Schemas = components["schemas"];

/** A full article, as returned by Get Article (with `text`). */
export type Article = Schemas["Article"];
/** An article in a list (no `text`, `related` or `keywords`). */
export type ArticleRef = Schemas["ArticleRef"];
/** An article in search results, with a text `preview`. */
export type ArticleSearch = Schemas["ArticleSearch"];
/** One revision of an article, with its `text`. */
export type ArticleRevision = Schemas["ArticleRevision"];
/** A revision in a list (no `text`). */
export type ArticleRevisionRef = Schemas["ArticleRevisionRef"];
/** A Help Scout user as shown on revisions. */
export type Person = Schemas["Person"];
/** A category inside a collection. */
export type Category = Schemas["Category"];
/** A collection of articles on a site. */
export type Collection = Schemas["Collection"];
/** A URL redirect of a Docs site. */
export type Redirect = Schemas["Redirect"];
/** Where an old URL redirects to (Find Redirect). */
export type RedirectedUrl = Schemas["RedirectedUrl"];
/** A Docs site. */
export type Site = Schemas["Site"];
/** Who may read a site (restricted Docs). */
export type SiteRestriction = Schemas["SiteRestriction"];
/** The sign-in callback of a restricted site. */
export type CallbackConfiguration = Schemas["CallbackConfiguration"];
/** The stored file of an asset upload. */
export type AssetUploadResult = Schemas["AssetUploadResult"];
/** The body of a Docs API error answer. */
export type DocsErrorBody = Schemas["DocsError"];
/** A timestamp: ISO 8601 text, or Unix seconds after some `reload=true` writes. */
export type DocsTimestamp = Schemas["DocsTimestamp"];

/** Body of Create Article. */
export type CreateArticleRequest = Schemas["CreateArticleRequest"];
/** Body of Update Article (partial: omitted fields are kept). */
export type UpdateArticleRequest = Schemas["UpdateArticleRequest"];
/** Body of Create Category. */
export type CreateCategoryRequest = Schemas["CreateCategoryRequest"];
/** Body of Update Category. */
export type UpdateCategoryRequest = Schemas["UpdateCategoryRequest"];
/** Body of Create Collection. */
export type CreateCollectionRequest = Schemas["CreateCollectionRequest"];
/** Body of Update Collection. */
export type UpdateCollectionRequest = Schemas["UpdateCollectionRequest"];
/** Body of Create and Update Redirect. */
export type RedirectRequest = Schemas["RedirectRequest"];
/** Body of Create and Update Site. */
export type SiteRequest = Schemas["SiteRequest"];
