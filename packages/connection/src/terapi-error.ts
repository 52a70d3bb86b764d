import { HelpScoutError, type HelpScoutErrorCode } from "@terapi/helpscout-auth";

/** Every message this package writes starts with its name, so logs say where an error came from. */
export const PREFIX = "@terapi/connection:";

/**
 * A {@link HelpScoutError} raised by this package itself (no HTTP answer involved): an unknown
 * connection, a bad OAuth state, a missing client secret…
 *
 * @param code - The machine-readable reason, e.g. `connection_not_found`.
 * @param message - What happened and what to do next; the package prefix is added. Must not hold
 *   a secret.
 * @internal
 */
export function terapiError(code: HelpScoutErrorCode, message: string): HelpScoutError {
  return new HelpScoutError({ code, message: `${PREFIX} ${message}` });
}
