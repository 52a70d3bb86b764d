// Record stores (PGlite, Postgres) and the SQL they share.
export {
  type ApplyWebhookEventOptions,
  applyWebhookEvent,
  syncStoreWebhookListener,
  type WebhookApplyResult,
  type WebhookEventInput,
} from "./apply-webhook-event.js";
export { canonicalJson, contentHash } from "./content-hash.js";
export { syncModels } from "./models/all-models.js";
export { docsModels } from "./models/docs.js";
export { mailboxAccountModels } from "./models/mailbox-account.js";
export { conversationsModel } from "./models/mailbox-conversations.js";
export { customersModel } from "./models/mailbox-customers.js";
export { createPgliteRecordStore, type PgliteRecordStoreOptions } from "./pglite-record-store.js";
export {
  createPostgresRecordStore,
  type PostgresRecordStoreOptions,
} from "./postgres-record-store.js";
export { RECORD_SCHEMA_VERSION } from "./record-schema.js";
export type { RateBudget } from "./request-counter.js";
export {
  type ModelSummary,
  type SyncProgressEvent,
  WATERMARK_OVERLAP_MS,
} from "./run-model.js";
export { type RunSyncOptions, runSync, type SyncSummary } from "./run-sync.js";
export type { SqlDriver, SqlQueryable } from "./sql-driver.js";
export {
  DEFAULT_RECORDS_LIMIT,
  MAX_RECORDS_LIMIT,
  SqlRecordStore,
  type SqlRecordStoreOptions,
} from "./sql-record-store.js";
export { type ModelFailure, SyncError } from "./sync-error.js";
export type {
  AnySyncModel,
  ListedParents,
  ModelPosition,
  PageRecord,
  SyncClient,
  SyncContext,
  SyncModel,
  SyncPage,
} from "./sync-model.js";
export type * from "./types.js";
