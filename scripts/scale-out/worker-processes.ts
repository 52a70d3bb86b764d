import { type ChildProcess, spawn } from "node:child_process";
import { dirname, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** The built `helpscout` command (`pnpm --filter @terapi/helpscout-cli build`). */
export const HELPSCOUT_BIN = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../../packages/cli/dist/bin/helpscout.js",
);

/** Where the worker processes find the queue, the database and the emulator. */
export interface WorkerSetup {
  redisUrl: string;
  databaseUrl: string;
  prefix: string;
  concurrency: number;
  /** The accounts' limits, which the workers' throttles start from. */
  mailboxPerMinute: number;
  docsPerTenMinutes: number;
  /** Share of each budget the workers leave unused (headroom for requests in flight). */
  reserve: number;
  emulatorUrl: string;
  encryptionKey: string;
  /** Each worker's output lines, tagged with its index. */
  onLine?: (worker: number, line: string) => void;
}

/** Worker processes that are running. */
export interface WorkerProcesses {
  /** Lines `… failed (…)` the workers printed. */
  failures: string[];
  /** SIGTERM to each (graceful: running syncs go back to the queue), then waits for the exits. */
  stop(): Promise<number[]>;
}

/**
 * Starts `count` separate `helpscout worker` processes and resolves once every one of them says
 * it is ready (connected to Redis and Postgres, taking jobs).
 */
export async function startWorkers(count: number, setup: WorkerSetup): Promise<WorkerProcesses> {
  const children: ChildProcess[] = [];
  const failures: string[] = [];
  const ready: Promise<void>[] = [];
  for (let index = 0; index < count; index += 1) {
    const child = spawn(
      process.execPath,
      [
        HELPSCOUT_BIN,
        "worker",
        "--redis",
        setup.redisUrl,
        "--db",
        setup.databaseUrl,
        "--prefix",
        setup.prefix,
        "--concurrency",
        String(setup.concurrency),
        "--mailbox-per-minute",
        String(setup.mailboxPerMinute),
        "--docs-per-ten-minutes",
        String(setup.docsPerTenMinutes),
        "--reserve",
        String(setup.reserve),
      ],
      {
        env: {
          ...process.env,
          HELPSCOUT_EMULATOR_URL: setup.emulatorUrl,
          TERAPI_ENCRYPTION_KEY: setup.encryptionKey,
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    children.push(child);
    const stderr: string[] = [];
    createInterface({ input: child.stderr ?? process.stdin }).on("line", (line) => {
      stderr.push(line);
      setup.onLine?.(index, line);
    });
    ready.push(
      new Promise<void>((resolveReady, reject) => {
        createInterface({ input: child.stdout ?? process.stdin }).on("line", (line) => {
          if (line.startsWith("worker ready")) resolveReady();
          if (line.includes(": failed (")) failures.push(line);
          setup.onLine?.(index, line);
        });
        child.once("exit", (code) =>
          reject(
            new Error(
              `worker ${index} exited (${code}) before it was ready:\n${stderr.join("\n")}`,
            ),
          ),
        );
      }),
    );
  }
  try {
    await Promise.all(ready);
  } catch (error) {
    for (const child of children) child.kill("SIGKILL");
    throw error;
  }
  return {
    failures,
    stop: () =>
      Promise.all(
        children.map(
          (child) =>
            new Promise<number>((resolveExit) => {
              if (child.exitCode !== null) return resolveExit(child.exitCode);
              child.once("exit", (code) => resolveExit(code ?? 1));
              child.kill("SIGTERM");
            }),
        ),
      ),
  };
}
