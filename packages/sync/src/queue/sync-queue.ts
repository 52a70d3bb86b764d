import { type JobsOptions, Queue } from "bullmq";
import { configurationError, selectedModels, syncPairId } from "./job-keys.js";
import { queueNames, queueRedis } from "./redis-client.js";
import type { SyncJobData, SyncJobResult, SyncQueueLocation } from "./types.js";

/** Attempts of a job by default: the first run and 4 retries. */
export const DEFAULT_SYNC_ATTEMPTS = 5;
/** First retry delay by default; doubled for each further retry (with up to 25% jitter). */
export const DEFAULT_SYNC_BACKOFF_MS = 10_000;

/** Options of {@link createSyncQueue}. */
export interface SyncQueueOptions extends SyncQueueLocation {
  /** Runs per job, the first included. Default {@link DEFAULT_SYNC_ATTEMPTS}. */
  attempts?: number;
  /** Delay before the first retry, doubled each time. Default {@link DEFAULT_SYNC_BACKOFF_MS}. */
  backoffMs?: number;
  /** Finished jobs kept for inspection. Default: the last 1000 completed and 5000 failed. */
  keep?: { completed?: number; failed?: number };
}

/** Which syncs to schedule, enqueue or unschedule. */
export interface SyncSelection {
  connectionId: string;
  /** Model names (from `syncModels`). Default: every model of both APIs. */
  models?: readonly string[];
}

/** A job that {@link SyncQueue.enqueue} added, or found already waiting. */
export interface EnqueuedSync {
  model: string;
  jobId: string;
}

/** How many jobs are in each state. */
export interface SyncQueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  completed: number;
  failed: number;
}

/** The producer side: schedules and enqueues sync jobs, one per connection and model. */
export interface SyncQueue {
  /** The BullMQ queue, for dashboards and anything not wrapped here. */
  readonly queue: Queue<SyncJobData, SyncJobResult>;
  /**
   * Runs the models of a connection every `everyMs`, through one BullMQ job scheduler per
   * connection+model: scheduling again replaces the interval, never adds a second schedule.
   *
   * @returns The scheduler ids.
   */
  schedule(selection: SyncSelection & { everyMs: number; full?: boolean }): Promise<string[]>;
  /** Removes the schedulers of a connection's models; resolves with how many there were. */
  unschedule(selection: SyncSelection): Promise<number>;
  /**
   * Asks for a run of each model now. A model that already has a job waiting is not queued
   * twice; one whose run is under way gets exactly one follow-up run after it (BullMQ
   * deduplication with `keepLastIfActive`).
   */
  enqueue(selection: SyncSelection & { full?: boolean }): Promise<EnqueuedSync[]>;
  /** Jobs per state. */
  counts(): Promise<SyncQueueCounts>;
  /** Closes the queue's Redis connections (the ones it opened). */
  close(): Promise<void>;
}

/**
 * The sync job queue on BullMQ: one job per connection+model (so models of one connection and
 * many connections spread over every worker), retried with exponential backoff, scheduled per
 * connection+model, deduplicated while waiting. Workers come from {@link createSyncWorker}.
 *
 * @throws HelpScoutError `configuration_error` for bad `attempts` or `backoffMs`.
 * @example
 * ```ts
 * const syncs = createSyncQueue({ connection: "redis://127.0.0.1:6379" });
 * await syncs.schedule({ connectionId: "acme", everyMs: 15 * 60_000 });
 * await syncs.enqueue({ connectionId: "acme", models: ["conversations"] });
 * await syncs.close();
 * ```
 */
export function createSyncQueue(options: SyncQueueOptions): SyncQueue {
  const attempts = options.attempts ?? DEFAULT_SYNC_ATTEMPTS;
  const backoffMs = options.backoffMs ?? DEFAULT_SYNC_BACKOFF_MS;
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw configurationError(`attempts must be a whole number ≥ 1, got ${attempts}.`);
  }
  if (!(Number.isFinite(backoffMs) && backoffMs >= 0)) {
    throw configurationError(`backoffMs must be a number ≥ 0, got ${backoffMs}.`);
  }
  const { prefix, queueName } = queueNames(options);
  const client = queueRedis(options.connection);
  const jobOptions: JobsOptions = {
    attempts,
    backoff: { type: "exponential", delay: backoffMs, jitter: 0.25 },
    removeOnComplete: { count: options.keep?.completed ?? 1000 },
    removeOnFail: { count: options.keep?.failed ?? 5000 },
  };
  const queue = new Queue<SyncJobData, SyncJobResult>(queueName, {
    connection: client.redis,
    prefix,
    defaultJobOptions: jobOptions,
  });
  const data = (
    connectionId: string,
    model: string,
    full: boolean,
    trigger: "schedule" | "enqueue",
  ) => ({ connectionId, model, full, trigger }) satisfies SyncJobData;

  return {
    queue,
    async schedule(selection) {
      const models = selectedModels(selection.connectionId, selection.models);
      if (!(Number.isFinite(selection.everyMs) && selection.everyMs >= 1000)) {
        throw configurationError(`everyMs must be at least 1000, got ${selection.everyMs}.`);
      }
      const ids: string[] = [];
      for (const model of models) {
        const id = syncPairId(selection.connectionId, model.name);
        await queue.upsertJobScheduler(
          id,
          { every: selection.everyMs },
          {
            name: model.name,
            data: data(selection.connectionId, model.name, selection.full === true, "schedule"),
            opts: jobOptions,
          },
        );
        ids.push(id);
      }
      return ids;
    },
    async unschedule(selection) {
      let removed = 0;
      for (const model of selectedModels(selection.connectionId, selection.models)) {
        if (await queue.removeJobScheduler(syncPairId(selection.connectionId, model.name))) {
          removed += 1;
        }
      }
      return removed;
    },
    async enqueue(selection) {
      const models = selectedModels(selection.connectionId, selection.models);
      const jobs = await Promise.all(
        models.map((model) =>
          queue.add(
            model.name,
            data(selection.connectionId, model.name, selection.full === true, "enqueue"),
            {
              deduplication: {
                id: syncPairId(selection.connectionId, model.name),
                keepLastIfActive: true,
              },
            },
          ),
        ),
      );
      return jobs.map((job, index) => ({
        model: models[index]?.name ?? job.name,
        jobId: String(job.id),
      }));
    },
    async counts() {
      const counts = await queue.getJobCounts(
        "waiting",
        "prioritized",
        "active",
        "delayed",
        "completed",
        "failed",
      );
      return {
        waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        completed: counts.completed ?? 0,
        failed: counts.failed ?? 0,
      };
    },
    async close() {
      await queue.close();
      await client.close();
    },
  };
}
