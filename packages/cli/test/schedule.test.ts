import { randomBytes } from "node:crypto";
import { syncModels } from "@terapi/helpscout-sync";
import { createSyncQueue } from "@terapi/helpscout-sync/queue";
import { redisAvailable, TEST_REDIS_URL } from "@terapi/test-support";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { leakedSecrets, runCli } from "./fixtures/run-cli.js";

/** Nothing listens on port 1: a command that tried to reach it would fail with exit 1. */
const NO_REDIS = "redis://127.0.0.1:1";

const available = await redisAvailable();
const prefixes: string[] = [];

/** A key prefix of this test only, deleted after it. */
function freshPrefix(): string {
  const prefix = `test-schedule-${randomBytes(4).toString("hex")}`;
  prefixes.push(prefix);
  return prefix;
}

/** The queue under `prefix`, read directly: scheduler count and job counts. */
async function queueState(prefix: string) {
  const syncs = createSyncQueue({ connection: TEST_REDIS_URL, prefix });
  try {
    const schedulers = await syncs.queue.getJobSchedulers(0, -1, true);
    return { schedulers, counts: await syncs.counts() };
  } finally {
    await syncs.close();
  }
}

async function keysUnder(prefix: string): Promise<string[]> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    return await redis.keys(`${prefix}:*`);
  } finally {
    redis.disconnect();
  }
}

afterEach(async () => {
  const redis = new Redis(TEST_REDIS_URL);
  for (const prefix of prefixes.splice(0)) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  }
  redis.disconnect();
});

const schedule = (prefix: string, ...args: string[]) =>
  runCli(["schedule", "--redis", TEST_REDIS_URL, "--prefix", prefix, ...args]);

