import { createSyncQueue, type SyncQueue } from "@terapi/helpscout-sync/queue";
import type { CliIo } from "../io.js";
import { MODEL_NAMES } from "../models.js";
import { connectRedis, hostOf } from "../redis-connection.js";
import { parseFlags, UsageError } from "../usage-error.js";

/** `helpscout schedule --help`. */
export const SCHEDULE_USAGE = `Usage: helpscout schedule --redis URL --connection ID [options]

Puts sync jobs of one connection on the queue that \`helpscout worker\` runs: --every schedules
each model to sync at that interval (scheduling again replaces the interval, it never adds a
second schedule), --now asks for a run of each model now (a model already waiting is not queued
twice), --remove removes the connection's schedules. Without any of the three, prints how many
jobs are in each state and the connection's schedules. One line per model on stdout.

Options:
  --redis URL          the queue's Redis, redis://[user:password@]host:6379
  --connection ID      the connection whose models to schedule (as stored for the worker)
  --models a,b|all     only these models (default all; see Models below)
  --every DURATION     sync each model every DURATION: 90s, 15m, 1h, 1h30m, 1d (at least 1s)
  --now                enqueue a run of each model now (with --every too: both)
  --remove             remove the schedules of the models
  --full               the runs list everything again and mark records gone upstream as deleted
  --prefix NAME        Redis key prefix of the queue (default helpscout), as for the worker
  --queue NAME         queue name (default sync), as for the worker
  --json               one JSON object per line (NDJSON) instead of text
  --help               show this help

Models:
  ${MODEL_NAMES.join(", ")}
`;

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `helpscout schedule`: schedules, enqueues or unschedules one connection's sync jobs. */
export async function scheduleCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    {
      redis: { type: "string" },
      connection: { type: "string" },
      models: { type: "string" },
      every: { type: "string" },
      now: { type: "boolean" },
      remove: { type: "boolean" },
      full: { type: "boolean" },
      prefix: { type: "string" },
      queue: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    SCHEDULE_USAGE,
  );
  if (values.help) {
    io.stdout.write(SCHEDULE_USAGE);
    return 0;
  }
  if (positionals.length > 0) {
    throw new UsageError(`unexpected argument "${positionals[0]}"`, SCHEDULE_USAGE);
  }
  const redisUrl = redisUrlOf(values.redis);
  const connectionId = values.connection?.trim();
  if (!connectionId) throw new UsageError("--connection is required", SCHEDULE_USAGE);
  const models = modelsOf(values.models);
  const everyMs = values.every === undefined ? undefined : durationMs(values.every);
  if (values.remove && (everyMs !== undefined || values.now)) {
    throw new UsageError("--remove cannot go with --every or --now", SCHEDULE_USAGE);
  }
  const acts = everyMs !== undefined || values.now === true || values.remove === true;
  if (!acts && (values.models !== undefined || values.full)) {
    throw new UsageError("--models and --full go with --every, --now or --remove", SCHEDULE_USAGE);
  }
  if (values.remove && values.full) {
    throw new UsageError("--full goes with --every or --now", SCHEDULE_USAGE);
  }
  const prefix = values.prefix ?? "helpscout";
  const queueName = values.queue ?? "sync";
  const print = printer(io, values.json === true);

  const redis = await connectRedis(redisUrl);
  try {
    const syncs = createSyncQueue({ connection: redis, prefix, queueName });
    try {
      const selection = { connectionId, models, full: values.full === true };
      if (everyMs !== undefined) {
        await syncs.schedule({ ...selection, everyMs });
        for (const model of models) {
          print({ connection: connectionId, model, action: "scheduled", everyMs }, (line) =>
            line(`scheduled every ${formatDuration(everyMs)}${values.full ? " (full)" : ""}`),
          );
        }
      }
      if (values.now) {
        for (const { model, jobId } of await syncs.enqueue(selection)) {
          print({ connection: connectionId, model, action: "enqueued", jobId }, (line) =>
            line(`enqueued${values.full ? " (full)" : ""}, job ${jobId}`),
          );
        }
      }
      if (values.remove) {
        for (const model of models) {
          const removed = (await syncs.unschedule({ connectionId, models: [model] })) > 0;
          print(
            { connection: connectionId, model, action: removed ? "removed" : "not-scheduled" },
            (line) => line(removed ? "removed" : "was not scheduled"),
          );
        }
      }
      if (!acts) await inspect(syncs, connectionId, `${prefix}:${queueName}`, redisUrl, print);
      return 0;
    } finally {
      await syncs.close();
    }
  } finally {
    redis.disconnect();
  }
}

