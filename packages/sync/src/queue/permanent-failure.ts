import { isHelpScoutError } from "@terapi/helpscout-auth";
import { SyncError } from "../sync-error.js";

/**
 * Error codes that another attempt cannot fix: the credentials are refused or gone (the pipeline
 * already refreshed and replayed once before a 401 gets here), the plan or the user's role forbids
 * the endpoint, or the job itself is wrong. Rate limits, 5xx, network errors, `not_found` (an
 * object deleted between two listings) and store errors are retried.
 */
export const PERMANENT_ERROR_CODES: ReadonlySet<string> = new Set([
  "unauthorized",
  "payment_required",
  "forbidden",
  "bad_request",
  "needs_reauthorization",
  "connection_not_found",
  "configuration_error",
  "encryption_key_missing",
]);

/**
 * Whether a failed sync job should fail at once instead of being retried: a `HelpScoutError` with
 * a {@link PERMANENT_ERROR_CODES} code, or a `SyncError` whose every failed model failed so.
 */
export function isPermanentSyncFailure(error: unknown): boolean {
  if (error instanceof SyncError) {
    return (
      error.code === "sync_failed" &&
      error.failures.length > 0 &&
      error.failures.every((failure) => isPermanentSyncFailure(failure.error))
    );
  }
  return isHelpScoutError(error) && PERMANENT_ERROR_CODES.has(String(error.code));
}
