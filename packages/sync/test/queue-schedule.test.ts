import { isHelpScoutError } from "@terapi/helpscout-auth";
import { afterAll, describe, expect, it } from "vitest";
import { syncModels } from "../src/index.js";
import { createSyncQueue, type SyncQueue } from "../src/queue/index.js";
import { deleteKeys, redisAvailable, TEST_REDIS_URL, testPrefix } from "./fixtures/queue-redis.js";

const available = await redisAvailable();
const prefix = testPrefix();

async function rejection(promise: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof promise === "function" ? promise() : promise);
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe.runIf(available)("createSyncQueue", () => {
  const queues: SyncQueue[] = [];
  const open = (queueName: string) => {
    const queue = createSyncQueue({ connection: TEST_REDIS_URL, prefix, queueName });
    queues.push(queue);
    return queue;
  };
  afterAll(async () => {
    await Promise.all(queues.map((queue) => queue.close()));
    await deleteKeys(prefix);
  });

  it("schedules one job scheduler per connection and model, idempotently", async () => {
    const syncs = open("schedule");
    const ids = await syncs.schedule({ connectionId: "acme:eu", everyMs: 60_000 });
    expect(ids).toHaveLength(syncModels.length);
    // Scheduling again (another interval, other producers at once) replaces, never adds.
    await Promise.all([
      syncs.schedule({ connectionId: "acme:eu", everyMs: 30_000 }),
      syncs.schedule({ connectionId: "acme:eu", everyMs: 30_000, models: ["conversations"] }),
    ]);
    const schedulers = await syncs.queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual([...ids].sort());
    expect(new Set(schedulers.map((s) => s.every))).toEqual(new Set([30_000]));
    const conversations = schedulers.find((s) => s.key === "sync|acme%3Aeu|conversations");
    expect(conversations?.template?.data).toEqual({
      connectionId: "acme:eu",
      model: "conversations",
      full: false,
      trigger: "schedule",
    });
    // Each scheduler has its next job waiting or delayed: one per model.
    const counts = await syncs.counts();
    expect(counts.waiting + counts.delayed).toBe(syncModels.length);

    expect(await syncs.unschedule({ connectionId: "acme:eu", models: ["tags", "users"] })).toBe(2);
    expect(await syncs.queue.getJobSchedulersCount()).toBe(syncModels.length - 2);
    expect(await syncs.unschedule({ connectionId: "acme:eu" })).toBe(syncModels.length - 2);
  });

  it("queues a model once however often it is enqueued while waiting", async () => {
    const syncs = open("enqueue");
    const other = open("enqueue"); // another producer process, same queue
    const bursts = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? syncs : other).enqueue({
          connectionId: "acme",
          models: ["conversations", "tags"],
        }),
      ),
    );
    const jobIds = new Set(bursts.flat().map((job) => job.jobId));
    expect(jobIds.size).toBe(2);
    expect((await syncs.counts()).waiting).toBe(2);
    const waiting = await syncs.queue.getWaiting();
    expect(waiting.map((job) => job.data).sort((a, b) => a.model.localeCompare(b.model))).toEqual([
      { connectionId: "acme", model: "conversations", full: false, trigger: "enqueue" },
      { connectionId: "acme", model: "tags", full: false, trigger: "enqueue" },
    ]);
    // Another connection is another job.
    await syncs.enqueue({ connectionId: "globex", models: ["conversations"], full: true });
    expect((await syncs.counts()).waiting).toBe(3);
    // Jobs retry with exponential backoff by default.
    expect(waiting[0]?.opts).toMatchObject({
      attempts: 5,
      backoff: { type: "exponential", delay: 10_000 },
    });
  });

  it("refuses unknown models, an empty connection id and bad settings with configuration_error", async () => {
    const syncs = open("errors");
    const unknown = await rejection(syncs.enqueue({ connectionId: "acme", models: ["tickets"] }));
    expect(isHelpScoutError(unknown) && unknown.code).toBe("configuration_error");
    expect((unknown as Error).message).toMatch(/unknown model "tickets"; the models are mailboxes/);
    const empty = await rejection(syncs.schedule({ connectionId: "", everyMs: 60_000 }));
    expect(isHelpScoutError(empty) && empty.code).toBe("configuration_error");
    const fast = await rejection(syncs.schedule({ connectionId: "acme", everyMs: 10 }));
    expect((fast as Error).message).toMatch(/everyMs must be at least 1000/);
    const attempts = await rejection(() =>
      createSyncQueue({ connection: TEST_REDIS_URL, prefix, attempts: 0 }),
    );
    expect(isHelpScoutError(attempts) && attempts.code).toBe("configuration_error");
    expect((await syncs.counts()).waiting).toBe(0);
  });
});
