import { createdId, unwrap } from "@terapi/helpscout-mailbox";
import { describe, expect, it } from "vitest";
import { SyncError } from "../src/sync-error.js";
import { emulatedAccount, useMsw } from "./fixtures/emulated-account.js";
import { mailboxSnapshot } from "./fixtures/emulator-snapshot.js";
import { MemoryRecordStore } from "./fixtures/memory-record-store.js";
import { expectStoreToMatch, storedRecords } from "./fixtures/store-snapshot.js";
import { CONNECTION, simulateReplies, syncAccount } from "./fixtures/sync-helpers.js";

useMsw();

const CONVERSATIONS = ["conversations"];

async function expected(account: Awaited<ReturnType<typeof emulatedAccount>>) {
  const snapshot = await mailboxSnapshot(account.reader.mailbox);
  return new Map([...snapshot].filter(([model]) => CONVERSATIONS.includes(model)));
}

describe("conversations", () => {
  it("a first sync stores every conversation of every status with its threads, as the API lists them", async () => {
    const account = await emulatedAccount();
    const store = new MemoryRecordStore();
    const { model, requests } = await syncAccount(account, store, { models: CONVERSATIONS });

    const conversations = model("conversations");
    expect(conversations).toMatchObject({ mode: "incremental", resumed: false, inserted: 240 });
    expect(conversations.requests).toBe(requests);
    await expectStoreToMatch(store, CONNECTION, await expected(account));
    const stored = await storedRecords(store, CONNECTION, "conversations");
    const statuses = new Set(
      [...stored.values()].map((r) => (r.payload as { status: string }).status),
    );
    expect(statuses.size).toBeGreaterThan(1);
    for (const record of stored.values()) {
      const payload = record.payload as { threads: number; _embedded?: { threads?: unknown[] } };
      expect(payload._embedded?.threads).toHaveLength(payload.threads);
    }
  });

  it("pages 1,000 conversations with threads in at most 21 requests (never one per conversation)", async () => {
    const account = await emulatedAccount({ size: { conversations: 1000, customers: 300 } });
    const store = new MemoryRecordStore();
    const { model, requests } = await syncAccount(account, store, { models: CONVERSATIONS });
    expect(model("conversations").inserted).toBe(1000);
    expect(requests).toBeLessThanOrEqual(21);
    expect((await store.counts(CONNECTION)).conversations).toBe(1000);
  });

  it("an incremental re-sync fetches only what changed and applies exactly those changes", async () => {
    const account = await emulatedAccount();
    const store = new MemoryRecordStore();
    await syncAccount(account, store, { models: CONVERSATIONS });
    const checkpoint = await store.getCheckpoint(CONNECTION, "conversations");
    expect(checkpoint).toMatchObject({ complete: true, mode: "incremental" });
    expect(checkpoint?.watermark).toEqual(expect.any(String));

    const touched = await simulateReplies(5);
    const created = createdId(
      await account.reader.mailbox.POST("/v2/conversations", {
        body: {
          subject: "New since the last sync",
          type: "email",
          mailboxId: [...account.emulator.account().mailbox.mailboxes.keys()][0] ?? 0,
          status: "active",
          customer: { email: "new.customer@example.test" },
          threads: [
            { type: "customer", customer: { email: "new.customer@example.test" }, text: "Hi" },
          ],
        },
      }),
    );
    const before = new Date().toISOString();
    const { model, requests } = await syncAccount(account, store, { models: CONVERSATIONS });

    expect(requests).toBe(1);
    expect(model("conversations")).toMatchObject({
      inserted: 1,
      updated: 5,
      deleted: 0,
      requests: 1,
    });
    const rewritten = await store.listRecords({
      connectionId: CONNECTION,
      model: "conversations",
      modifiedAfter: before,
    });
    expect(rewritten.records.map((r) => r.id).sort()).toEqual([...touched, String(created)].sort());
    await expectStoreToMatch(store, CONNECTION, await expected(account));

    const again = await syncAccount(account, store, { models: CONVERSATIONS });
    expect(again.requests).toBe(1);
    expect(again.model("conversations")).toMatchObject({ inserted: 0, updated: 0 });
  });

  it("a deleted conversation stays until a full re-sync reconciles it (webhooks report deletes in between)", async () => {
    const account = await emulatedAccount();
    const store = new MemoryRecordStore();
    await syncAccount(account, store, { models: CONVERSATIONS });
    const [gone] = [...account.emulator.account().mailbox.conversations.keys()];
    await account.reader.mailbox.DELETE("/v2/conversations/{conversationId}", {
      params: { path: { conversationId: gone ?? 0 } },
    });

    const incremental = await syncAccount(account, store, { models: CONVERSATIONS });
    expect(incremental.model("conversations").deleted).toBe(0);

    const full = await syncAccount(account, store, { models: CONVERSATIONS, full: true });
    expect(full.model("conversations")).toMatchObject({
      mode: "full",
      deleted: 1,
      inserted: 0,
      updated: 0,
    });
    expect(full.requests).toBeLessThanOrEqual(Math.ceil(239 / 49) + 1);
    const record = (await storedRecords(store, CONNECTION, "conversations")).get(String(gone));
    expect(record?.deletedAt).toEqual(expect.any(String));
    await expectStoreToMatch(store, CONNECTION, await expected(account));
  });

  it("after a crash mid-run, the next run resumes from the last committed page", async () => {
    const account = await emulatedAccount({ size: { conversations: 500 } });
    const store = new MemoryRecordStore();
    store.failOnWrite(4); // three pages committed, the fourth never is
    const failed = await syncAccount(account, store, { models: CONVERSATIONS }).catch((e) => e);
    expect(failed).toBeInstanceOf(SyncError);
    expect((failed as SyncError).code).toBe("sync_failed");
    expect((failed as SyncError).summary.models[0]).toMatchObject({ pages: 3, inserted: 148 });
    expect(await store.getCheckpoint(CONNECTION, "conversations")).toMatchObject({
      complete: false,
    });

    const resumed = await syncAccount(account, store, { models: CONVERSATIONS });
    expect(resumed.model("conversations")).toMatchObject({ resumed: true, inserted: 500 - 148 });
    // Only the pages after the last committed one (the failed page is fetched again).
    expect(resumed.requests).toBeLessThanOrEqual(Math.ceil((500 - 148) / 49) + 1);
    await expectStoreToMatch(store, CONNECTION, await expected(account));
  });

  it("a conversation's threads are re-read with it when a reply arrives", async () => {
    const account = await emulatedAccount();
    const store = new MemoryRecordStore();
    await syncAccount(account, store, { models: CONVERSATIONS });
    const [id] = await simulateReplies(1);
    await syncAccount(account, store, { models: CONVERSATIONS });
    const stored = (await storedRecords(store, CONNECTION, "conversations")).get(id ?? "");
    const live = await unwrap(
      account.reader.mailbox.GET("/v2/conversations/{conversationId}", {
        params: { path: { conversationId: Number(id) }, query: { embed: "threads" } },
      }),
    );
    const threads = (stored!.payload as typeof live)._embedded?.threads ?? [];
    expect(threads.map((t) => t.id)).toEqual(live._embedded?.threads?.map((t) => t.id));
    expect(threads[0]?.type).toBe("customer");
  });
});
