import { HelpScoutError } from "@terapi/helpscout-auth";
import { describe, expect, it } from "vitest";
import { SyncError, type SyncSummary } from "../src/index.js";
import { isPermanentSyncFailure } from "../src/queue/index.js";

const summary: SyncSummary = { connectionId: "acme", models: [], requests: 0, durationMs: 0 };
const failure = (code: string, status?: number) =>
  new HelpScoutError({
    code,
    message: `@terapi/helpscout-auth: ${code}`,
    ...(status ? { status } : {}),
  });
const syncFailed = (...errors: unknown[]) =>
  new SyncError({
    code: "sync_failed",
    message: "models failed",
    summary,
    failures: errors.map((error, i) => ({ model: `model-${i}`, error })),
  });

describe("isPermanentSyncFailure", () => {
  it.each([
    ["unauthorized", 401],
    ["forbidden", 403],
    ["payment_required", 402],
    ["bad_request", 400],
    ["needs_reauthorization", undefined],
    ["connection_not_found", undefined],
    ["configuration_error", undefined],
    ["encryption_key_missing", undefined],
  ])("fails a job at once on %s", (code, status) => {
    expect(isPermanentSyncFailure(failure(code, status))).toBe(true);
    expect(isPermanentSyncFailure(syncFailed(failure(code, status)))).toBe(true);
  });

  it.each([
    ["rate_limited", 429],
    ["server_error", 500],
    ["service_unavailable", 503],
    ["network_error", undefined],
    ["not_found", 404],
    ["invalid_response", undefined],
  ])("retries a job that failed with %s", (code, status) => {
    expect(isPermanentSyncFailure(failure(code, status))).toBe(false);
    expect(isPermanentSyncFailure(syncFailed(failure(code, status)))).toBe(false);
  });

  it("retries when any failed model may succeed next time, and on errors that are not Help Scout's", () => {
    expect(
      isPermanentSyncFailure(syncFailed(failure("forbidden", 403), failure("server_error", 500))),
    ).toBe(false);
    expect(isPermanentSyncFailure(new Error("Connection terminated unexpectedly"))).toBe(false);
    expect(
      isPermanentSyncFailure(
        new SyncError({ code: "aborted", message: "aborted", summary, failures: [] }),
      ),
    ).toBe(false);
  });
});
