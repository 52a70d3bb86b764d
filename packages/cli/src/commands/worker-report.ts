import type { SyncJobEvent } from "@terapi/helpscout-sync/queue";
import type { CliOutput } from "../io.js";

/** What a worker did so far, for its last line. */
export interface WorkerTally {
  synced: number;
  /** Failed attempts that BullMQ runs again. */
  retried: number;
  /** Jobs that failed for good. */
  failed: number;
}

/**
 * Writes one line per job event of `helpscout worker` (no per-page progress: a worker runs many
 * jobs at once) and counts the outcomes in `tally`.
 */
export function reportJobEvent(event: SyncJobEvent, out: CliOutput, tally: WorkerTally): void {
  const job = `${event.connectionId} ${event.model}`;
  const attempt = `attempt ${event.attempt}/${event.attempts}`;
  switch (event.type) {
    case "job-start":
      out.write(`${job}: started (${event.trigger}, ${attempt})\n`);
      return;
    case "job-done": {
      tally.synced += 1;
      const s = event.summary;
      out.write(
        `${job}: done ${s.mode}${s.resumed ? " (resumed)" : ""}: ${s.pages} pages, ${s.fetched} fetched, ${s.inserted} inserted, ${s.updated} updated, ${s.deleted} deleted, ${s.requests} requests, ${(s.durationMs / 1000).toFixed(1)} s\n`,
      );
      return;
    }
    case "job-failed": {
      const reason = event.error instanceof Error ? event.error.message : String(event.error);
      if (event.outcome === "retry") tally.retried += 1;
      else tally.failed += 1;
      const next = event.outcome === "retry" ? "will retry" : "gave up";
      out.write(`${job}: failed (${attempt}, ${next}): ${reason}\n`);
      return;
    }
    case "job-busy":
      out.write(
        `${job}: already running elsewhere, ${event.action === "skipped" ? "skipped" : `retrying in ${event.retryInMs ?? 0} ms`}\n`,
      );
      return;
    case "job-interrupted":
      out.write(`${job}: interrupted, back on the queue (committed pages kept)\n`);
      return;
    case "job-progress":
      return;
  }
}
