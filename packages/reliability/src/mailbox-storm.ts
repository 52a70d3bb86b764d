import { createHash } from "node:crypto";
import type { ConnectionProvider } from "@terapi/helpscout-auth";
import { createMailboxClient, isHelpScoutError } from "@terapi/helpscout-mailbox";

/** What a storm of concurrent calls did. */
export interface StormResult {
  calls: number;
  /** Calls that returned the user. */
  ok: number;
  /** Failed calls by error code (`unknown` for an error that is not a HelpScoutError). */
  failures: Record<string, number>;
  /** 401 answers the transport saw (each replayed once with a renewed token). */
  unauthorized: number;
  /**
   * The distinct bearer tokens of the successful answers, as 12-character SHA-256 prefixes (the
   * tokens themselves are secrets and never printed).
   */
  tokens: string[];
  /** The errors themselves, for the transcript. */
  errors: unknown[];
}

const fingerprint = (token: string) =>
  createHash("sha256").update(token).digest("hex").slice(0, 12);

/**
 * Fires `calls` concurrent `GET /v2/users/me` through a Mailbox client over the stored connection
 * `connectionId` (throttle off: this is about refresh, not pacing), watching the bearer tokens on
 * the wire.
 */
export async function mailboxStorm(options: {
  terapi: ConnectionProvider;
  connectionId: string;
  url: string;
  calls: number;
}): Promise<StormResult> {
  const tokens = new Set<string>();
  let unauthorized = 0;
  const mailbox = createMailboxClient({
    connection: {
      terapi: options.terapi,
      providerConfigKey: "helpscout-mailbox",
      connectionId: options.connectionId,
    },
    baseUrl: options.url,
    throttle: false,
    fetch: async (input, init) => {
      const response = await globalThis.fetch(input, init);
      // The pipeline calls its transport as fetch(url, init).
      const authorization = new Headers(init?.headers).get("authorization");
      if (response.status === 401) unauthorized += 1;
      if (response.ok && authorization) tokens.add(fingerprint(authorization.slice(7)));
      return response;
    },
  });
  const result: StormResult = {
    calls: options.calls,
    ok: 0,
    failures: {},
    unauthorized: 0,
    tokens: [],
    errors: [],
  };
  await Promise.all(
    Array.from({ length: options.calls }, async () => {
      try {
        const { data } = await mailbox.GET("/v2/users/me");
        if (typeof data?.id === "number") result.ok += 1;
        else result.failures.no_user = (result.failures.no_user ?? 0) + 1;
      } catch (error) {
        const code = isHelpScoutError(error) ? error.code : "unknown";
        result.failures[code] = (result.failures[code] ?? 0) + 1;
        result.errors.push(error);
      }
    }),
  );
  result.unauthorized = unauthorized;
  result.tokens = [...tokens];
  return result;
}