type Print = (
  record: Record<string, unknown>,
  text: (line: (rest: string) => void) => void,
) => void;

/** Writes `record` as one NDJSON line, or the text the caller composes after `connection model:`. */
function printer(io: CliIo, json: boolean): Print {
  return (record, text) => {
    if (json) {
      io.stdout.write(`${JSON.stringify(record)}\n`);
      return;
    }
    text((rest) => {
      const subject = record.model === undefined ? "" : `${record.connection} ${record.model}: `;
      io.stdout.write(`${subject}${rest}\n`);
    });
  };
}

/** Prints the queue's job counts, then the connection's schedules, one per model. */
async function inspect(
  syncs: SyncQueue,
  connectionId: string,
  queue: string,
  redisUrl: string,
  print: Print,
): Promise<void> {
  const counts = await syncs.counts();
  const states = Object.entries(counts).map(([state, n]) => `${n} ${state}`);
  print({ queue, redis: hostOf(redisUrl), ...counts }, (line) =>
    line(`queue ${queue} on ${hostOf(redisUrl)}: ${states.join(", ")}`),
  );
  const schedulers = await syncs.queue.getJobSchedulers(0, -1, true);
  const ours = schedulers.filter((s) => s.template?.data?.connectionId === connectionId);
  for (const scheduler of ours) {
    const model = scheduler.name;
    const next = scheduler.next === undefined ? undefined : new Date(scheduler.next).toISOString();
    const full = scheduler.template?.data?.full === true;
    print(
      {
        connection: connectionId,
        model,
        action: "scheduled",
        everyMs: scheduler.every,
        next,
        full,
      },
      (line) =>
        line(
          `every ${scheduler.every === undefined ? "?" : formatDuration(scheduler.every)}${full ? " (full)" : ""}, next run ${next ?? "not planned"}`,
        ),
    );
  }
  if (ours.length === 0) {
    print({ connection: connectionId, schedules: 0 }, (line) =>
      line(`no schedules for connection ${connectionId}`),
    );
  }
}

/** `--redis`: required, a redis:// or rediss:// URL; the message never repeats the value. */
function redisUrlOf(value: string | undefined): string {
  if (value === undefined || value.trim() === "") {
    throw new UsageError("--redis is required", SCHEDULE_USAGE);
  }
  if (!URL.canParse(value) || !["redis:", "rediss:"].includes(new URL(value).protocol)) {
    throw new UsageError("--redis must be a redis:// URL", SCHEDULE_USAGE);
  }
  return value;
}

/** `--models`: names from {@link MODEL_NAMES}, or `all` (also the default). */
function modelsOf(flag: string | undefined): string[] {
  if (flag === undefined || flag.trim() === "all") return [...MODEL_NAMES];
  const asked = flag
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = asked.find((name) => !MODEL_NAMES.includes(name));
  if (unknown !== undefined || asked.length === 0) {
    throw new UsageError(
      `--models takes "all" or models from: ${MODEL_NAMES.join(", ")}${unknown ? `; got "${unknown}"` : ""}`,
      SCHEDULE_USAGE,
    );
  }
  return [...new Set(asked)];
}

/** `--every`: whole numbers with a unit, `90s`, `15m`, `1h30m`, `1d`, at least one second. */
function durationMs(value: string): number {
  const text = value.trim().toLowerCase();
  const ms = /^(\d+[smhd])+$/.test(text)
    ? [...text.matchAll(/(\d+)([smhd])/g)].reduce(
        (sum, [, n, unit]) => sum + Number(n) * (UNIT_MS[unit ?? ""] ?? Number.NaN),
        0,
      )
    : Number.NaN;
  if (!(Number.isSafeInteger(ms) && ms >= 1000)) {
    throw new UsageError(
      `--every must be a duration of at least 1s such as 90s, 15m, 1h or 1h30m, got "${value}"`,
      SCHEDULE_USAGE,
    );
  }
  return ms;
}

/** `5400000` → `1h30m`. */
function formatDuration(ms: number): string {
  let rest = Math.round(ms / 1000);
  const parts: string[] = [];
  for (const [unit, size] of [
    ["d", 86_400],
    ["h", 3600],
    ["m", 60],
    ["s", 1],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join("") || "0s";
}
