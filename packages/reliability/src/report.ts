/**
 * Prints one line of the suite's measurements (counts, seeds, timings) on stdout, prefixed so it
 * stands out in CI logs. Goes through `process.stdout`, so the transcript captures it too.
 */
export function report(scope: string, line: string): void {
  process.stdout.write(`[reliability] ${scope}: ${line}\n`);
}
