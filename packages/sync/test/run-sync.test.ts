import { isHelpScoutError } from "@terapi/helpscout-auth";
import { describe, expect, it } from "vitest";
import { createPgliteRecordStore } from "../src/pglite-record-store.js";
import type { SyncProgressEvent } from "../src/run-model.js";
import { runSync } from "../src/run-sync.js";
import { SyncError } from "../src/sync-error.js";
import { emulatedAccount, useMsw } from "./fixtures/emulated-account.js";
import { docsSnapshot, mailboxSnapshot } from "./fixtures/emulator-snapshot.js";
import { MemoryRecordStore } from "./fixtures/memory-record-store.js";
import { expectStoreToMatch, storedRecords } from "./fixtures/store-snapshot.js";
import { CONNECTION, syncAccount } from "./fixtures/sync-helpers.js";

useMsw();

describe("runSync", () => {
  it("syncs every model of both APIs into PGlite, equal to the emulator, reporting progress", async () => {
    const account = await emulatedAccount();
    const store = createPgliteRecordStore({ dataDir: "memory://" });
    const events: SyncProgressEvent[] = [];
    try {
      const { summary, requests } = await syncAccount(account, store, {
        onProgress: (event) => events.push(event),
      });
      expect(summary.models.map((m) => m.model)).toEqual([
        "mailboxes",
        "folders",
        "users",
        "teams",
        "tags",
        "workflows",
        "customers",
        "conversations",
        "sites",
        "collections",
        "categories",
        "articles",
        "redirects",
      ]);
      expect(summary.requests).toBe(requests);
      expect(summary.models.reduce((sum, m) => sum + m.requests, 0)).toBe(requests);
      const expected = new Map([
        ...(await mailboxSnapshot(account.reader.mailbox)),
        ...(await docsSnapshot(account.reader.docs)),
      ]);
      await expectStoreToMatch(store, CONNECTION, expected);

      const conversations = events.filter((e) => e.model === "conversations");
      expect(conversations[0]).toMatchObject({
        type: "model-start",
        mode: "incremental",
        resumed: false,
      });
      expect(conversations.at(-1)).toMatchObject({ type: "model-done" });
      const pages = conversations.filter((e) => e.type === "page");
      expect(pages).toHaveLength(summary.models[7]?.pages ?? -1);
      expect(pages.at(-1)).toMatchObject({ totals: { inserted: 240 } });

      // Every checkpoint is complete, with the newest modification time as its watermark.
      const checkpoint = await store.getCheckpoint(CONNECTION, "conversations");
      expect(checkpoint).toMatchObject({ complete: true, mode: "incremental", position: {} });
      const newest = Math.max(
        ...[...account.emulator.account().mailbox.conversations.values()].map((c) =>
          Date.parse(c.userUpdatedAt ?? c.createdAt),
        ),
      );
      expect(Date.parse(checkpoint?.watermark ?? "")).toBe(newest);
    } finally {
      await store.close();
    }
  });

  it("rejects unknown models and models whose client is missing, before anything runs", async () => {
    const account = await emulatedAccount();
    const store = new MemoryRecordStore();
    const unknown = await runSync({
      store,
      connectionId: CONNECTION,
      mailbox: account.mailbox,
      models: ["conversations", "tickets"],
    }).catch((e: unknown) => e);
    expect(isHelpScoutError(unknown) && unknown.code).toBe("configuration_error");
    expect((unknown as Error).message).toMatch(/unknown model "tickets"/);
    const missing = await runSync({
      store,
      connectionId: CONNECTION,
      mailbox: account.mailbox,
      models: ["articles"],
    }).catch((e: unknown) => e);
    expect((missing as Error).message).toMatch(/"articles" reads the docs API/);
    await expect(runSync({ store, connectionId: CONNECTION })).rejects.toThrow(/pass a `mailbox`/);
    expect(store.writes).toBe(0);
    expect(account.requests()).toBe(0);
  });

  it("without a Docs client, syncs the Mailbox models only", async () => {
    const account = await emulatedAccount();
    const summary = await runSync({
      store: new MemoryRecordStore(),
      connectionId: CONNECTION,
      mailbox: account.mailbox,
    });
    expect(new Set(summary.models.map((m) => m.api))).toEqual(new Set(["mailbox"]));
  });

  it("a failing model ends in a SyncError with the summary; the other models still ran", async () => {
    const account = await emulatedAccount();
    const store = new MemoryRecordStore();
    store.failOnWrite(1); // the first model's (users') first page
    const error = await syncAccount(account, store, { models: ["tags", "users"] }).catch((e) => e);
    expect(error).toBeInstanceOf(SyncError);
    const failure = error as SyncError;
    expect(failure.code).toBe("sync_failed");
    expect(failure.message).toMatch(/1 of 2 models failed: users \(.*simulated crash/);
    expect(failure.failures.map((f) => f.model)).toEqual(["users"]);
    expect(failure.summary.models.find((m) => m.model === "tags")).toMatchObject({ inserted: 12 });

    const retry = await syncAccount(account, store, { models: ["tags", "users"] });
    expect(retry.model("users").inserted).toBe(8);
    expect(retry.model("tags")).toMatchObject({ inserted: 0, unchanged: 12 });
  });

  it("an interrupted full run lists again from the start, so its sweep marks only what is really gone", async () => {
    const account = await emulatedAccount({ size: { conversations: 400 } });
    const store = new MemoryRecordStore();
    await syncAccount(account, store, { models: ["conversations"] });
    const ids = [...account.emulator.account().mailbox.conversations.keys()];
    await account.reader.mailbox.DELETE("/v2/conversations/{conversationId}", {
      params: { path: { conversationId: ids[ids.length - 1] ?? 0 } },
    });

    store.failOnWrite(4);
    await expect(
      syncAccount(account, store, { models: ["conversations"], full: true }),
    ).rejects.toBeInstanceOf(SyncError);
    expect(await store.getCheckpoint(CONNECTION, "conversations")).toMatchObject({
      mode: "full",
      complete: false,
    });
    // A plain run resumes the unfinished full run (and its sweep).
    const resumed = await syncAccount(account, store, { models: ["conversations"] });
    expect(resumed.model("conversations")).toMatchObject({
      mode: "full",
      resumed: true,
      deleted: 1,
      inserted: 0,
      updated: 0,
    });
    expect((await store.counts(CONNECTION)).conversations).toBe(399);
  });

  it("an interrupted incremental run keeps the old watermark until it completes", async () => {
    const account = await emulatedAccount({ size: { conversations: 300 } });
    const store = new MemoryRecordStore();
    store.failOnWrite(3);
    await expect(syncAccount(account, store, { models: ["conversations"] })).rejects.toThrow();
    expect(await store.getCheckpoint(CONNECTION, "conversations")).toMatchObject({
      complete: false,
      watermark: null,
      position: { page: 1, modifiedSince: expect.any(String), _highWater: expect.any(String) },
    });
    await syncAccount(account, store, { models: ["conversations"] });
    expect((await store.getCheckpoint(CONNECTION, "conversations"))?.watermark).toEqual(
      expect.any(String),
    );
  });

  it("an abort stops the run after the page in flight; the next run resumes", async () => {
    const account = await emulatedAccount({ size: { conversations: 400 } });
    const store = new MemoryRecordStore();
    const controller = new AbortController();
    const error = await syncAccount(account, store, {
      models: ["conversations", "customers"],
      signal: controller.signal,
      onProgress: (event) => {
        if (event.type === "page" && event.model === "customers") controller.abort();
      },
    }).catch((e) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).code).toBe("aborted");
    const started = (error as SyncError).summary.models.map((m) => m.model);
    expect(started).toEqual(["customers"]); // conversations never started
    expect((await storedRecords(store, CONNECTION, "customers")).size).toBe(50);

    const next = await syncAccount(account, store, { models: ["conversations", "customers"] });
    expect(next.model("customers")).toMatchObject({ resumed: true, inserted: 70 });
    expect(next.model("conversations")).toMatchObject({ resumed: false, inserted: 400 });
  });

  it("refuses a second sync of the same connection into the same store while one runs", async () => {
    const account = await emulatedAccount();
    const store = new MemoryRecordStore();
    const first = syncAccount(account, store, { models: ["conversations"] });
    await expect(syncAccount(account, store, { models: ["tags"] })).rejects.toThrow(
      /already being synced/,
    );
    await first;
    await expect(syncAccount(account, store, { models: ["tags"] })).resolves.toBeDefined();
  });
});
