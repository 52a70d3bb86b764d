import { HelpScoutError } from "@terapi/helpscout-auth";
import type { SyncSummary } from "./run-sync.js";

/** One model that did not finish, and why. */
export interface ModelFailure {
  model: string;
  /** What it threw: usually a `HelpScoutError` from the API client or the store. */
  error: unknown;
}

/**
 * A sync in which some models failed (`code: "sync_failed"`) or that was aborted
 * (`code: "aborted"`). What was committed stays committed: the next run resumes from each
 * model's checkpoint. `summary` holds what every model did, the failed ones included.
 */
export class SyncError extends HelpScoutError {
  /** What every model did before the run ended. */
  readonly summary: SyncSummary;
  /** The models that failed, in the order they failed. */
  readonly failures: readonly ModelFailure[];

  constructor(init: {
    code: "sync_failed" | "aborted";
    message: string;
    summary: SyncSummary;
    failures: readonly ModelFailure[];
  }) {
    super({ code: init.code, message: init.message, cause: init.failures[0]?.error });
    this.summary = init.summary;
    this.failures = init.failures;
  }
}
