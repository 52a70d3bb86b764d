import { HelpScoutError } from "@terapi/helpscout-auth";
import { RedisBudgetStore } from "@terapi/helpscout-auth/redis";
import { createDocsClient } from "@terapi/helpscout-docs";
import { createMailboxClient } from "@terapi/helpscout-mailbox";
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { syncModels } from "../src/index.js";
import { connectionClients, type SyncClients } from "../src/queue/index.js";
import { syncPairId } from "../src/queue/job-keys.js";
import { RunLeases } from "../src/queue/run-lease.js";
import { docsSnapshot, mailboxSnapshot } from "./fixtures/emulator-snapshot.js";
import { emulatorToken } from "./fixtures/emulator-token.js";
import { MemoryRecordStore } from "./fixtures/memory-record-store.js";
import {
  acmeConnections,
  alignWithRealTime,
  emulate,
  runIntervals,
  type SeenEvent,
  useEmulatorMsw,
  useQueueHarness,
} from "./fixtures/queue-harness.js";
import { redisAvailable, TEST_REDIS_URL } from "./fixtures/queue-redis.js";
import { expectStoreToMatch } from "./fixtures/store-snapshot.js";

const available = await redisAvailable();
const SMALL = { conversations: 120, customers: 60, articles: 8, maxThreads: 2 };

/** Clients of the emulator's `acme` account, new ones per job (no throttle: limits are off). */
async function acmeClients(): Promise<() => SyncClients> {
  const accessToken = await emulatorToken();
  return () => ({
    mailbox: createMailboxClient({ accessToken, throttle: false }),
    docs: createDocsClient({ apiKey: "acme-docs-key", throttle: false }),
  });
}

/** Asserts that the store holds what the emulator answers, for every model or those given. */
async function expectStoreToMatchEmulator(
  store: MemoryRecordStore,
  models?: readonly string[],
): Promise<void> {
  const accessToken = await emulatorToken();
  const expected = new Map([
    ...(await mailboxSnapshot(createMailboxClient({ accessToken, throttle: false }))),
    ...(await docsSnapshot(createDocsClient({ apiKey: "acme-docs-key", throttle: false }))),
  ]);
  for (const model of expected.keys()) {
    if (models && !models.includes(model)) expected.delete(model);
  }
  await expectStoreToMatch(store, "acme", expected);
}

const ofType = <T extends SeenEvent["type"]>(events: readonly SeenEvent[], type: T) =>
  events.filter((event): event is Extract<SeenEvent, { type: T }> => event.type === type);

