import { DelayedError, type Job, UnrecoverableError, Worker } from "bullmq";
import { runSync } from "../run-sync.js";
import type { RecordStore } from "../types.js";
import { configurationError, syncPairId } from "./job-keys.js";
import { jobStoreView } from "./job-store-view.js";
import { isPermanentSyncFailure } from "./permanent-failure.js";
import { queueNames, queueRedis } from "./redis-client.js";
import { RunLeases } from "./run-lease.js";
import type {
  SyncClients,
  SyncJobData,
  SyncJobEvent,
  SyncJobRef,
  SyncJobResult,
  SyncQueueLocation,
} from "./types.js";

/** Jobs one worker runs at once by default. */
export const DEFAULT_WORKER_CONCURRENCY = 4;
/** How long a run lease outlives a worker that died holding it, by default. */
export const DEFAULT_LEASE_MS = 60_000;
/** When an enqueued job whose connection+model is busy elsewhere is tried again, by default. */
export const DEFAULT_BUSY_RETRY_MS = 5_000;

/** Options of {@link createSyncWorker}. */
export interface SyncWorkerOptions extends SyncQueueLocation {
  /** Where records and checkpoints go; shared by every job, and never closed by the worker. */
  recordStore: RecordStore;
  /**
   * The API clients of a connection, called once per job. Give them a throttle on a budget
   * store every worker shares (`RedisBudgetStore`), so that N workers together stay within the
   * account's limit; {@link connectionClients} builds such clients from stored connections.
   */
  clientsFor(connectionId: string): SyncClients | Promise<SyncClients>;
  /** Jobs this worker runs at once. Default {@link DEFAULT_WORKER_CONCURRENCY}. */
  concurrency?: number;
  /** Lifetime of a run lease that is no longer renewed. Default {@link DEFAULT_LEASE_MS}. */
  leaseMs?: number;
  /** Delay before an enqueued job retries a busy connection+model. Default {@link DEFAULT_BUSY_RETRY_MS}. */
  busyRetryMs?: number;
  /** Called as jobs start, progress, finish, fail, or are deferred or interrupted. */
  onEvent?: (event: SyncJobEvent) => void;
  /** Errors of the worker itself, such as a lost Redis connection (BullMQ reconnects). */
  onError?: (error: Error) => void;
}

/** A running worker. */
export interface SyncWorker {
  /** The BullMQ worker. */
  readonly worker: Worker<SyncJobData, SyncJobResult>;
  /** Resolves once the worker is connected and taking jobs. */
  waitUntilReady(): Promise<void>;
  /**
   * Graceful shutdown: takes no new job, aborts the running syncs — a page being committed
   * finishes its transaction, nothing after it starts — puts their jobs back on the queue without
   * spending an attempt, then closes the connections the worker opened.
   */
  close(): Promise<void>;
}

/**
 * A sync worker on BullMQ: each job runs `runSync` for ONE model of one connection, holding a run
 * lease on that connection+model in Redis so that no two runs of it ever overlap, whichever
 * worker or process they are in. Start as many as you like, in as many processes as you like.
 *
 * - A scheduled job whose connection+model is busy is skipped (the run under way covers it); an
 *   enqueued one is retried after `busyRetryMs`.
 * - A failure BullMQ retries with exponential backoff (see `createSyncQueue`); one that another
 *   attempt cannot fix (refused or revoked credentials, 403, a missing connection or client, see
 *   {@link isPermanentSyncFailure}) fails the job at once.
 * - Every page is committed with its checkpoint, so a retried or interrupted job resumes.
 *
 * @throws HelpScoutError `configuration_error` for a bad `concurrency`, `leaseMs` or `busyRetryMs`.
 * @example
 * ```ts
 * const worker = createSyncWorker({ connection: process.env.REDIS_URL!, recordStore, clientsFor });
 * process.once("SIGTERM", () => void worker.close());
 * ```
 */
