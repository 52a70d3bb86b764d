import {
  accountKeyOf,
  bearerTokenPolicy,
  type ClientPipelineOptions,
  type ConnectionRef,
  connectionTokenSource,
  createClientFetch,
  DeferredRequest,
  jsonAnswerCheck,
  mailboxThrottle,
  sharedBudgetStore,
  staticTokenSource,
  type TokenSource,
} from "@terapi/helpscout-auth";
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./generated/mailbox-api.js";

/** Help Scout's Mailbox API host; paths carry the `/v2` (or `/v3`) prefix. */
export const MAILBOX_BASE_URL = "https://api.helpscout.net";

/** A typed openapi-fetch client for every Mailbox API 2.0 endpoint (and the v3 reads). */
export type MailboxClient = Client<paths>;

/** Where the bearer token comes from: a fixed token, a source that refreshes, or a connection. */
export type MailboxCredentials =
  | {
      /** An OAuth access token (valid 48 hours). */
      accessToken: string;
      tokenSource?: never;
      connection?: never;
    }
  | {
      /** A source of fresh tokens (`getToken()`, `invalidate()`), e.g. a token cycler. */
      tokenSource: TokenSource;
      accessToken?: never;
      connection?: never;
    }
  | {
      /** A stored connection: `{ terapi, providerConfigKey: "helpscout-mailbox", connectionId }`. */
      connection: ConnectionRef;
      accessToken?: never;
      tokenSource?: never;
    };

/** Options of {@link createMailboxClient}: credentials, host and pipeline. */
export type MailboxClientOptions = MailboxCredentials &
  ClientPipelineOptions & {
    /** Another host, e.g. the local emulator. Defaults to {@link MAILBOX_BASE_URL}. */
    baseUrl?: string;
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
  const { tokenSource, account } = credentialsOf(options);
  const fetch = createClientFetch(bearerTokenPolicy(tokenSource), options, () =>
    mailboxThrottle({ account, store: sharedBudgetStore }),
  );
  // DeferredRequest: openapi-fetch's Request stays a description until the pipeline sends it.
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? MAILBOX_BASE_URL,
    fetch,
    Request: DeferredRequest,
  });
  // A 2xx that is not JSON (a proxy's HTML page, a body cut short) is an invalid_response.
  client.use(jsonAnswerCheck("@terapi/helpscout-mailbox"));
  return client;
}

let anonymousAccounts = 0;

function credentialsOf(options: MailboxClientOptions): {
  tokenSource: TokenSource;
  account: string;
} {
  if (options.connection) {
    return {
      tokenSource: connectionTokenSource(options.connection),
      account: options.account ?? accountKeyOf("mailbox", { connection: options.connection }),
    };
  }
  if (options.tokenSource) {
    // A bare token source says nothing about its account: without `account`, the client
    // budgets on its own.
    anonymousAccounts += 1;
    return {
      tokenSource: options.tokenSource,
      account: options.account ?? `mailbox:token-source-${anonymousAccounts}`,
    };
  }
  if (typeof options.accessToken === "string") {
    return {
      tokenSource: staticTokenSource(options.accessToken),
      account: options.account ?? accountKeyOf("mailbox", { secret: options.accessToken }),
    };
  }
  throw new TypeError(
    "@terapi/helpscout-mailbox: pass one of `accessToken`, `tokenSource` or `connection` to createMailboxClient.",
  );
}
