export { apiKeyPolicy } from "./api-key-policy.js";
export { bearerTokenPolicy, staticTokenSource } from "./bearer-token-policy.js";
export { composePolicies } from "./compose-policies.js";
export type { HelpScoutFetchOptions } from "./create-helpscout-fetch.js";
export { createHelpScoutFetch } from "./create-helpscout-fetch.js";
export { createdResourceId } from "./created-id.js";
export { errorPolicy } from "./error-policy.js";
export type {
  FieldError,
  HelpScoutErrorCode,
  HelpScoutErrorInit,
  KnownHelpScoutErrorCode,
  RequestSummary,
} from "./errors.js";
export { codeForStatus, HelpScoutError, isHelpScoutError } from "./errors.js";
export type { ParsedErrorBody } from "./parse-error-body.js";
export { parseErrorBody } from "./parse-error-body.js";
export { parseRetryAfter } from "./parse-retry-after.js";
export { REDACTED, redactSecrets, redactUrl } from "./redact.js";
export type { FetchFunction, Policy, RequestHandler, TokenSource } from "./types.js";
export type { ClientResult } from "./unwrap.js";
export { unwrap } from "./unwrap.js";
