export { apiKeyPolicy } from "./api-key-policy.js";
export { bearerTokenPolicy, staticTokenSource } from "./bearer-token-policy.js";
export type { BudgetStore, RateLimit, RateObservation } from "./budget-store.js";
export { effectiveLimit, MemoryBudgetStore } from "./budget-store.js";
export type { ClientPipelineOptions } from "./client-fetch.js";
export { createClientFetch } from "./client-fetch.js";
export { composePolicies } from "./compose-policies.js";
export type { BackoffOptions } from "./compute-backoff.js";
export {
  computeBackoff,
  DEFAULT_BACKOFF_BASE_MS,
  DEFAULT_BACKOFF_MAX_MS,
  DEFAULT_MAX_RETRIES,
} from "./compute-backoff.js";
export type { ConnectionProvider, ConnectionRef } from "./connection-token-source.js";
export { connectionTokenSource } from "./connection-token-source.js";
export type { HelpScoutFetchOptions } from "./create-helpscout-fetch.js";
export { createHelpScoutFetch } from "./create-helpscout-fetch.js";
export { createdResourceId } from "./created-id.js";
export { DeferredRequest } from "./deferred-request.js";
export { errorPolicy } from "./error-policy.js";
export type {
  FieldError,
  HelpScoutErrorCode,
  HelpScoutErrorInit,
  KnownHelpScoutErrorCode,
  RequestSummary,
} from "./errors.js";
export { codeForStatus, HelpScoutError, isHelpScoutError } from "./errors.js";
export type { JsonAnswerCheck } from "./json-answer-check.js";
export { jsonAnswerCheck } from "./json-answer-check.js";
export type { ParsedErrorBody } from "./parse-error-body.js";
export { parseErrorBody } from "./parse-error-body.js";
export { parseRetryAfter } from "./parse-retry-after.js";
export { describeRequest, replayable, sendRequest, withHeader } from "./pipeline-request.js";
export type { ProxyOptions } from "./proxy.js";
export { proxy } from "./proxy.js";
export type { ProxyBody } from "./proxy-body.js";
export type { ProxyConnection } from "./proxy-credentials.js";
export { endToEndHeaders, HOP_BY_HOP_HEADERS } from "./proxy-headers.js";
export { PROXY_INVALID_REQUEST } from "./proxy-request-error.js";
export type { ProxyApi, ProxyQuery, ProxyQueryValue } from "./proxy-url.js";
export { PROXY_BASE_URLS, PROXY_PATH_PREFIXES } from "./proxy-url.js";
export { REDACTED, redactSecrets, redactUrl } from "./redact.js";
export type { RateLimitContext, RetryOptions } from "./retry-policy.js";
export {
  DEFAULT_RETRYABLE_STATUSES,
  IDEMPOTENT_METHODS,
  retryPolicy,
  UNSENT_ERROR_CODES,
} from "./retry-policy.js";
export { accountKeyOf, sharedBudgetStore } from "./shared-budget-store.js";
export type { Sleep } from "./sleep.js";
export { sleep } from "./sleep.js";
export type { RateHeaders, ThrottleOptions } from "./throttle-policy.js";
export { throttlePolicy } from "./throttle-policy.js";
export type {
  DocsThrottleOptions,
  MailboxThrottleOptions,
  ThrottlePresetOptions,
} from "./throttle-presets.js";
export {
  DOCS_WINDOW_MS,
  docsThrottle,
  MAILBOX_WINDOW_MS,
  MAILBOX_WRITE_METHODS,
  mailboxRequestWeight,
  mailboxThrottle,
  rateLimitHeaders,
} from "./throttle-presets.js";
export type { AccessToken, TokenCyclerOptions } from "./token-cycler.js";
export { createTokenCycler, DEFAULT_REFRESH_WINDOW_MS } from "./token-cycler.js";
export type {
  FetchFunction,
  PipelineBody,
  PipelineRequest,
  Policy,
  RequestHandler,
  TokenSource,
} from "./types.js";
export type { ClientResult } from "./unwrap.js";
export { unwrap } from "./unwrap.js";
