/**
 * The sync benchmark (`pnpm bench`): one run, in one process, against the emulator over real HTTP.
 *
 * 1. Capacity, rate limits off: the raw paging loop (no store) and the sync (into PGlite) over the
 *    same 10,000 conversations with threads embedded: records/s of each, and their ratio.
 * 2. The budget, at Help Scout's 200 requests a minute on the emulator's compressed clock, the
 *    throttle sharing that clock: requests per 1,000 conversations, share of the budget used, 429s
 *    and peak RSS. The clock runs as fast as keeps the budget (not this machine) the bottleneck,
 *    as it is against Help Scout, where a minute allows only 200 requests.
 * 3. The store alone (run first, so nothing else holds memory): 100,000 synthetic records
 *    committed 50 a page, RSS after a warm-up of 5,000 and after the last one.
 *
 * Prints every figure with its target and PASS/FAIL; exits 1 when one fails.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { PipelineRequest, RequestHandler } from "@terapi/helpscout-auth";
import { type RunningEmulator, startEmulator } from "@terapi/helpscout-emulator";
import { createMailboxClient, type MailboxClient, paginatePages } from "@terapi/helpscout-mailbox";
import { createPgliteRecordStore, runSync } from "@terapi/helpscout-sync";
import { type BudgetReading, rateBudgetPolicy } from "../src/rate-budget-policy.js";
import { syncThrottles } from "../src/throttles.js";

const CONVERSATIONS = 10_000;
const PER_MINUTE = 200;
const WINDOW_MS = 60_000;
const STORE_RECORDS = 100_000;
const STORE_PAGE = Number(process.env.BENCH_STORE_PAGE ?? 50);
/** The fastest clock the brief suggests; slower when this machine cannot keep up with it. */
const MAX_SPEED = 60;
/** Keep the budget's pace at this share of the measured capacity, so the budget binds. */
const CAPACITY_SHARE = 0.6;

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const mb = (bytes: number) => bytes / 1024 / 1024;
const rssMb = () => mb(process.memoryUsage.rss());
const out = (line = "") => process.stdout.write(`${line}\n`);
const temp = () => mkdtempSync(join(tmpdir(), "helpscout-bench-"));

interface Result {
  metric: string;
  value: string;
  target: string;
  pass: boolean | undefined;
}
const results: Result[] = [];

/** Counts requests to `/v2/conversations` and keeps the rate readings. */
function recorder() {
  const readings: BudgetReading[] = [];
  let conversationRequests = 0;
  return {
    readings,
    get conversationRequests() {
      return conversationRequests;
    },
    policies: [
      rateBudgetPolicy("mailbox", (reading) => readings.push(reading)),
      async (request: PipelineRequest, next: RequestHandler) => {
        if (new URL(request.url).pathname === "/v2/conversations") conversationRequests += 1;
        return next(request);
      },
    ],
  };
}

async function tokenOf(url: string): Promise<string> {
  const form = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: "acme-app",
    client_secret: "acme-secret",
  });
  const answer = await fetch(`${url}/v2/oauth2/token`, { method: "POST", body: form });
  return ((await answer.json()) as { access_token: string }).access_token;
}

/** The raw paging loop: the same listing the sync reads, every page, nothing stored. */
async function rawLoop(mailbox: MailboxClient): Promise<{ records: number; seconds: number }> {
  const started = performance.now();
  let records = 0;
  for await (const page of paginatePages(mailbox, "/v2/conversations", {
    params: {
      query: { status: "all", embed: "threads", sortField: "modifiedAt", sortOrder: "asc" },
    },
  })) {
    records += page.items.length;
  }
  return { records, seconds: (performance.now() - started) / 1000 };
}

