import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { canonicalJson, contentHash, SqlRecordStore } from "../src/index.js";
import { createPgliteDriver } from "../src/pglite-driver.js";
import type { SqlDriver } from "../src/sql-driver.js";
import { checkpoint, conversation } from "./record-store-contract.js";

vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

/** Statements as the store sent them: `tx` inside a transaction, `plain` outside. */
interface Sent {
  where: "tx" | "plain";
  text: string;
}

/** A driver that records every statement, around a real PGlite one. */
function recordingDriver(inner: SqlDriver, sent: Sent[]): SqlDriver {
  return {
    query: (text, params) => {
      sent.push({ where: "plain", text });
      return inner.query(text, params);
    },
    transaction: (fn) =>
      inner.transaction((tx) =>
        fn({
          query: (text, params) => {
            sent.push({ where: "tx", text });
            return tx.query(text, params);
          },
        }),
      ),
    close: () => inner.close(),
  };
}

describe("SqlRecordStore statements", () => {
  let db: PGlite;
  let store: SqlRecordStore;
  const sent: Sent[] = [];
  beforeAll(async () => {
    db = await PGlite.create("memory://");
    store = new SqlRecordStore({ driver: recordingDriver(createPgliteDriver(db, true), sent) });
    await store.migrate();
  });
  afterAll(() => store.close());

  const fiftyConversations = (subject: string) =>
    Array.from({ length: 50 }, (_, i) => ({
      id: String(i + 1),
      payload: conversation(String(i + 1), subject),
      lastModifiedAt: "2026-02-01T00:00:00.000Z",
    }));

  it("commits a page of 50 conversations in one transaction of 2 statements (3 with deletions)", async () => {
    sent.length = 0;
    const result = await store.commitPage({
      connectionId: "acme",
      model: "conversations",
      records: fiftyConversations("First"),
      checkpoint: checkpoint(1),
    });
    expect(result.inserted).toBe(50);
    expect(sent.map((s) => s.where)).toEqual(["tx", "tx"]);

    sent.length = 0;
    await store.commitPage({
      connectionId: "acme",
      model: "conversations",
      records: fiftyConversations("Second"),
      deletedIds: ["1", "2"],
      checkpoint: checkpoint(2),
    });
    expect(sent.map((s) => s.where)).toEqual(["tx", "tx", "tx"]);
  });

  it("sweeps 10,000 seen ids in one statement plus the checkpoint", async () => {
    sent.length = 0;
    const seen = new Set(Array.from({ length: 10_000 }, (_, i) => String(i + 1)));
    seen.delete("50");
    expect(await store.sweep("acme", "conversations", seen, checkpoint(3))).toBe(1);
    expect(sent.map((s) => s.where)).toEqual(["tx", "tx"]);
  });

  it("migrates once, then only on an explicit migrate(), which changes nothing", async () => {
    sent.length = 0;
    await store.counts("acme");
    expect(sent).toHaveLength(1);
    sent.length = 0;
    await store.migrate();
    // Lock, look up the version table, read versions: no DDL on an up-to-date database.
    expect(sent.some((s) => /\b(CREATE|ALTER|DROP)\b/.test(s.text))).toBe(false);
  });
});

describe("contentHash", () => {
  it("is the sha256 of the JSON with sorted keys, whatever order the keys came in", () => {
    const a = { b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } };
    const b = { a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
    expect(contentHash(a)).toBe(contentHash(b));
    expect(contentHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("tells apart what JSON tells apart: array order, types, values", () => {
    expect(contentHash([1, 2])).not.toBe(contentHash([2, 1]));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: "1" }));
    expect(contentHash({ a: null })).not.toBe(contentHash({}));
  });

  it("keeps a __proto__ key as data", () => {
    const payload = JSON.parse('{"__proto__":{"x":1},"a":2}') as unknown;
    expect(canonicalJson(payload)).toBe('{"__proto__":{"x":1},"a":2}');
  });
});
