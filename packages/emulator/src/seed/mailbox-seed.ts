import { emptyMailboxData, type SeedContext } from "../mailbox/seed-context.js";
import { seedConversations } from "../mailbox/seed-conversations.js";
import { seedCustomers } from "../mailbox/seed-customers.js";
import { seedMailboxes, seedTags, seedWorkflows } from "../mailbox/seed-mailboxes.js";
import { seedTeams, seedUsers } from "../mailbox/seed-users.js";
import { SUPPORT_COMPANIES } from "../mailbox/seed-words.js";
import type { MailboxData } from "../types.js";
import type { SeedInput } from "./seed-input.js";

/**
 * Seeds one account's Mailbox data, deterministically from the PRNG (the same seed gives the same
 * data): mailboxes with folders, custom fields, routing and saved replies; users (the first is
 * the owner) with statuses and reassignment settings, plus one system user; teams; tags; customer
 * and organization property definitions; organizations; customers with their entries; six months
 * of conversations with threads (newest first), attachments, snoozes and ratings; two merged
 * conversation ids; manual and automatic workflows; no webhooks. Times are relative to the
 * emulated clock at seeding (whole seconds), all in the past except snoozes.
 */
export function seedMailbox({ random, clock, size, accountIndex }: SeedInput): MailboxData {
  const data = emptyMailboxData(random.int(1, 9) * 1000 + 1);
  const [name, domain] = SUPPORT_COMPANIES[accountIndex % SUPPORT_COMPANIES.length] ?? [
    "Acme Software",
    "acmesoftware.example",
  ];
  const round = Math.floor(accountIndex / SUPPORT_COMPANIES.length);
  const ctx: SeedContext = {
    random,
    data,
    now: Math.floor(clock.now() / 1000) * 1000,
    company:
      round > 0
        ? { name: `${name} ${round + 1}`, domain: `${round + 1}.${domain}` }
        : { name, domain },
    id: () => data.nextId++,
  };
  const humans = seedUsers(ctx, Math.max(1, size.users));
  seedTeams(ctx, size.teams, humans);
  seedMailboxes(ctx, Math.max(1, size.mailboxes), humans);
  seedTags(ctx, size.tags);
  seedCustomers(ctx, size.customers, size.organizations);
  seedConversations(ctx, size, humans);
  seedWorkflows(ctx);
  return data;
}
