import { conversationPatch, createdId, unwrap } from "@terapi/helpscout-mailbox";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  applyWebhookEvent,
  contentHash,
  createPgliteRecordStore,
  type RecordStore,
  type SqlRecordStore,
  syncStoreWebhookListener,
  type WebhookApplyResult,
} from "../src/index.js";
import { type EmulatedAccount, emulatedAccount, useMsw } from "./fixtures/emulated-account.js";
import { mailboxSnapshot } from "./fixtures/emulator-snapshot.js";
import { expectStoreToMatch, storedRecords } from "./fixtures/store-snapshot.js";
import { syncAccount } from "./fixtures/sync-helpers.js";

vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });
useMsw();

/** A delivery the emulator sent: the event header and the parsed body. */
interface Delivery {
  event: string;
  payload: unknown;
}

/** An emulator whose webhook deliveries land in `deliveries` (acknowledged with 200). */
async function accountWithDeliveries(): Promise<EmulatedAccount & { deliveries: Delivery[] }> {
  const deliveries: Delivery[] = [];
  const account = await emulatedAccount({
    fetch: async (input, init) => {
      const request = new Request(input, init);
      deliveries.push({
        event: request.headers.get("x-helpscout-event") ?? "",
        payload: await request.json(),
      });
      return new Response(null, { status: 200 });
    },
  });
  return Object.assign(account, { deliveries });
}

async function subscribe(account: EmulatedAccount, events: string[], notification = false) {
  await account.reader.mailbox.POST("/v2/webhooks", {
    body: { url: "https://hooks.example.test/helpscout", events, secret: "s3cret", notification },
  });
}

const firstMailboxId = (account: EmulatedAccount) =>
  [...account.emulator.account().mailbox.mailboxes.keys()][0] ?? 0;

async function createConversation(account: EmulatedAccount, subject: string): Promise<number> {
  return createdId(
    await account.reader.mailbox.POST("/v2/conversations", {
      body: {
        subject,
        type: "email",
        mailboxId: firstMailboxId(account),
        status: "active",
        customer: { email: "webhook.customer@example.test" },
        threads: [
          { type: "customer", customer: { email: "webhook.customer@example.test" }, text: "Hi" },
        ],
      },
    }),
  );
}

async function applyAll(store: RecordStore, connectionId: string, deliveries: Delivery[]) {
  const results: WebhookApplyResult[] = [];
  for (const delivery of deliveries) {
    results.push(await applyWebhookEvent(store, { connectionId, ...delivery }));
  }
  return results;
}

let store: SqlRecordStore;
let connections = 0;
const freshConnection = () => `webhooks-${connections++}`;
beforeAll(() => {
  store = createPgliteRecordStore({ dataDir: "memory://" });
});
afterAll(async () => {
  await store.close();
});

