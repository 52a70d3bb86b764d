// @terapi/helpscout-sync/queue: sync jobs for many connections on BullMQ (Redis).
export { type ConnectionClientsOptions, connectionClients } from "./connection-clients.js";
export { isPermanentSyncFailure, PERMANENT_ERROR_CODES } from "./permanent-failure.js";
export {
  createSyncQueue,
  DEFAULT_SYNC_ATTEMPTS,
  DEFAULT_SYNC_BACKOFF_MS,
  type EnqueuedSync,
  type SyncQueue,
  type SyncQueueCounts,
  type SyncQueueOptions,
  type SyncSelection,
} from "./sync-queue.js";
export {
  createSyncWorker,
  DEFAULT_BUSY_RETRY_MS,
  DEFAULT_LEASE_MS,
  DEFAULT_WORKER_CONCURRENCY,
  type SyncWorker,
  type SyncWorkerOptions,
} from "./sync-worker.js";
export type {
  SyncClients,
  SyncJobData,
  SyncJobEvent,
  SyncJobRef,
  SyncJobResult,
  SyncJobSummary,
  SyncQueueConnection,
  SyncQueueLocation,
} from "./types.js";