describe.runIf(available)("sync workers on BullMQ", () => {
  useEmulatorMsw();
  const harness = useQueueHarness();

  it("syncs every model of a connection, one job per model spread over three workers", async () => {
    emulate({ size: SMALL, rateLimits: { enabled: false } });
    const h = harness();
    const store = new MemoryRecordStore();
    const clientsFor = await acmeClients();
    for (let i = 0; i < 3; i += 1) h.worker({ recordStore: store, clientsFor, concurrency: 3 });
    const queue = h.queue();
    const jobs = await queue.enqueue({ connectionId: "acme" });
    expect(jobs.map((job) => job.model)).toEqual(syncModels.map((model) => model.name));

    await h.until(async () => (await queue.counts()).completed === syncModels.length);
    const done = ofType(h.events, "job-done");
    expect(done.map((event) => event.model).sort()).toEqual(
      syncModels.map((model) => model.name).sort(),
    );
    expect(new Set(done.map((event) => event.worker)).size).toBeGreaterThan(1);
    const conversations = done.find((event) => event.model === "conversations");
    expect(conversations?.summary).toMatchObject({ inserted: 120, pages: 3, mode: "incremental" });
    await expectStoreToMatchEmulator(store);
  });

  it("never runs two syncs of one connection+model at once: enqueued in bursts, scheduled, on several workers", async () => {
    const emulator = emulate({ size: SMALL, rateLimits: { enabled: false } });
    emulator.faults.latencyMs = 40; // each run takes a while, so runs would overlap if allowed
    const h = harness();
    const store = new MemoryRecordStore();
    const clientsFor = await acmeClients();
    for (let i = 0; i < 3; i += 1) {
      h.worker({ recordStore: store, clientsFor, concurrency: 4, busyRetryMs: 100 });
    }
    const producers = [h.queue(), h.queue(), h.queue()];
    const models = ["conversations", "customers"];
    const burst = () =>
      Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          producers[i % producers.length]?.enqueue({ connectionId: "acme", models }),
        ),
      );
    await Promise.all([
      producers[0]?.schedule({ connectionId: "acme", models, everyMs: 1000 }),
      burst(),
    ]);
    await h.until(() => ofType(h.events, "job-start").length >= 2);
    await burst(); // while the first runs are under way: one follow-up run each, no parallel run
    await new Promise((resolve) => setTimeout(resolve, 3000)); // a few scheduler ticks
    await producers[0]?.unschedule({ connectionId: "acme", models });
    await h.until(async () => {
      const counts = await producers[0]?.counts();
      return counts !== undefined && counts.waiting + counts.active + counts.delayed === 0;
    });

    const intervals = runIntervals(h.events);
    for (const model of models) {
      const runs = (intervals.get(`acme|${model}`) ?? []).sort((a, b) => a[0] - b[0]);
      expect(runs.length, `${model}: runs`).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < runs.length; i += 1) {
        const [previous, next] = [runs[i - 1], runs[i]];
        expect(
          next?.[0],
          `${model}: run ${i} starts after run ${i - 1} ends`,
        ).toBeGreaterThanOrEqual(previous?.[1] ?? 0);
      }
    }
    expect(ofType(h.events, "job-failed")).toEqual([]);
    emulator.faults.latencyMs = 0;
    await expectStoreToMatchEmulator(store, models);
  });

  it("defers an enqueued job and skips a scheduled one while the pair's lease is held elsewhere", async () => {
    emulate({ size: SMALL, rateLimits: { enabled: false } });
    const h = harness();
    const clientsFor = await acmeClients();
    const redis = new Redis(TEST_REDIS_URL);
    try {
      // Another worker's run of acme/tags, as its lease.
      const elsewhere = new RunLeases({ redis, prefix: `${h.prefix}:sync:lease:`, ttlMs: 10_000 });
      const lease = await elsewhere.acquire(syncPairId("acme", "tags"));
      h.worker({ recordStore: new MemoryRecordStore(), clientsFor, busyRetryMs: 150 });
      const queue = h.queue();
      await queue.schedule({ connectionId: "acme", models: ["tags"], everyMs: 60_000 });
      await queue.enqueue({ connectionId: "acme", models: ["tags"] });
      await h.until(() => ofType(h.events, "job-busy").length >= 3);
      expect(ofType(h.events, "job-start")).toEqual([]);
      const busy = ofType(h.events, "job-busy");
      expect(busy.find((event) => event.trigger === "schedule")?.action).toBe("skipped");
      expect(busy.filter((event) => event.trigger === "enqueue").map((e) => e.action)).toContain(
        "deferred",
      );
      await lease?.release();
      await h.until(() => ofType(h.events, "job-done").length === 1);
      expect(ofType(h.events, "job-done")[0]).toMatchObject({ model: "tags", trigger: "enqueue" });
      const [skipped] = await queue.queue.getCompleted();
      const results = (await queue.queue.getCompleted()).map((job) => job.returnvalue?.status);
      expect(results.sort()).toEqual(["skipped", "synced"]);
      expect(skipped).toBeDefined();
    } finally {
      redis.disconnect();
    }
  });

  it("retries a failed job with backoff and completes it on a later attempt", async () => {
    emulate({ size: SMALL, rateLimits: { enabled: false } });
    const h = harness();
    const clients = await acmeClients();
    let calls = 0;
    h.worker({
      recordStore: new MemoryRecordStore(),
      clientsFor: () => {
        calls += 1;
        if (calls === 1) {
          throw new HelpScoutError({ code: "network_error", message: "socket hang up" });
        }
        return clients();
      },
    });
    const queue = h.queue({ backoffMs: 100, attempts: 3 });
    const [job] = await queue.enqueue({ connectionId: "acme", models: ["users"] });
    await h.until(() => ofType(h.events, "job-done").length === 1);
    expect(h.events.map((event) => `${event.type}#${event.attempt}`)).toEqual([
      "job-start#1",
      "job-failed#1",
      "job-start#2",
      "job-progress#2",
      "job-progress#2",
      "job-progress#2",
      "job-done#2",
    ]);
    expect(ofType(h.events, "job-failed")[0]?.outcome).toBe("retry");
    // Our job-done event comes from the processor; BullMQ records the completion just after it.
    const jobId = job?.jobId ?? "";
    await h.until(async () => (await queue.queue.getJob(jobId))?.finishedOn !== undefined);
    const finished = await queue.queue.getJob(jobId);
    expect(finished?.attemptsMade).toBe(2);
    expect(await finished?.getState()).toBe("completed");
  });

  it("fails at once, without retries, when the credentials are refused, and keeps the token out of Redis", async () => {
    emulate({ size: SMALL, rateLimits: { enabled: false } });
    const h = harness();
    const token = "revoked-token-0123456789";
    h.worker({
      recordStore: new MemoryRecordStore(),
      clientsFor: () => ({ mailbox: createMailboxClient({ accessToken: token, throttle: false }) }),
    });
    const queue = h.queue({ backoffMs: 50, attempts: 5 });
    const [job] = await queue.enqueue({ connectionId: "acme", models: ["mailboxes"] });
    await h.until(async () => (await queue.counts()).failed === 1);
    const failed = await queue.queue.getJob(job?.jobId ?? "");
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toMatch(/1 of 1 models failed: mailboxes/);
    expect(JSON.stringify(failed?.toJSON())).not.toContain(token);
    expect(ofType(h.events, "job-failed").map((event) => event.outcome)).toEqual(["final"]);
  });

  it("hands a running job back on close, its committed pages kept, and another worker resumes it", async () => {
    const emulator = emulate({
      size: { ...SMALL, conversations: 400 },
      rateLimits: { enabled: false },
    });
    emulator.faults.latencyMs = 60;
    const h = harness();
    const store = new MemoryRecordStore();
    const clientsFor = await acmeClients();
    const first = h.worker({ recordStore: store, clientsFor });
    const queue = h.queue();
    const [job] = await queue.enqueue({ connectionId: "acme", models: ["conversations"] });
    const committed = () =>
      ofType(h.events, "job-progress").filter((event) => event.progress.type === "page").length;
    await h.until(() => committed() >= 1);
    await first.close();
    const before = committed();

    expect(ofType(h.events, "job-interrupted")).toHaveLength(1);
    const checkpoint = await store.getCheckpoint("acme", "conversations");
    expect(checkpoint?.complete).toBe(false);
    expect((await store.counts("acme")).conversations).toBe(before * 50);
    const handedBack = await queue.queue.getJob(job?.jobId ?? "");
    expect(["delayed", "waiting"]).toContain(await handedBack?.getState());
    expect(handedBack?.attemptsMade).toBe(0); // an interruption spends no attempt

    h.worker({ recordStore: store, clientsFor });
    await h.until(() => ofType(h.events, "job-done").length === 1);
    const [done] = ofType(h.events, "job-done");
    expect(done).toMatchObject({ worker: 1, summary: { resumed: true } });
    expect(done?.summary.inserted).toBe(400 - before * 50); // nothing lost, nothing twice
    emulator.faults.latencyMs = 0;
    await expectStoreToMatchEmulator(store, ["conversations"]);
  });

  it("keeps two workers within the account's limit through the shared Redis budget, and fails fast once access is revoked", async () => {
    const speed = 120; // a minute-long rate window lasts half a real second
    const emulator = emulate({
      // About 18 Mailbox requests, 8 jobs in flight at once: several windows' worth at 4 a window.
      size: { ...SMALL, conversations: 300, customers: 100 },
      clock: { speed },
      rateLimits: { mailboxPerMinute: 4, docsPerTenMinutes: 100 },
    });
    alignWithRealTime(emulator, speed);
    const h = harness();
    const terapi = await acmeConnections();
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const budgetStore = new RedisBudgetStore({ redis, prefix: `${h.prefix}:budget:` });
      const clientsFor = connectionClients({
        terapi,
        budgetStore,
        timeScale: speed,
        mailbox: { perMinute: 4 }, // the plan's limit, where the throttle starts
      });
      const store = new MemoryRecordStore();
      h.worker({ recordStore: store, clientsFor, concurrency: 4 });
      h.worker({ recordStore: store, clientsFor, concurrency: 4 });
      const queue = h.queue();
      const started = performance.now();
      await queue.enqueue({ connectionId: "acme" });
      await h.until(async () => (await queue.counts()).completed === syncModels.length, 60_000);

      const { mailbox, docs } = emulator.account("acme").rate;
      expect(mailbox.rateLimited + docs.rateLimited).toBe(0);
      expect(mailbox.peak).toBe(4); // the budget, not the workers, was the limit
      expect(performance.now() - started).toBeGreaterThan(1500); // so it took several windows
      emulator.rateLimits.enabled = false;
      await expectStoreToMatchEmulator(store);

      // Access revoked: the 401 makes Terapi refresh, Help Scout refuses the refresh token, and
      // the job fails on its first attempt instead of retrying for nothing.
      await fetch("https://api.helpscout.net/_emulator/tokens/revoke", { method: "POST" });
      const [job] = await queue.enqueue({ connectionId: "acme", models: ["users"] });
      await h.until(async () => (await queue.counts()).failed === 1);
      const failed = await queue.queue.getJob(job?.jobId ?? "");
      expect(failed?.attemptsMade).toBe(1);
      expect(failed?.failedReason).toMatch(/authorization URL again/);
    } finally {
      redis.disconnect();
    }
  });
});