export function createSyncWorker(options: SyncWorkerOptions): SyncWorker {
  const concurrency = options.concurrency ?? DEFAULT_WORKER_CONCURRENCY;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const busyRetryMs = options.busyRetryMs ?? DEFAULT_BUSY_RETRY_MS;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw configurationError(`concurrency must be a whole number ≥ 1, got ${concurrency}.`);
  }
  if (!(Number.isFinite(leaseMs) && leaseMs >= 1000)) {
    throw configurationError(`leaseMs must be at least 1000, got ${leaseMs}.`);
  }
  if (!(Number.isFinite(busyRetryMs) && busyRetryMs >= 0)) {
    throw configurationError(`busyRetryMs must be a number ≥ 0, got ${busyRetryMs}.`);
  }
  const { prefix, queueName } = queueNames(options);
  const client = queueRedis(options.connection);
  const leases = new RunLeases({
    redis: client.redis,
    prefix: `${prefix}:${queueName}:lease:`,
    ttlMs: leaseMs,
  });
  // A logging callback that throws must not fail the sync it reports on.
  const emit = (event: SyncJobEvent) => {
    try {
      options.onEvent?.(event);
    } catch (error) {
      options.onError?.(error instanceof Error ? error : new Error(String(error)));
    }
  };
  let closing = false;

  const processor = async (
    job: Job<SyncJobData, SyncJobResult>,
    token?: string,
    signal?: AbortSignal,
  ): Promise<SyncJobResult> => {
    const { connectionId, model, full } = job.data;
    const ref = refOf(job);
    const lease = await leases.acquire(syncPairId(connectionId, model));
    if (lease === undefined) {
      if (job.data.trigger === "schedule") {
        emit({ type: "job-busy", action: "skipped", ...ref });
        return { status: "skipped", reason: "already-running" };
      }
      emit({ type: "job-busy", action: "deferred", retryInMs: busyRetryMs, ...ref });
      await job.moveToDelayed(Date.now() + busyRetryMs, token);
      throw new DelayedError();
    }
    let released = false;
    const release = async () => {
      if (released) return;
      released = true;
      await lease.release().catch(() => undefined); // it expires by itself otherwise
    };
    try {
      emit({ type: "job-start", ...ref });
      const clients = await options.clientsFor(connectionId);
      const summary = await runSync({
        store: jobStoreView(options.recordStore),
        connectionId,
        models: [model],
        full,
        ...(clients.mailbox ? { mailbox: clients.mailbox } : {}),
        ...(clients.docs ? { docs: clients.docs } : {}),
        ...(signal ? { signal } : {}),
        onProgress: (progress) => emit({ type: "job-progress", progress, ...ref }),
      });
      const [only] = summary.models;
      if (only === undefined) throw new Error(`runSync returned no summary for "${model}"`);
      const { error: _, ...done } = only;
      emit({ type: "job-done", summary: done, ...ref });
      return { status: "synced", summary: done };
    } catch (error) {
      await release();
      if (signal?.aborted && closing) {
        // Back to the queue without spending an attempt: the next run resumes from the checkpoint.
        emit({ type: "job-interrupted", ...ref });
        await job.moveToDelayed(Date.now(), token);
        throw new DelayedError();
      }
      const permanent = isPermanentSyncFailure(error);
      const final = permanent || ref.attempt >= ref.attempts;
      emit({ type: "job-failed", error, outcome: final ? "final" : "retry", ...ref });
      const message = error instanceof Error ? error.message : String(error);
      throw permanent ? new UnrecoverableError(message) : error;
    } finally {
      await release();
    }
  };

  const worker = new Worker<SyncJobData, SyncJobResult>(queueName, processor, {
    connection: client.redis,
    prefix,
    concurrency,
  });
  // An EventEmitter 'error' without a listener would crash the process.
  worker.on("error", (error) => options.onError?.(error));

  return {
    worker,
    waitUntilReady: () => worker.waitUntilReady(),
    async close() {
      closing = true;
      const closed = worker.close();
      worker.cancelAllJobs("the worker is shutting down");
      await closed;
      await client.close();
    },
  };
}

function refOf(job: Job<SyncJobData, SyncJobResult>): SyncJobRef {
  return {
    jobId: String(job.id),
    connectionId: job.data.connectionId,
    model: job.data.model,
    trigger: job.data.trigger,
    attempt: job.attemptsMade + 1,
    attempts: job.opts.attempts ?? 1,
  };
}
