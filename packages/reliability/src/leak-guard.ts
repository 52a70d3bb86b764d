import { afterAll, expect } from "vitest";
import { findLeaks } from "./leak-scan.js";
import { report } from "./report.js";
import { transcript } from "./transcript.js";

/**
 * Registers the test file's leak check: after everything else of the file (its tests and their
 * clean-up; call this first, hooks run last-registered-first), the whole transcript is scanned
 * for every secret `secrets()` names, in plain, URL-, form- and base64-encoded forms.
 */
export function guardAgainstLeaks(scope: string, secrets: () => Record<string, string>): void {
  afterAll(() => {
    const named = secrets();
    const leaks = findLeaks(transcript.text(), named);
    report(
      scope,
      `scanned ${transcript.size} captured outputs and error serialisations for ${Object.keys(named).length} secrets: ${leaks.length} leaks`,
    );
    expect(leaks, "secrets found in the captured output").toEqual([]);
  });
}