/** A sync of the conversations into a fresh PGlite store. */
async function syncRun(mailbox: MailboxClient) {
  const dir = temp();
  const store = createPgliteRecordStore({ dataDir: dir });
  try {
    await store.migrate();
    const started = performance.now();
    const summary = await runSync({
      store,
      connectionId: "acme",
      mailbox,
      models: ["conversations"],
    });
    const seconds = (performance.now() - started) / 1000;
    const counts = await store.counts("acme");
    return { summary, seconds, stored: counts.conversations ?? 0 };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Units used per rate window, from the `X-RateLimit-Remaining-Minute` of consecutive answers (a
 * request runs after the previous one answered, so a rise means a new window began).
 */
function windowsOf(readings: readonly BudgetReading[]): number[] {
  const used: number[] = [];
  let previous = Number.POSITIVE_INFINITY;
  for (const { remaining, limit } of readings) {
    if (remaining === undefined || limit === undefined) continue;
    if (remaining > previous || used.length === 0) used.push(0);
    used[used.length - 1] = limit - remaining;
    previous = remaining;
  }
  return used;
}

/** Waits until the emulator's clock starts a new rate window. */
async function nextWindow(running: RunningEmulator): Promise<void> {
  const { clock } = running.emulator;
  const left = WINDOW_MS - (clock.now() % WINDOW_MS);
  await new Promise((resolve) => setTimeout(resolve, left / clock.speed + 5));
}

async function main(): Promise<void> {
  const benchStarted = performance.now();
  out(
    `Sync benchmark: emulator over HTTP, ${CONVERSATIONS.toLocaleString("en-US")} conversations with threads embedded`,
  );
  // 3 (run first, while the process holds nothing else): RSS growth over 100,000 records.
  const growth = await storeRun();
  results.push({
    metric: `RSS growth, ${STORE_RECORDS.toLocaleString("en-US")} records via the store`,
    value: `${growth.growth >= 0 ? "+" : ""}${growth.growth.toFixed(1)} MB (${growth.before.toFixed(0)} → ${growth.after.toFixed(0)} MB, peak ${growth.peak.toFixed(0)}; ${growth.rate.toFixed(0)} records/s)`,
    target: "< 50 MB",
    pass: growth.growth < 50,
  });

  const running = await startEmulator({
    seed: 1,
    size: { conversations: CONVERSATIONS },
    clock: { startAt: Date.UTC(2026, 0, 1) },
    rateLimits: { enabled: false, mailboxPerMinute: PER_MINUTE },
  });
  const { emulator, url } = running;
  try {
    const accessToken = await tokenOf(url);

    // 1. Capacity: no rate limit, no throttle.
    const unlimited = { accessToken, baseUrl: url, throttle: false as const };
    const raw = await rawLoop(createMailboxClient(unlimited));
    const capacity = await syncRun(createMailboxClient(unlimited));
    const rawRate = raw.records / raw.seconds;
    const fetched = capacity.summary.models[0]?.fetched ?? 0;
    const syncRecordsPerSecond = capacity.stored / capacity.seconds;
    const capacityRequestsPerSecond = capacity.summary.requests / capacity.seconds;
    out(
      `  no rate limit: raw paging loop ${raw.records} records in ${raw.seconds.toFixed(1)} s; sync ${capacity.stored} stored (${fetched} fetched) in ${capacity.seconds.toFixed(1)} s, ${capacityRequestsPerSecond.toFixed(0)} requests/s`,
    );
    // Against Help Scout a minute allows 200 pages of 50: the store must keep up with that pace
    // for several accounts at once on one machine.
    const ratio = syncRecordsPerSecond / rawRate;
    const pace = (PER_MINUTE * 50) / 60;
    results.push({
      metric: "records/s, sync into PGlite (no limit)",
      value: `${syncRecordsPerSecond.toFixed(0)}/s = ${ratio.toFixed(2)}× raw paging loop ${rawRate.toFixed(0)}/s`,
      target: `≥ ${(5 * pace).toFixed(0)}/s (5 × 200 req/min)`,
      pass: syncRecordsPerSecond >= 5 * pace,
    });

    // 2. The budget: 200 a minute on a compressed clock the throttle shares.
    const speed = Math.max(
      1,
      Math.min(
        MAX_SPEED,
        Math.floor((capacityRequestsPerSecond * CAPACITY_SHARE * 60) / PER_MINUTE),
      ),
    );
    emulator.clock.speed = speed;
    emulator.rateLimits.enabled = true;
    out(
      `  rate limit ${PER_MINUTE}/min, clock ×${speed} (a minute every ${(60 / speed).toFixed(1)} s: ${((PER_MINUTE * speed) / 60).toFixed(0)} requests/s, ${(CAPACITY_SHARE * 100).toFixed(0)}% of the sync's capacity)`,
    );
    const record = recorder();
    const throttles = syncThrottles({ account: "acme", clock: emulator.clock });
    const limited = createMailboxClient({
      accessToken,
      baseUrl: url,
      throttle: throttles.mailbox,
      policies: record.policies,
    });
    await nextWindow(running);
    const rateLimitedBefore = emulator.stats.rateLimited;
    const emulatedStart = emulator.clock.now();
    gc();
    let peak = rssMb();
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMb());
    }, 20);
    const budgeted = await syncRun(limited).finally(() => clearInterval(sampler));
    peak = Math.max(peak, rssMb());
    const emulatedMinutes = (emulator.clock.now() - emulatedStart) / WINDOW_MS;
    const windows = windowsOf(record.readings);
    const full = windows.length > 1 ? windows.slice(0, -1) : windows;
    const share = full.reduce((a, b) => a + b, 0) / (PER_MINUTE * full.length);
    const perThousand = record.conversationRequests / (budgeted.stored / 1000);
    const tooMany = emulator.stats.rateLimited - rateLimitedBefore;
    out(
      `  at the limit: ${budgeted.stored} stored with ${record.conversationRequests} requests in ${emulatedMinutes.toFixed(2)} emulated minutes (${budgeted.seconds.toFixed(1)} s real); units per window: ${windows.join(", ")}`,
    );
    results.push(
      {
        metric: "requests per 1,000 conversations",
        value: perThousand.toFixed(1),
        target: "≤ 21",
        pass: perThousand <= 21,
      },
      {
        metric: "share of the rate budget used",
        value: `${(share * 100).toFixed(1)}% (windows before the last)`,
        target: "≥ 95%",
        pass: share >= 0.95,
      },
      { metric: "429 responses", value: String(tooMany), target: "0", pass: tooMany === 0 },
      {
        metric: "records/s at 200 req/min",
        value: `${(budgeted.stored / emulatedMinutes / 60).toFixed(0)} per emulated s (ceiling ${((PER_MINUTE * 50) / 60).toFixed(0)})`,
        target: "the budget's pace",
        pass: undefined,
      },
      {
        metric: "peak RSS during the sync",
        value: `${peak.toFixed(0)} MB (emulator in-process)`,
        target: "≤ 1024 MB",
        pass: peak <= 1024,
      },
    );
  } finally {
    await running.close();
  }

  out();
  const width = Math.max(...results.map((r) => r.metric.length));
  const valueWidth = Math.max(...results.map((r) => r.value.length));
  const targetWidth = Math.max(...results.map((r) => r.target.length));
  for (const r of results) {
    const verdict = r.pass === undefined ? "info" : r.pass ? "PASS" : "FAIL";
    out(
      `${r.metric.padEnd(width)}  ${r.value.padEnd(valueWidth)}  ${r.target.padEnd(targetWidth)}  ${verdict}`,
    );
  }
  out(`\n(benchmark took ${((performance.now() - benchStarted) / 1000).toFixed(0)} s)`);
  if (results.some((r) => r.pass === false)) process.exitCode = 1;
}

