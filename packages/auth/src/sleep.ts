import { HelpScoutError } from "./errors.js";

/** An abort-aware wait; {@link sleep} is the default, tests inject their own. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * Waits `ms` milliseconds, or rejects as soon as `signal` aborts, with a {@link HelpScoutError}
 * of code `aborted` whose `cause` is the signal's reason. A signal that is already aborted
 * rejects at once. The timer is cleared on abort, so an aborted wait keeps no process alive.
 *
 * @param ms - How long to wait; negative counts as 0.
 * @param signal - Usually the request's `signal`, so cancelling a call also ends its waits.
 * @example
 * await sleep(error.retryAfterMs ?? 1000, request.signal);
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortedWhileWaiting(ms, signal));
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedWhileWaiting(ms, signal));
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function abortedWhileWaiting(ms: number, signal: AbortSignal | undefined): HelpScoutError {
  return new HelpScoutError({
    code: "aborted",
    message: `@terapi/helpscout-auth: the request was aborted during a wait of ${Math.max(0, Math.round(ms))} ms and was not sent after it.`,
    cause: signal?.reason,
  });
}
