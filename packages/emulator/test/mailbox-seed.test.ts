import { describe, expect, it } from "vitest";
import { EmulatorClock } from "../src/clock.js";
import { SeededRandom } from "../src/random.js";
import { DEFAULT_SEED_SIZE } from "../src/seed/accounts.js";
import { seedMailbox } from "../src/seed/mailbox-seed.js";
import type { MailboxData } from "../src/types.js";

const START = Date.parse("2025-03-01T12:00:00Z");

function seed(seedValue: number, accountIndex = 0): MailboxData {
  return seedMailbox({
    random: new SeededRandom(seedValue),
    clock: new EmulatorClock({ startAt: START, speed: 0 }),
    size: DEFAULT_SEED_SIZE,
    accountIndex,
  });
}

/** Every container as plain JSON, so two seeds can be compared. */
function snapshot(data: MailboxData): string {
  return JSON.stringify(data, (_key, value: unknown) =>
    value instanceof Map ? [...value.entries()] : value,
  );
}

/** Every id the seed handed out (entities, folders, fields, options, entries, threads…). */
function allIds(data: MailboxData): number[] {
  const own = <T extends { id: number }>(items: Iterable<T>) => [...items].map((item) => item.id);
  const ids = [
    ...own(data.mailboxes.values()),
    ...own([...data.folders.values()].flat()),
    ...own([...data.savedReplies.values()].flat()),
    ...own(data.users.values()),
    ...own(data.teams.values()),
    ...own(data.tags.values()),
    ...own(data.organizations.values()),
    ...own(data.conversations.values()),
    ...own(data.workflows.values()),
    ...own(data.ratings.values()),
    ...own([...data.attachments.values()].map((stored) => stored.attachment)),
  ];
  for (const field of [...data.customFields.values()].flat()) {
    ids.push(field.id, ...own(field.options ?? []));
  }
  for (const customer of data.customers.values()) {
    const embedded = customer._embedded ?? {};
    ids.push(customer.id, ...(embedded.address?.id ? [embedded.address.id] : []));
    for (const kind of ["emails", "phones", "chats", "social_profiles", "websites"] as const) {
      ids.push(...own(embedded[kind] ?? []));
    }
  }
  for (const threads of data.threads.values()) ids.push(...own(threads));
  return ids;
}

describe("seedMailbox", () => {
  it("gives the same data for the same seed and different data for another seed", () => {
    expect(snapshot(seed(7))).toBe(snapshot(seed(7)));
    expect(snapshot(seed(8))).not.toBe(snapshot(seed(7)));
    expect(snapshot(seed(7, 1))).not.toBe(snapshot(seed(7, 0)));
  });

  it("fills every container, with the sizes asked for", () => {
    const data = seed(1);
    expect(data.mailboxes.size).toBe(DEFAULT_SEED_SIZE.mailboxes);
    expect([...data.users.values()].filter((u) => u.type === "user")).toHaveLength(
      DEFAULT_SEED_SIZE.users,
    );
    expect([...data.users.values()].filter((u) => u.type === "system_user")).toHaveLength(1);
    expect(data.teams.size).toBe(DEFAULT_SEED_SIZE.teams);
    expect(data.tags.size).toBe(DEFAULT_SEED_SIZE.tags);
    expect(data.customers.size).toBe(DEFAULT_SEED_SIZE.customers);
    expect(data.organizations.size).toBe(DEFAULT_SEED_SIZE.organizations);
    expect(data.conversations.size).toBe(DEFAULT_SEED_SIZE.conversations);
    for (const id of data.mailboxes.keys()) {
      expect(data.folders.get(id)?.map((f) => f.type)).toEqual(
        expect.arrayContaining(["unassigned", "mytickets", "assigned", "drafts", "closed", "spam"]),
      );
      expect(data.customFields.get(id)?.map((f) => f.type)).toEqual([
        "dropdown",
        "singleline",
        "number",
        "date",
      ]);
      expect(data.routing.get(id)?.userIds.length).toBeGreaterThan(0);
      expect(data.savedReplies.get(id)?.length).toBeGreaterThan(0);
    }
    expect(data.userStatuses.size).toBe(DEFAULT_SEED_SIZE.users);
    expect(data.reassignment.size).toBe(DEFAULT_SEED_SIZE.users);
    expect(data.customerProperties.map((p) => p.type)).toEqual(
      expect.arrayContaining(["dropdown", "number", "date", "url", "text"]),
    );
    expect(data.organizationProperties.length).toBeGreaterThan(0);
    expect(data.merged.size).toBe(2);
    expect(data.attachments.size).toBeGreaterThan(0);
    expect(data.ratings.size).toBeGreaterThan(0);
    expect(new Set([...data.workflows.values()].map((w) => w.type))).toEqual(
      new Set(["manual", "automatic"]),
    );
    expect(data.webhooks.size).toBe(0);
  });

  it("makes the first user the owner and gives every id once, below nextId", () => {
    const data = seed(3);
    expect([...data.users.values()][0]?.role).toBe("owner");
    const ids = allIds(data);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Math.max(...ids, ...data.merged.keys())).toBeLessThan(data.nextId);
  });

  it("seeds conversations across statuses and types, with threads newest first", () => {
    const data = seed(4);
    const conversations = [...data.conversations.values()];
    expect(new Set(conversations.map((c) => c.status))).toEqual(
      new Set(["active", "pending", "closed", "spam"]),
    );
    expect(new Set(conversations.map((c) => c.type))).toEqual(new Set(["email", "chat", "phone"]));
    const threadTypes = new Set<string>();
    for (const conversation of conversations) {
      const threads = data.threads.get(conversation.id) ?? [];
      expect(conversation.threads).toBe(threads.length);
      expect(threads.length).toBeGreaterThan(0);
      const times = threads.map((t) => Date.parse(t.createdAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(conversation.userUpdatedAt).toBe(threads[0]?.createdAt);
      expect(Date.parse(conversation.createdAt)).toBeLessThanOrEqual(START);
      expect(Date.parse(conversation.createdAt)).toBeGreaterThan(START - 181 * 86_400_000);
      expect(data.customers.has(conversation.primaryCustomer?.id ?? -1)).toBe(true);
      for (const thread of threads) threadTypes.add(thread.type);
    }
    expect(threadTypes).toEqual(
      new Set(["customer", "reply", "note", "lineitem", "chat", "phone"]),
    );
  });

  it("keeps derived numbers consistent: tag counts, folder counts, merged targets", () => {
    const data = seed(5);
    const conversations = [...data.conversations.values()];
    for (const tag of data.tags.values()) {
      const using = conversations.filter((c) => c.tags?.some((t) => t.id === tag.id));
      expect(tag.ticketCount).toBe(using.length);
    }
    for (const [mailboxId, folders] of data.folders) {
      const closed = folders.find((f) => f.type === "closed");
      expect(closed?.totalCount).toBe(
        conversations.filter((c) => c.mailboxId === mailboxId && c.status === "closed").length,
      );
    }
    for (const [oldId, survivor] of data.merged) {
      expect(data.conversations.has(oldId)).toBe(false);
      expect(data.conversations.has(survivor)).toBe(true);
    }
  });
});
