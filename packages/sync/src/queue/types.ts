import type { DocsClient } from "@terapi/helpscout-docs";
import type { MailboxClient } from "@terapi/helpscout-mailbox";
import type { Redis, RedisOptions } from "ioredis";
import type { ModelSummary, SyncProgressEvent } from "../run-model.js";

/**
 * Where the queue lives: a Redis URL (`redis://127.0.0.1:6379`), ioredis options, or an ioredis
 * client of your own — which must have `maxRetriesPerRequest: null`, as BullMQ's workers require,
 * and which is never closed for you.
 */
export type SyncQueueConnection = string | RedisOptions | Redis;

/** Where the queue's keys go; shared by {@link createSyncQueue} and {@link createSyncWorker}. */
export interface SyncQueueLocation {
  /** The Redis holding the queue, the job schedulers and the run leases. */
  connection: SyncQueueConnection;
  /** Key prefix of everything the queue stores. Default `helpscout`. */
  prefix?: string;
  /** The BullMQ queue name. Default `sync`. */
  queueName?: string;
}

/** One job: sync ONE model of one connection. */
export interface SyncJobData {
  connectionId: string;
  /** A model name from `syncModels`, e.g. `conversations`. */
  model: string;
  /** List everything and sweep deletes (see `runSync`'s `full`). */
  full: boolean;
  /** `schedule`: made by the connection's job scheduler; `enqueue`: asked for with `enqueue()`. */
  trigger: "schedule" | "enqueue";
}

/** What one model's run did, as a job keeps it: the `ModelSummary` without an error. */
export type SyncJobSummary = Omit<ModelSummary, "error">;

/** The return value BullMQ keeps for a completed job. */
export type SyncJobResult =
  | { status: "synced"; summary: SyncJobSummary }
  /** A scheduled job found a run of the same connection+model under way, which covers it. */
  | { status: "skipped"; reason: "already-running" };

/** The API clients of one connection; a job needs the client of its model's API. */
export interface SyncClients {
  mailbox?: MailboxClient;
  docs?: DocsClient;
}

/** Which job an event is about. */
export interface SyncJobRef {
  /** BullMQ's job id. */
  jobId: string;
  connectionId: string;
  model: string;
  trigger: SyncJobData["trigger"];
  /** 1 for the first run of the job, 2 for its first retry, … */
  attempt: number;
  /** How many attempts the job has in all. */
  attempts: number;
}

/** What a worker reports about its jobs (for logs and progress lines). */
export type SyncJobEvent =
  | ({ type: "job-start" } & SyncJobRef)
  | ({ type: "job-progress"; progress: SyncProgressEvent } & SyncJobRef)
  | ({ type: "job-done"; summary: SyncJobSummary } & SyncJobRef)
  /** A run of the same connection+model is under way elsewhere: skipped, or retried later. */
  | ({ type: "job-busy"; action: "skipped" | "deferred"; retryInMs?: number } & SyncJobRef)
  /** The worker is shutting down: the job goes back to the queue, its committed pages kept. */
  | ({ type: "job-interrupted" } & SyncJobRef)
  | ({
      type: "job-failed";
      /** Why; a `HelpScoutError` or `SyncError` carries no secret. */
      error: unknown;
      /** `retry`: BullMQ runs it again after a backoff; `final`: no attempts left, or not retryable. */
      outcome: "retry" | "final";
    } & SyncJobRef);
