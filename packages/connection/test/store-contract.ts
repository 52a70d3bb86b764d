import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Connection, ConnectionStore, OAuthState } from "../src/index.js";

/** How {@link describeStoreContract} gets a fresh, empty store for each test. */
export interface StoreContractOptions {
  create: () => ConnectionStore | Promise<ConnectionStore>;
  /** Whether `takeState` refuses a state past its `expiresAt`. Default true. */
  refusesExpiredStates?: boolean;
  /** Skip the whole suite (e.g. its database is unreachable). */
  skip?: boolean;
}

/** An OAuth connection with metadata, as `Terapi` writes them (ISO timestamps with milliseconds). */
export const oauthConnection = (
  connectionId: string,
  accessToken = `at-${connectionId}`,
): Connection => ({
  providerConfigKey: "helpscout-mailbox",
  connectionId,
  credentials: {
    type: "OAUTH2",
    accessToken,
    refreshToken: `rt-${connectionId}`,
    expiresAt: "2026-01-03T00:00:00.000Z",
  },
  metadata: { mailboxes: [1, 2], note: "ünïcode ✓" },
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
});

const apiKeyConnection = (connectionId: string): Connection => ({
  providerConfigKey: "helpscout-docs",
  connectionId,
  credentials: { type: "API_KEY", apiKey: `key-${connectionId}` },
  createdAt: "2026-01-01T00:00:00.123Z",
  updatedAt: "2026-01-02T00:00:00.456Z",
});

const key = (c: Connection) => ({
  providerConfigKey: c.providerConfigKey,
  connectionId: c.connectionId,
});
const state = (expiresAt: number): OAuthState => ({
  providerConfigKey: "helpscout-mailbox",
  connectionId: "acme",
  expiresAt,
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The behaviour every {@link ConnectionStore} shares, run against each implementation. */
export function describeStoreContract(name: string, options: StoreContractOptions): void {
  describe.skipIf(options.skip === true)(`${name} (store contract)`, () => {
    let store: ConnectionStore;
    beforeEach(async () => {
      store = await options.create();
    });
    afterEach(async () => {
      await store.close?.();
    });

    it("round-trips connections of both kinds, and knows no others", async () => {
      const oauth = { ...oauthConnection("acme"), needsReauthorization: true };
      const docs = apiKeyConnection("acme");
      await store.put(oauth);
      await store.put(docs);
      expect(await store.get(key(oauth))).toEqual(oauth);
      expect(await store.get(key(docs))).toEqual(docs);
      expect(
        await store.get({ providerConfigKey: "helpscout-mailbox", connectionId: "nobody" }),
      ).toBeUndefined();
    });

    it("replaces a connection on put (upsert) and hands out copies", async () => {
      await store.put(oauthConnection("acme", "old-token"));
      const rotated = {
        ...oauthConnection("acme", "new-token"),
        updatedAt: "2026-01-02T00:00:00.000Z",
      };
      await store.put(rotated);
      const got = await store.get(key(rotated));
      expect(got).toEqual(rotated);
      if (got?.credentials.type === "OAUTH2") got.credentials.accessToken = "mutated";
      expect(await store.get(key(rotated))).toEqual(rotated);
      expect(await store.list()).toHaveLength(1);
    });

    it("lists all connections or one provider's", async () => {
      await store.put(oauthConnection("b"));
      await store.put(oauthConnection("a"));
      await store.put(apiKeyConnection("c"));
      const ids = (list: Connection[]) => list.map((c) => c.connectionId).sort();
      expect(ids(await store.list())).toEqual(["a", "b", "c"]);
      expect(ids(await store.list("helpscout-mailbox"))).toEqual(["a", "b"]);
      expect(await store.list("unknown")).toEqual([]);
    });

    it("deletes once", async () => {
      const acme = oauthConnection("acme");
      await store.put(acme);
      expect(await store.delete(key(acme))).toBe(true);
      expect(await store.delete(key(acme))).toBe(false);
      expect(await store.get(key(acme))).toBeUndefined();
    });

    it("runs holders of one lock one at a time, also after a failure", async () => {
      const order: string[] = [];
      const hold = (label: string, fail = false) =>
        store.withLock("refresh:acme", async () => {
          order.push(`${label}:in`);
          await sleep(10);
          order.push(`${label}:out`);
          if (fail) throw new Error("boom");
          return label;
        });
      const results = await Promise.allSettled([hold("a", true), hold("b"), hold("c")]);
      expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled", "fulfilled"]);
      // Which holder goes first is up to the lock; that they never overlap is the contract.
      for (let i = 0; i < order.length; i += 2) {
        expect(order[i + 1]).toBe(order[i]?.replace(":in", ":out"));
      }
      expect(await store.withLock("refresh:acme", async () => "free again")).toBe("free again");
    });

    it("does not make different lock names wait for each other", async () => {
      const inner = await store.withLock("outer", () =>
        store.withLock("inner", async () => "both held"),
      );
      expect(inner).toBe("both held");
    });

    it("gives an OAuth state out once, even to racing callers", async () => {
      const value = state(Date.now() + 60_000);
      await store.putState("s1", value);
      const taken = await Promise.all([1, 2, 3, 4, 5].map(() => store.takeState("s1")));
      expect(taken.filter((t) => t !== undefined)).toEqual([value]);
      expect(await store.takeState("s1")).toBeUndefined();
      expect(await store.takeState("never-put")).toBeUndefined();
    });

    it.skipIf(options.refusesExpiredStates === false)(
      "refuses an expired OAuth state",
      async () => {
        await store.putState("old", state(Date.now() - 1_000));
        expect(await store.takeState("old")).toBeUndefined();
      },
    );
  });
}
