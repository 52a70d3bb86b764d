import { describe, expect, it } from "vitest";
import { type Connection, MemoryConnectionStore } from "../src/index.js";
import { describeStoreContract } from "./store-contract.js";

const connection = (connectionId: string): Connection => ({
  providerConfigKey: "helpscout-mailbox",
  connectionId,
  credentials: {
    type: "OAUTH2",
    accessToken: `at-${connectionId}`,
    refreshToken: "rt",
    expiresAt: "2026-01-01T00:00:00Z",
  },
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
});

describe("MemoryConnectionStore", () => {
  it("stores copies, lists by provider and deletes", async () => {
    const store = new MemoryConnectionStore();
    const acme = connection("acme");
    await store.put(acme);
    await store.put({ ...connection("docs"), providerConfigKey: "helpscout-docs" });
    acme.credentials = { type: "API_KEY", apiKey: "changed after put" };
    const got = await store.get({ providerConfigKey: "helpscout-mailbox", connectionId: "acme" });
    expect(got?.credentials).toMatchObject({ accessToken: "at-acme" });
    expect((await store.list("helpscout-mailbox")).map((c) => c.connectionId)).toEqual(["acme"]);
    expect(
      await store.delete({ providerConfigKey: "helpscout-mailbox", connectionId: "acme" }),
    ).toBe(true);
    expect(
      await store.get({ providerConfigKey: "helpscout-mailbox", connectionId: "acme" }),
    ).toBeUndefined();
  });

  it("runs lock holders one after another, also after a failure", async () => {
    const store = new MemoryConnectionStore();
    const order: string[] = [];
    const hold = (name: string, fail = false) =>
      store.withLock("refresh:acme", async () => {
        order.push(`${name}:in`);
        await new Promise((r) => setTimeout(r, 5));
        order.push(`${name}:out`);
        if (fail) throw new Error("boom");
        return name;
      });
    const results = await Promise.allSettled([hold("a", true), hold("b"), hold("c")]);
    expect(order).toEqual(["a:in", "a:out", "b:in", "b:out", "c:in", "c:out"]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled", "fulfilled"]);
  });

  it("gives an OAuth state out once", async () => {
    const store = new MemoryConnectionStore();
    const value = {
      providerConfigKey: "helpscout-mailbox",
      connectionId: "acme",
      expiresAt: Date.now() + 60_000,
    };
    await store.putState("s1", value);
    expect(await store.takeState("s1")).toEqual(value);
    expect(await store.takeState("s1")).toBeUndefined();
  });
});

describeStoreContract("MemoryConnectionStore", { create: () => new MemoryConnectionStore() });
