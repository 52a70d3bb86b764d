import type { EmulatorClock } from "../clock.js";
import type { SeededRandom } from "../random.js";
import type { Account, SeedSize } from "../types.js";
import { seedDocs } from "./docs-seed.js";
import { seedMailbox } from "./mailbox-seed.js";

/** Seed sizes when none are given: small enough for unit tests, big enough to page. */
export const DEFAULT_SEED_SIZE: SeedSize = {
  mailboxes: 3,
  users: 8,
  teams: 2,
  tags: 12,
  customers: 120,
  conversations: 240,
  maxThreads: 4,
  organizations: 10,
  sites: 1,
  collectionsPerSite: 3,
  categoriesPerCollection: 3,
  articles: 60,
  redirects: 5,
};

/**
 * A seeded account. Its credentials are predictable so tests and the demo can use them:
 * OAuth app `<id>-app` / `<id>-secret`, Docs API key `<id>-docs-key`.
 */
export function createAccount(
  id: string,
  index: number,
  random: SeededRandom,
  clock: EmulatorClock,
  size: SeedSize,
): Account {
  const mailbox = seedMailbox({ random, clock, size, accountIndex: index });
  const ownerUserId = [...mailbox.users.keys()][0] ?? 1;
  return {
    id,
    oauthClients: new Map([[`${id}-app`, `${id}-secret`]]),
    docsApiKeys: new Map([[`${id}-docs-key`, ownerUserId]]),
    ownerUserId,
    mailbox,
    docs: seedDocs({
      random,
      clock,
      size,
      accountIndex: index,
      // Docs authors are the account's users, so revisions name real people.
      authors: [...mailbox.users.values()]
        .filter((user) => user.type !== "system_user")
        .map(({ id, firstName, lastName }) => ({
          id,
          firstName: firstName ?? "",
          lastName: lastName ?? "",
        })),
    }),
    rate: {
      mailbox: { windowStart: 0, used: 0, asked: 0, peak: 0, rateLimited: 0 },
      docs: { windowStart: 0, used: 0, asked: 0, peak: 0, rateLimited: 0 },
    },
  };
}