/** Commits {@link STORE_RECORDS} conversation-like records, {@link STORE_PAGE} per page. */
async function storeRun() {
  const dir = temp();
  const store = createPgliteRecordStore({ dataDir: dir });
  const now = new Date().toISOString();
  const commit = (page: number) =>
    store.commitPage({
      connectionId: "bench",
      model: "conversations",
      records: Array.from({ length: STORE_PAGE }, (_, k) =>
        syntheticConversation(page * STORE_PAGE + k),
      ),
      checkpoint: {
        runId: "bench",
        mode: "full",
        position: { page },
        watermark: null,
        complete: false,
        startedAt: now,
        updatedAt: now,
      },
    });
  try {
    await store.migrate();
    const pages = STORE_RECORDS / STORE_PAGE;
    const warmUp = Math.ceil(5000 / STORE_PAGE);
    for (let page = 0; page < warmUp; page += 1) await commit(page);
    gc();
    const before = rssMb();
    let peak = before;
    const started = performance.now();
    for (let page = warmUp; page < pages; page += 1) {
      await commit(page);
      if (page % 100 === 0) peak = Math.max(peak, rssMb());
    }
    const seconds = (performance.now() - started) / 1000;
    gc();
    const after = rssMb();
    const rate = (STORE_RECORDS - warmUp * STORE_PAGE) / seconds;
    return { before, after, peak: Math.max(peak, after), growth: after - before, rate };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A conversation-sized record (about 2 KB, three threads). */
function syntheticConversation(n: number) {
  const modifiedAt = new Date(Date.UTC(2026, 0, 1) + n * 1000)
    .toISOString()
    .replace(/\.\d+Z$/, "Z");
  return {
    id: String(n),
    lastModifiedAt: modifiedAt,
    payload: {
      id: n,
      number: 1000 + n,
      subject: `Question about order ${n}`,
      status: n % 3 === 0 ? "closed" : "active",
      mailboxId: 1 + (n % 3),
      customer: { id: 50_000 + (n % 997), email: `customer${n % 997}@example.com` },
      tags: [{ id: 7, tag: "billing" }],
      userUpdatedAt: modifiedAt,
      _embedded: {
        threads: [0, 1, 2].map((t) => ({
          id: n * 10 + t,
          type: t % 2 ? "message" : "customer",
          body: `<p>${"Thanks for the quick reply, it works now. ".repeat(10)}</p>`,
          createdAt: modifiedAt,
        })),
      },
    },
  };
}

await main();
