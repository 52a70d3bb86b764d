export type { ConnectionRef, FieldError, HelpScoutErrorCode } from "@terapi/helpscout-auth";
export {
  docsThrottle,
  HelpScoutError,
  isHelpScoutError,
  retryPolicy,
  unwrap,
} from "@terapi/helpscout-auth";
export type { DocsClient, DocsClientOptions, DocsCredentials } from "./create-docs-client.js";
export { createDocsClient, DOCS_BASE_URL } from "./create-docs-client.js";
export { createdId } from "./created-id.js";
export { formDataBody } from "./form-data-body.js";
export type { components, operations, paths } from "./generated/docs-api.js";
export type {
  Article,
  ArticleRef,
  ArticleRevision,
  ArticleRevisionRef,
  ArticleSearch,
  AssetUploadResult,
  CallbackConfiguration,
  Category,
  Collection,
  CreateArticleRequest,
  CreateCategoryRequest,
  CreateCollectionRequest,
  DocsErrorBody,
  DocsTimestamp,
  Person,
  Redirect,
  RedirectedUrl,
  RedirectRequest,
  Site,
  SiteRequest,
  SiteRestriction,
  UpdateArticleRequest,
  UpdateCategoryRequest,
  UpdateCollectionRequest,
} from "./models.js";
export type { DocsListInit, DocsListItem, DocsListPath, DocsPage } from "./paginate.js";
export { paginate, paginatePages } from "./paginate.js";
