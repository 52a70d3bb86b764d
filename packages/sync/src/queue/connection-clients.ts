import {
  accountKeyOf,
  type BudgetStore,
  type ConnectionProvider,
  DOCS_WINDOW_MS,
  MAILBOX_WINDOW_MS,
  mailboxRequestWeight,
  type Policy,
  rateLimitHeaders,
  throttlePolicy,
} from "@terapi/helpscout-auth";
import { createDocsClient } from "@terapi/helpscout-docs";
import { createMailboxClient } from "@terapi/helpscout-mailbox";
import { configurationError } from "./job-keys.js";
import type { SyncClients } from "./types.js";

/** Options of {@link connectionClients}. */
export interface ConnectionClientsOptions {
  /**
   * Fresh credentials per connection: `new Terapi({ store })` from `@terapi/connection`. With
   * `createPostgresConnectionStore`, every worker process shares the connections and exactly one
   * process refreshes an expiring token (an advisory lock in Postgres).
   */
  terapi: ConnectionProvider;
  /**
   * The rate budgets, shared by every worker: a `RedisBudgetStore` from
   * `@terapi/helpscout-auth/redis`, so that N workers together never exceed an account's limit.
   */
  budgetStore: BudgetStore;
  /** The Mailbox API: its provider config key (default `helpscout-mailbox`) and limit; `false`: none. */
  mailbox?: { providerConfigKey?: string; perMinute?: number } | false;
  /** The Docs API: its provider config key (default `helpscout-docs`) and limit; `false`: none. */
  docs?: { providerConfigKey?: string; perTenMinutes?: number } | false;
  /** Share (0 to 1) of each budget left for other callers, e.g. the Help Scout UI. Default 0. */
  reserve?: number;
  /** Another host for both APIs, e.g. the local emulator. */
  baseUrl?: string;
  /**
   * How many of the API's milliseconds pass per real one: the emulator's clock `speed`, whose
   * minute-long rate windows then last `60 s / timeScale` of real time. Default 1 (Help Scout).
   */
  timeScale?: number;
  /** Your own policies for both clients (logging, tracing), run inside the retry. */
  policies?: readonly Policy[];
}

/**
 * The `clientsFor` of {@link createSyncWorker} for connections kept in a connection store: per
 * connection, a Mailbox client on the `helpscout-mailbox` connection and a Docs client on the
 * `helpscout-docs` one, each throttled on the account's budget in `budgetStore` (Mailbox 200 a
 * minute with writes weighing 2, Docs 2000 per 10 minutes, both learning the real limits from
 * `X-RateLimit-*`), with the default retry.
 *
 * @throws HelpScoutError `configuration_error` for a `timeScale` or `reserve` out of range.
 * @example
 * ```ts
 * const clientsFor = connectionClients({ terapi, budgetStore: new RedisBudgetStore({ redis }) });
 * ```
 */
export function connectionClients(
  options: ConnectionClientsOptions,
): (connectionId: string) => SyncClients {
  const timeScale = options.timeScale ?? 1;
  const reserve = options.reserve ?? 0;
  if (!(Number.isFinite(timeScale) && timeScale > 0)) {
    throw configurationError(`timeScale must be a number above 0, got ${timeScale}.`);
  }
  if (!(reserve >= 0 && reserve < 1)) {
    throw configurationError(`reserve must be at least 0 and below 1, got ${reserve}.`);
  }
  const { terapi, budgetStore: store, baseUrl } = options;
  const mailbox = options.mailbox === false ? undefined : (options.mailbox ?? {});
  const docs = options.docs === false ? undefined : (options.docs ?? {});
  const shared = {
    ...(baseUrl ? { baseUrl } : {}),
    ...(options.policies ? { policies: options.policies } : {}),
  };
  return (connectionId) => {
    const clients: SyncClients = {};
    if (mailbox) {
      const connection = {
        terapi,
        providerConfigKey: mailbox.providerConfigKey ?? "helpscout-mailbox",
        connectionId,
      };
      const throttle = throttlePolicy({
        account: accountKeyOf("mailbox", { connection }),
        store,
        limit: {
          limit: mailbox.perMinute ?? 200,
          windowMs: MAILBOX_WINDOW_MS / timeScale,
          reserve,
        },
        weigh: mailboxRequestWeight,
        learn: rateLimitHeaders("x-ratelimit-limit-minute", "x-ratelimit-remaining-minute"),
      });
      clients.mailbox = createMailboxClient({ connection, throttle, ...shared });
    }
    if (docs) {
      const connection = {
        terapi,
        providerConfigKey: docs.providerConfigKey ?? "helpscout-docs",
        connectionId,
      };
      const throttle = throttlePolicy({
        account: accountKeyOf("docs", { connection }),
        store,
        limit: { limit: docs.perTenMinutes ?? 2000, windowMs: DOCS_WINDOW_MS / timeScale, reserve },
        learn: rateLimitHeaders("x-ratelimit-limit", "x-ratelimit-remaining"),
      });
      clients.docs = createDocsClient({ connection, throttle, ...shared });
    }
    return clients;
  };
}