describe("applyWebhookEvent", () => {
  it("keeps conversations and customers exactly as a sync stores them, without moving the sync's checkpoint", async () => {
    const account = await accountWithDeliveries();
    const connectionId = freshConnection();
    const models = ["conversations", "customers"];
    await syncAccount(account, store, { models, connectionId });
    const checkpoints = await Promise.all(
      models.map((model) => store.getCheckpoint(connectionId, model)),
    );
    await subscribe(account, [
      "convo.created",
      "convo.status",
      "convo.note.created",
      "convo.deleted",
      "customer.created",
      "customer.updated",
      "customer.deleted",
    ]);

    const mailbox = account.reader.mailbox;
    const created = await createConversation(account, "Arrived by webhook");
    const [first, second] = [...account.emulator.account().mailbox.conversations.keys()];
    await mailbox.PATCH("/v2/conversations/{conversationId}", {
      params: { path: { conversationId: first! } },
      body: conversationPatch.status("closed"),
    });
    await mailbox.POST("/v2/conversations/{conversationId}/notes", {
      params: { path: { conversationId: created } },
      body: { text: "A note: ✓ déjà vu" },
    });
    await mailbox.DELETE("/v2/conversations/{conversationId}", {
      params: { path: { conversationId: second! } },
    });
    const customerId = createdId(
      await mailbox.POST("/v2/customers", { body: { firstName: "Wendy", lastName: "Hook" } }),
    );
    await mailbox.PATCH("/v2/customers/{customerId}", {
      params: { path: { customerId } },
      body: [{ op: "replace", path: "/jobTitle", value: "Listener" }],
    });
    const [doomed] = [...account.emulator.account().mailbox.customers.keys()];
    await mailbox.DELETE("/v2/customers/{customerId}", {
      params: { path: { customerId: doomed! } },
    });
    await account.emulator.settle();

    const results = await applyAll(store, connectionId, account.deliveries);
    expect(results.map((r) => [r.event, r.action])).toEqual(
      expect.arrayContaining([
        ["convo.created", "inserted"],
        ["convo.status", "updated"],
        ["convo.note.created", "updated"],
        ["convo.deleted", "deleted"],
        ["customer.updated", "updated"],
        ["customer.deleted", "deleted"],
      ]),
    );
    expect(results.find((r) => r.event === "convo.created")?.id).toBe(String(created));

    const snapshot = await mailboxSnapshot(mailbox);
    await expectStoreToMatch(
      store,
      connectionId,
      new Map([...snapshot].filter(([model]) => models.includes(model))),
    );
    expect(
      await Promise.all(models.map((model) => store.getCheckpoint(connectionId, model))),
    ).toEqual(checkpoints);
    // The same modification times as the sync models read: userUpdatedAt, updatedAt.
    const conversation = (await storedRecords(store, connectionId, "conversations")).get(
      String(created),
    );
    const stamps = conversation?.payload as { userUpdatedAt: string };
    expect(conversation?.lastModifiedAt).toBe(new Date(stamps.userUpdatedAt).toISOString());
    const customer = (await storedRecords(store, connectionId, "customers")).get(
      String(customerId),
    );
    const customerStamps = customer?.payload as { updatedAt: string };
    expect(customer?.lastModifiedAt).toBe(new Date(customerStamps.updatedAt).toISOString());

    // The next sync reads the changed objects again and finds them stored already.
    const { model } = await syncAccount(account, store, { models, connectionId });
    expect(model("conversations")).toMatchObject({ inserted: 0, updated: 0 });
    expect(model("conversations").unchanged).toBeGreaterThanOrEqual(3);
    expect(model("customers")).toMatchObject({ inserted: 0, updated: 0 });
  });

  it("reads notification-mode deliveries ({url}) through the client, and deletes without a read", async () => {
    const account = await accountWithDeliveries();
    const connectionId = freshConnection();
    await subscribe(account, ["convo.created", "convo.deleted", "tag.created"], true);
    const id = await createConversation(account, "Notified");
    await account.reader.mailbox.PUT("/v2/conversations/{conversationId}/tags", {
      params: { path: { conversationId: id } },
      body: { tags: ["brand-new-tag"] },
    });
    await account.emulator.settle();
    expect(account.deliveries.map((d) => Object.keys(d.payload as object))).toEqual([
      ["url"],
      ["url"],
    ]);

    const without = await applyAll(store, connectionId, account.deliveries);
    expect(without.map((r) => r.action)).toEqual(["ignored", "ignored"]);
    expect(without[0]?.reason).toContain("pass a mailbox client");
    expect(await store.counts(connectionId)).toEqual({});

    const withClient = [];
    for (const delivery of account.deliveries) {
      withClient.push(
        await applyWebhookEvent(store, { connectionId, ...delivery, mailbox: account.mailbox }),
      );
    }
    expect(withClient.map((r) => [r.event, r.model, r.action])).toEqual([
      ["convo.created", "conversations", "inserted"],
      ["tag.created", "tags", "inserted"],
    ]);
    const snapshot = await mailboxSnapshot(account.reader.mailbox);
    const stored = await storedRecords(store, connectionId, "conversations");
    expect(stored.get(String(id))?.hash).toBe(
      contentHash(snapshot.get("conversations")?.get(String(id))),
    );
    const tags = await storedRecords(store, connectionId, "tags");
    expect([...tags.values()].map((t) => (t.payload as { name: string }).name)).toEqual([
      "brand-new-tag",
    ]);

    account.deliveries.length = 0;
    await account.reader.mailbox.DELETE("/v2/conversations/{conversationId}", {
      params: { path: { conversationId: id } },
    });
    await account.emulator.settle();
    const [deleted] = await applyAll(store, connectionId, account.deliveries);
    expect(deleted).toEqual({
      event: "convo.deleted",
      model: "conversations",
      id: String(id),
      action: "deleted",
    });
  });

  it("completes a conversation sent without its threads through the client, never storing less than the sync", async () => {
    const account = await accountWithDeliveries();
    const connectionId = freshConnection();
    const [id] = [...account.emulator.account().mailbox.conversations.keys()];
    const full = await unwrap(
      account.reader.mailbox.GET("/v2/conversations/{conversationId}", {
        params: { path: { conversationId: id! }, query: { embed: "threads" } },
      }),
    );
    const { _embedded: _, ...withoutThreads } = full;

    const skipped = await applyWebhookEvent(store, {
      connectionId,
      event: "convo.assigned",
      payload: withoutThreads,
    });
    expect(skipped).toMatchObject({ action: "ignored", id: String(id) });
    expect(skipped.reason).toContain("without its threads");

    const completed = await applyWebhookEvent(store, {
      connectionId,
      event: "convo.assigned",
      payload: withoutThreads,
      mailbox: account.mailbox,
    });
    expect(completed.action).toBe("inserted");
    const [record] = (await storedRecords(store, connectionId, "conversations")).values();
    expect(record?.payload).toEqual(full);
  });

  it("does not let a late delivery roll a conversation back", async () => {
    const account = await accountWithDeliveries();
    const connectionId = freshConnection();
    await subscribe(account, ["convo.created", "convo.status"]);
    const id = await createConversation(account, "Out of order");
    account.emulator.clock.advance(60_000);
    await account.reader.mailbox.PATCH("/v2/conversations/{conversationId}", {
      params: { path: { conversationId: id } },
      body: conversationPatch.status("pending"),
    });
    await account.emulator.settle();
    const [created, status] = account.deliveries;

    const results = await applyAll(store, connectionId, [status!, created!]);
    expect(results.map((r) => r.action)).toEqual(["inserted", "stale"]);
    const [record] = (await storedRecords(store, connectionId, "conversations")).values();
    expect((record!.payload as { status: string }).status).toBe("pending");
  });

  it("ignores events the sync has no model for, and payloads without an id, saying why", async () => {
    const connectionId = freshConnection();
    const cases: Array<[string, unknown, string]> = [
      ["satisfaction.ratings", { id: 5, rating: "great" }, "ratings are not a synced model"],
      ["organization.created", { id: 9, name: "Acme" }, "organizations are not a synced model"],
      ["user.status.changed", { userId: 1 }, "user statuses are not a synced model"],
      ["shiny.new.event", { id: 1 }, "not a synced model"],
      ["convo.created", { subject: "no id" }, "no id in the payload"],
      ["customer.created", { url: "https://example.test/elsewhere" }, "no customers id in"],
    ];
    for (const [event, payload, reason] of cases) {
      const result = await applyWebhookEvent(store, { connectionId, event, payload });
      expect(result.action, event).toBe("ignored");
      expect(result.reason, event).toContain(reason);
    }
    expect(await store.counts(connectionId)).toEqual({});
  });

  it("syncStoreWebhookListener applies the events a webhooks router hands over", async () => {
    const connectionId = freshConnection();
    const listener = syncStoreWebhookListener(store, { connectionId });
    const event = { kind: "payload", event: "tag.created", payload: { id: 77, name: "vip" } };
    expect(await listener(event)).toEqual({
      event: "tag.created",
      model: "tags",
      id: "77",
      action: "inserted",
    });
    expect(await listener({ event: "tag.deleted", payload: { id: 77 } })).toMatchObject({
      action: "deleted",
    });
    expect(await store.counts(connectionId)).toEqual({ tags: 0 });
  });
});
