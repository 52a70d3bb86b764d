import {
  bearerTokenPolicy,
  createHelpScoutFetch,
  type FetchFunction,
  type Policy,
  staticTokenSource,
  type TokenSource,
} from "@terapi/helpscout-auth";
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./generated/mailbox-api.js";

/** Help Scout's Mailbox API host; paths carry the `/v2` (or `/v3`) prefix. */
export const MAILBOX_BASE_URL = "https://api.helpscout.net";

/** A typed openapi-fetch client for every Mailbox API 2.0 endpoint (and the v3 reads). */
export type MailboxClient = Client<paths>;

/** Where the bearer token comes from: a fixed token, or a source that can refresh it. */
export type MailboxCredentials =
  | {
      /** An OAuth access token (valid 48 hours). */
      accessToken: string;
      tokenSource?: never;
    }
  | {
      /** A source of fresh tokens, e.g. a stored connection from `@terapi/connection`. */
      tokenSource: TokenSource;
      accessToken?: never;
    };

/** Options of {@link createMailboxClient}. */
export type MailboxClientOptions = MailboxCredentials & {
  /** Another host, e.g. the local emulator. Defaults to {@link MAILBOX_BASE_URL}. */
  baseUrl?: string;
  /** The transport under the pipeline; `globalThis.fetch` unless given. */
  fetch?: FetchFunction;
  /** Resends failed attempts; see `@terapi/helpscout-auth`. */
  retry?: Policy;
  /** Waits for the account's rate budget (writes weigh 2). */
  throttle?: Policy;
  /** Your own pipeline policies (logging, tracing), run inside `retry`. */
  policies?: readonly Policy[];
};

/**
 * Creates a typed Mailbox API client over the Help Scout pipeline: `Authorization: Bearer` from the
 * token source on every attempt, and every failed answer thrown as a `HelpScoutError`.
 *
 * A merged conversation answers `301`; the client follows it, so `GET /v2/conversations/{id}`
 * returns the surviving conversation (check `response.redirected` to notice).
 *
 * @example
 * const mailbox = createMailboxClient({ accessToken: process.env.HELPSCOUT_ACCESS_TOKEN! });
 * const { data } = await mailbox.GET("/v2/users/me");
 */
export function createMailboxClient(options: MailboxClientOptions): MailboxClient {
  const tokenSource = options.tokenSource ?? tokenFrom(options.accessToken);
  const fetch = createHelpScoutFetch({
    auth: bearerTokenPolicy(tokenSource),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.throttle ? { throttle: options.throttle } : {}),
    ...(options.policies ? { policies: options.policies } : {}),
  });
  return createClient<paths>({ baseUrl: options.baseUrl ?? MAILBOX_BASE_URL, fetch });
}

function tokenFrom(accessToken: string | undefined): TokenSource {
  if (accessToken === undefined) {
    throw new TypeError(
      "@terapi/helpscout-mailbox: pass either `accessToken` or `tokenSource` to createMailboxClient.",
    );
  }
  return staticTokenSource(accessToken);
}
