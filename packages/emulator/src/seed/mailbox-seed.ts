import type { MailboxData } from "../types.js";
import type { SeedInput } from "./seed-input.js";

/** STUB — replaced by the Mailbox seeder. */
export function seedMailbox(_input: SeedInput): MailboxData {
  return {
    mailboxes: new Map(),
    folders: new Map(),
    customFields: new Map(),
    routing: new Map(),
    savedReplies: new Map(),
    users: new Map(),
    userStatuses: new Map(),
    reassignment: new Map(),
    teams: new Map(),
    tags: new Map(),
    customers: new Map(),
    customerProperties: [],
    organizations: new Map(),
    organizationProperties: [],
    conversations: new Map(),
    threads: new Map(),
    attachments: new Map(),
    merged: new Map(),
    workflows: new Map(),
    webhooks: new Map(),
    ratings: new Map(),
    nextId: 1000,
  };
}
