import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Transcript } from "./transcript.js";

/** The package directory: child scripts run from here, so `--import tsx` resolves. */
export const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");

/** A child Node process whose output goes to the transcript. */
export interface NodeProcess {
  child: ChildProcess;
  /** stdout so far. */
  stdout(): string;
  /** Resolves when the process exits: code (null when killed) and signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when stdout contains `text` (rejects if the process exits first). */
  waitFor(text: string): Promise<void>;
}

/** Options of {@link startNode}. */
export interface StartNodeOptions {
  /** Arguments after the script. */
  args?: readonly string[];
  /** Environment added to this process's. */
  env?: Record<string, string>;
  /** Where stdout and stderr are recorded, labelled with `label`. */
  transcript: Transcript;
  label: string;
}

/**
 * Runs a TypeScript script of this package in a new Node process (`node --import tsx`), with
 * stdin open (to send it "go") and its stdout and stderr recorded in the transcript.
 */
export function startNode(script: string, options: StartNodeOptions): NodeProcess {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...(options.args ?? [])], {
    cwd: PACKAGE_DIR,
    env: { ...process.env, ...options.env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  const waiters: Array<{ text: string; resolve: () => void }> = [];
  child.stdout?.on("data", (chunk: Buffer) => {
    const text = chunk.toString();
    stdout += text;
    options.transcript.add(`${options.label} stdout`, text);
    for (const waiter of waiters.filter((w) => stdout.includes(w.text))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    options.transcript.add(`${options.label} stderr`, chunk.toString());
  });
  child.stdin?.on("error", () => {});
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    stdout: () => stdout,
    exited,
    waitFor(text) {
      if (stdout.includes(text)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        waiters.push({ text, resolve });
        void exited.then(({ code, signal }) =>
          reject(
            new Error(`${options.label} exited (${signal ?? code}) before printing "${text}"`),
          ),
        );
      });
    },
  };
}
