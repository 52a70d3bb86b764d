import { describe, expect, it } from "vitest";
import { type EmulatedAccount, emulatedAccount, useMsw } from "./fixtures/emulated-account.js";
import { mailboxSnapshot } from "./fixtures/emulator-snapshot.js";
import { MemoryRecordStore } from "./fixtures/memory-record-store.js";
import { expectStoreToMatch, storedRecords } from "./fixtures/store-snapshot.js";
import { CONNECTION, syncAccount } from "./fixtures/sync-helpers.js";

useMsw();

const ACCOUNT_MODELS = ["mailboxes", "folders", "users", "teams", "tags", "workflows"];

async function expected(account: EmulatedAccount) {
  const snapshot = await mailboxSnapshot(account.reader.mailbox);
  return new Map([...snapshot].filter(([model]) => ACCOUNT_MODELS.includes(model)));
}

describe("mailboxes, folders, users, teams, tags, workflows", () => {
  it("a first sync stores every one of them, as the API lists them", async () => {
    const account = await emulatedAccount();
    const store = new MemoryRecordStore();
    const { summary } = await syncAccount(account, store, { models: ACCOUNT_MODELS });
    expect(summary.models.map((m) => [m.model, m.mode])).toEqual(
      ACCOUNT_MODELS.map((name) => [name, "full"]),
    );
    const snapshot = await expected(account);
    for (const model of summary.models) {
      expect(model.inserted, model.model).toBe(snapshot.get(model.model)?.size);
      expect(model.inserted, model.model).toBeGreaterThan(0);
    }
    await expectStoreToMatch(store, CONNECTION, snapshot);
  });

  it("folders are read per mailbox, reusing the mailbox ids the same run listed", async () => {
    const account = await emulatedAccount();
    const mailboxes = account.emulator.account().mailbox.mailboxes.size;
    const together = await syncAccount(account, new MemoryRecordStore(), {
      models: ["mailboxes", "folders"],
    });
    expect(together.model("mailboxes").requests).toBe(1);
    expect(together.model("folders").requests).toBe(mailboxes);
    const alone = await syncAccount(account, new MemoryRecordStore(), { models: ["folders"] });
    expect(alone.model("folders").requests).toBe(mailboxes + 1);
  });

  it("a re-sync with nothing changed rewrites nothing", async () => {
    const account = await emulatedAccount();
    const store = new MemoryRecordStore();
    await syncAccount(account, store, { models: ACCOUNT_MODELS });
    const { summary } = await syncAccount(account, store, { models: ACCOUNT_MODELS });
    for (const model of summary.models) {
      expect(model, model.model).toMatchObject({ inserted: 0, updated: 0, deleted: 0 });
      expect(model.unchanged, model.model).toBe(model.fetched);
    }
  });

  it("a tag that disappeared is marked deleted on the next sync; a changed one is rewritten", async () => {
    const account = await emulatedAccount();
    const store = new MemoryRecordStore();
    await syncAccount(account, store, { models: ["tags", "users"] });
    const data = account.emulator.account().mailbox;
    const [gone, renamed] = [...data.tags.values()];
    data.tags.delete(gone?.id ?? 0);
    if (renamed) renamed.color = "#123456";
    const [user] = [...data.users.values()];
    if (user) user.jobTitle = "Head of Records";

    const { model } = await syncAccount(account, store, { models: ["tags", "users"] });
    expect(model("tags")).toMatchObject({ deleted: 1, updated: 1, inserted: 0 });
    expect(model("users")).toMatchObject({ deleted: 0, updated: 1, inserted: 0 });
    const tag = (await storedRecords(store, CONNECTION, "tags")).get(String(gone?.id));
    expect(tag?.deletedAt).toEqual(expect.any(String));
    const snapshot = await expected(account);
    await expectStoreToMatch(
      store,
      CONNECTION,
      new Map([...snapshot].filter(([name]) => name === "tags" || name === "users")),
    );
  });
});
