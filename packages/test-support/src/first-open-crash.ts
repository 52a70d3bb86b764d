import { spawn } from "node:child_process";
import { join } from "node:path";

/** How one worker run ended. */
export interface WorkerRun {
  /** Whether the worker printed `migrated` before it ended. */
  migrated: boolean;
  /** The signal that ended it, if any. */
  signal: NodeJS.Signals | null;
}

/**
 * Runs `node --import tsx <worker> <dataDir>` from `cwd` and SIGKILLs it `killAfterMs` after it
 * prints `opening` (the moment it starts opening its store).
 */
export function runAndKill(
  cwd: string,
  worker: string,
  dataDir: string,
  killAfterMs: number,
): Promise<WorkerRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", worker, dataDir], {
      cwd,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      output += chunk;
      if (timer === undefined && output.includes("opening\n")) {
        timer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
      }
    });
    child.on("error", reject);
    child.on("exit", (_code, signal) => {
      clearTimeout(timer);
      resolve({ migrated: output.includes("migrated\n"), signal });
    });
  });
}

/** Options of {@link killDuringFirstOpen}. */
export interface FirstOpenCrashOptions {
  /** The package directory the worker runs from. */
  cwd: string;
  /** The worker script (relative to `cwd`): opens a store on its argument, printing `opening`/`migrated`. */
  worker: string;
  /** A directory for the rounds' data directories (`crash-<round>`). */
  root: string;
  /** One round per entry: ms after `opening` at which the worker is SIGKILLed. */
  killAfterMs: readonly number[];
  /** Opens a store on the round's data directory and checks it works; throws if not. */
  reopen(dataDir: string, round: number): Promise<void>;
}

/**
 * Per round, SIGKILLs a worker while it opens a store on a fresh directory, then `reopen`s it.
 * Resolves with how many kills landed before the worker finished migrating: a test proves
 * something only when that is most of them.
 */
export async function killDuringFirstOpen(options: FirstOpenCrashOptions): Promise<number> {
  let killedBeforeMigrated = 0;
  for (const [round, killAfterMs] of options.killAfterMs.entries()) {
    const dataDir = join(options.root, `crash-${round}`);
    const run = await runAndKill(options.cwd, options.worker, dataDir, killAfterMs);
    if (run.signal === "SIGKILL" && !run.migrated) killedBeforeMigrated += 1;
    await options.reopen(dataDir, round);
  }
  return killedBeforeMigrated;
}
