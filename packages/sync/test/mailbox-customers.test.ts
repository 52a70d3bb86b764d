import { customerPatch } from "@terapi/helpscout-mailbox";
import { describe, expect, it } from "vitest";
import { type EmulatedAccount, emulatedAccount, useMsw } from "./fixtures/emulated-account.js";
import { mailboxSnapshot } from "./fixtures/emulator-snapshot.js";
import { MemoryRecordStore } from "./fixtures/memory-record-store.js";
import { expectStoreToMatch, storedRecords } from "./fixtures/store-snapshot.js";
import { CONNECTION, syncAccount } from "./fixtures/sync-helpers.js";

useMsw();

const CUSTOMERS = ["customers"];

async function expected(account: EmulatedAccount) {
  const snapshot = await mailboxSnapshot(account.reader.mailbox);
  return new Map([...snapshot].filter(([model]) => CUSTOMERS.includes(model)));
}

describe("customers", () => {
  it("a first sync stores every customer with its entries, as the API lists them", async () => {
    const account = await emulatedAccount();
    const store = new MemoryRecordStore();
    const { model, requests } = await syncAccount(account, store, { models: CUSTOMERS });
    expect(model("customers")).toMatchObject({ mode: "incremental", inserted: 120, deleted: 0 });
    expect(requests).toBe(Math.ceil((120 - 50) / 49) + 1);
    await expectStoreToMatch(store, CONNECTION, await expected(account));
    const watermark = (await store.getCheckpoint(CONNECTION, "customers"))?.watermark;
    const newest = Math.max(
      ...[...account.emulator.account().mailbox.customers.values()].map((c) =>
        Date.parse(c.updatedAt ?? ""),
      ),
    );
    expect(Date.parse(watermark ?? "")).toBe(newest);
  });

  it("a re-sync after a customer update fetches one page and rewrites only that customer", async () => {
    const account = await emulatedAccount();
    const store = new MemoryRecordStore();
    await syncAccount(account, store, { models: CUSTOMERS });
    const [customerId] = [...account.emulator.account().mailbox.customers.keys()];
    await account.reader.mailbox.PATCH("/v2/customers/{customerId}", {
      params: { path: { customerId: customerId ?? 0 } },
      body: [customerPatch.set("jobTitle", "Chief Synchronisation Officer")],
    });
    const before = new Date().toISOString();

    const { model, requests } = await syncAccount(account, store, { models: CUSTOMERS });
    expect(requests).toBe(1);
    expect(model("customers")).toMatchObject({ inserted: 0, updated: 1 });
    const rewritten = await store.listRecords({
      connectionId: CONNECTION,
      model: "customers",
      modifiedAfter: before,
    });
    expect(rewritten.records.map((r) => r.id)).toEqual([String(customerId)]);
    expect(rewritten.records[0]?.payload).toMatchObject({
      jobTitle: "Chief Synchronisation Officer",
    });
    await expectStoreToMatch(store, CONNECTION, await expected(account));
  });

  it("a deleted customer is marked deleted by a full re-sync, and only then", async () => {
    const account = await emulatedAccount();
    const store = new MemoryRecordStore();
    await syncAccount(account, store, { models: CUSTOMERS });
    const [customerId] = [...account.emulator.account().mailbox.customers.keys()];
    await account.reader.mailbox.DELETE("/v2/customers/{customerId}", {
      params: { path: { customerId: customerId ?? 0 }, query: { async: true } },
    });

    expect(
      (await syncAccount(account, store, { models: CUSTOMERS })).model("customers").deleted,
    ).toBe(0);
    const full = await syncAccount(account, store, { models: CUSTOMERS, full: true });
    expect(full.model("customers")).toMatchObject({
      mode: "full",
      deleted: 1,
      updated: 0,
      inserted: 0,
    });
    const record = (await storedRecords(store, CONNECTION, "customers")).get(String(customerId));
    expect(record?.deletedAt).toEqual(expect.any(String));
    await expectStoreToMatch(store, CONNECTION, await expected(account));
  });
});
