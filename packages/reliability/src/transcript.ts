import { inspect } from "node:util";

/** One captured piece of output: where it came from and what it said. */
export interface TranscriptEntry {
  source: string;
  text: string;
}

/**
 * Everything a test file saw: its own process's stdout, stderr, console and warnings (captured by
 * `test/setup/capture-output.ts`), child processes' output, CLI output, and every caught error in
 * all its serialisations. Scanned for canary secrets when the file ends.
 */
export class Transcript {
  readonly #entries: TranscriptEntry[] = [];

  /** Adds output from `source` (e.g. `stdout`, `worker 3 stderr`). */
  add(source: string, text: string): void {
    if (text !== "") this.#entries.push({ source, text });
  }

  /**
   * Adds an error the way logs and APIs would show it: `String(e)`, `e.stack`, `JSON.stringify(e)`
   * and `util.inspect(e, { depth: 10 })`, for it and each error in its `cause` chain (and the
   * `errors` of an AggregateError, and the `failures` of a SyncError).
   */
  addError(source: string, error: unknown): void {
    for (const [index, part] of errorChain(error).entries()) {
      const label = `${source} ${index === 0 ? "error" : `cause ${index}`}`;
      this.add(`${label} String`, String(part));
      if (part instanceof Error) this.add(`${label} stack`, part.stack ?? "");
      this.add(`${label} JSON`, safeJson(part));
      this.add(`${label} inspect`, inspect(part, { depth: 10 }));
    }
  }

  /** All captured text, one entry per line group, labelled by source. */
  text(): string {
    return this.#entries.map(({ source, text }) => `[${source}] ${text}`).join("\n");
  }

  /** How many pieces of output were captured. */
  get size(): number {
    return this.#entries.length;
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "undefined";
  } catch (error) {
    return `(not serialisable: ${(error as Error).message})`;
  }
}

/** The error, its causes, and the errors it aggregates, each once. */
function errorChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && chain.length < 50) {
    const next = queue.shift();
    if (next === undefined || next === null || chain.includes(next)) continue;
    chain.push(next);
    if (typeof next !== "object") continue;
    const { cause, errors, failures } = next as {
      cause?: unknown;
      errors?: unknown;
      failures?: unknown;
    };
    queue.push(cause);
    if (Array.isArray(errors)) queue.push(...errors);
    if (Array.isArray(failures)) {
      queue.push(...failures.map((failure) => (failure as { error?: unknown })?.error));
    }
  }
  return chain;
}

/** The transcript of the test file running in this worker (one per file: files are isolated). */
export const transcript = new Transcript();