describe.skipIf(!available)("helpscout schedule", () => {
  it("schedules every model once per connection, however often it runs, and removes them", async () => {
    const prefix = freshPrefix();

    const first = await schedule(prefix, "--connection", "acme", "--every", "15m");
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout.trimEnd().split("\n")).toEqual(
      syncModels.map((model) => `acme ${model.name}: scheduled every 15m`),
    );
    const again = await schedule(prefix, "--connection", "acme", "--every", "1h30m", "--full");
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("acme conversations: scheduled every 1h30m (full)");
    await schedule(prefix, "--connection", "globex", "--models", "mailboxes", "--every", "90s");

    const { schedulers } = await queueState(prefix);
    const acme = schedulers.filter((s) => s.template?.data?.connectionId === "acme");
    expect(acme).toHaveLength(syncModels.length);
    expect(new Set(acme.map((s) => s.every))).toEqual(new Set([90 * 60_000]));
    expect(acme.every((s) => s.template?.data?.full === true)).toBe(true);
    expect(schedulers).toHaveLength(syncModels.length + 1);

    const inspected = await schedule(prefix, "--connection", "globex");
    expect(inspected.code, inspected.stderr).toBe(0);
    expect(inspected.stdout).toMatch(
      new RegExp(`^queue ${prefix}:sync on redis://[^ ]+: \\d+ waiting, 0 active, `, "m"),
    );
    expect(inspected.stdout).toMatch(/^globex mailboxes: every 1m30s, next run \d{4}-/m);
    expect(inspected.stdout).not.toContain("acme");

    const removed = await schedule(prefix, "--connection", "acme", "--remove");
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toContain("acme conversations: removed");
    const left = (await queueState(prefix)).schedulers;
    expect(left.map((s) => s.template?.data?.connectionId)).toEqual(["globex"]);

    const none = await schedule(prefix, "--connection", "acme", "--remove", "--json");
    expect(
      none.stdout
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line)),
    ).toContainEqual({
      connection: "acme",
      model: "conversations",
      action: "not-scheduled",
    });
  });

  it("--now enqueues one waiting job per model, not a second one while it waits", async () => {
    const prefix = freshPrefix();
    const args = ["--connection", "acme", "--models", "conversations,articles", "--now", "--json"];

    const run = await schedule(prefix, ...args);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([
      { connection: "acme", model: "conversations", action: "enqueued", jobId: expect.any(String) },
      { connection: "acme", model: "articles", action: "enqueued", jobId: expect.any(String) },
    ]);
    expect((await schedule(prefix, ...args)).code).toBe(0);

    const { counts, schedulers } = await queueState(prefix);
    expect(counts.waiting).toBe(2);
    expect(schedulers).toEqual([]);

    const inspected = await schedule(prefix, "--connection", "acme", "--json");
    expect(JSON.parse(inspected.stdout.split("\n")[0] ?? "")).toMatchObject({
      queue: `${prefix}:sync`,
      waiting: 2,
      active: 0,
      failed: 0,
    });
  });

  it.each([
    [["--connection", "acme", "--every", "15m"], "--redis is required"],
    [["--redis", "http://x:hunter22@h", "--connection", "a"], "--redis must be a redis:// URL"],
    [["--redis", NO_REDIS, "--every", "15m"], "--connection is required"],
    [["--redis", NO_REDIS, "--connection", "a", "--every", "15"], "--every must be a duration"],
    [["--redis", NO_REDIS, "--connection", "a", "--every", "500ms"], "--every must be a duration"],
    [["--redis", NO_REDIS, "--connection", "a", "--every", "0s"], "--every must be a duration"],
    [
      ["--redis", NO_REDIS, "--connection", "a", "--models", "tickets", "--now"],
      '--models takes "all" or models from: mailboxes,',
    ],
    [["--redis", NO_REDIS, "--connection", "a", "--remove", "--now"], "--remove cannot go with"],
    [["--redis", NO_REDIS, "--connection", "a", "--full"], "--models and --full go with"],
    [["--redis", NO_REDIS, "--connection", "a", "--soon"], "Unknown option '--soon'"],
  ])("helpscout schedule %j exits 2 before touching Redis", async (argv, message) => {
    const run = await runCli(["schedule", ...argv]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`helpscout: ${message}`);
    expect(run.stderr).toContain("Usage: helpscout schedule");
    expect(run.stdout).toBe("");
    expect(run.stderr).not.toContain("hunter22");
  });

  it("names the unknown model and lists the valid ones", async () => {
    const run = await runCli([
      "schedule",
      "--redis",
      NO_REDIS,
      "--connection",
      "a",
      "--models",
      "conversations,tickets",
      "--now",
    ]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `models from: ${syncModels.map((m) => m.name).join(", ")}; got "tickets"`,
    );
  });

  it("adds no key to Redis for a bad command line", async () => {
    const prefix = freshPrefix();
    const run = await schedule(prefix, "--connection", "acme", "--every", "soon");

    expect(run.code).toBe(2);
    expect(await keysUnder(prefix)).toEqual([]);
  });

  it("never prints the password of --redis, whether Redis answers or not", async () => {
    const withPassword = new URL(TEST_REDIS_URL);
    if (!withPassword.password) {
      // The default user of a Redis without a password accepts any password given with its name.
      withPassword.username ||= "default";
      withPassword.password = `pw-${randomBytes(6).toString("hex")}`;
    }
    const password = decodeURIComponent(withPassword.password);
    const prefix = freshPrefix();

    const ok = await runCli([
      "schedule",
      "--redis",
      withPassword.toString(),
      "--prefix",
      prefix,
      "--connection",
      "acme",
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`queue ${prefix}:sync on redis://${withPassword.host}`);

    const unreachable = new URL(NO_REDIS);
    unreachable.username = "admin";
    unreachable.password = password;
    const failed = await runCli([
      "schedule",
      "--redis",
      unreachable.toString(),
      "--connection",
      "acme",
      "--now",
    ]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^helpscout: cannot reach Redis at redis:\/\/127\.0\.0\.1:1: /);

    expect(
      leakedSecrets(ok.stdout + ok.stderr + failed.stdout + failed.stderr, [password]),
    ).toEqual([]);
  });
});

describe("helpscout schedule --help", () => {
  it("prints the usage on stdout and exits 0", async () => {
    const run = await runCli(["schedule", "--help"]);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: helpscout schedule --redis URL --connection ID");
    expect(run.stderr).toBe("");
  });
});
