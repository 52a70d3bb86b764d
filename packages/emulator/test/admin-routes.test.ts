import { describe, expect, it } from "vitest";
import { createEmulator, type Emulator } from "../src/index.js";
import type { M } from "../src/types.js";
import { SpecValidator } from "./fixtures/spec-validator.js";

const BASE = "http://emulator.test";

async function admin(
  emulator: Emulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> & { error?: string } }> {
  const res = await emulator.fetch(
    new Request(`${BASE}/_emulator${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    }),
  );
  expect(res.headers.get("content-type")).toContain("application/json");
  return { status: res.status, body: await res.json() };
}

function addConversation(emulator: Emulator, id: number, mailboxId = 5): M["Conversation"] {
  const conversation: M["Conversation"] = {
    id,
    number: id,
    threads: 1,
    type: "email",
    status: "closed",
    state: "published",
    subject: `Conversation ${id}`,
    mailboxId,
    createdAt: "2024-01-01T00:00:00Z",
    userUpdatedAt: "2024-01-01T00:00:00Z",
    primaryCustomer: {
      id: 900 + id,
      type: "customer",
      first: "Ada",
      last: "L",
      email: "ada@example.com",
    },
    _links: {},
  };
  const data = emulator.account().mailbox;
  data.conversations.set(id, conversation);
  data.threads.set(id, [
    { id: id * 10, type: "customer", state: "published", createdAt: "2024-01-01T00:00:00Z" },
  ]);
  return conversation;
}

describe("/_emulator admin API", () => {
  it("reports stats with the clock and token counts", async () => {
    const emulator = createEmulator({ clock: { startAt: Date.UTC(2025, 5, 1), speed: 0 } });
    await emulator.fetch(new Request(`${BASE}/v2/conversations`));
    const { status, body } = await admin(emulator, "GET", "/stats");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      requests: 1,
      rateLimited: 0,
      webhookDeliveries: 0,
      clock: { now: Date.UTC(2025, 5, 1), iso: "2025-06-01T00:00:00Z", speed: 0 },
      tokens: { access: 0, refresh: 0 },
    });
  });

  it("reads and patches the fault knobs, refusing bad values", async () => {
    const emulator = createEmulator();
    expect((await admin(emulator, "GET", "/faults")).body).toEqual({
      serverErrorRatio: 0,
      resetRatio: 0,
      latencyMs: 0,
      force429: 0,
    });
    const patched = await admin(emulator, "PUT", "/faults", { force429: 2, latencyMs: 5 });
    expect(patched.body).toMatchObject({ force429: 2, latencyMs: 5, serverErrorRatio: 0 });
    expect(emulator.faults.force429).toBe(2);
    for (const bad of [{ serverErrorRatio: 2 }, { force429: 1.5 }, { bogus: 1 }, [1]]) {
      const res = await admin(emulator, "PUT", "/faults", bad);
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual(expect.any(String));
    }
    expect(emulator.faults).toMatchObject({ serverErrorRatio: 0, force429: 2 });
  });

  it("moves the clock and sets its speed", async () => {
    const emulator = createEmulator({ clock: { startAt: 0, speed: 0 } });
    const advanced = await admin(emulator, "POST", "/clock/advance", { ms: 90_000 });
    expect(advanced.body).toMatchObject({ now: 90_000, iso: "1970-01-01T00:01:30Z" });
    expect((await admin(emulator, "PUT", "/clock", { speed: 60 })).body).toMatchObject({
      speed: 60,
    });
    expect(emulator.clock.speed).toBe(60);
    expect((await admin(emulator, "POST", "/clock/advance", { ms: -1 })).status).toBe(400);
    expect((await admin(emulator, "PUT", "/clock", { speed: 0 })).status).toBe(400);
  });

  it("patches the rate limits", async () => {
    const emulator = createEmulator();
    const res = await admin(emulator, "PUT", "/rate-limits", {
      mailboxPerMinute: 10,
      enabled: false,
    });
    expect(res.body).toEqual({ mailboxPerMinute: 10, docsPerTenMinutes: 2000, enabled: false });
    expect((await admin(emulator, "PUT", "/rate-limits", { enabled: "yes" })).status).toBe(400);
  });

  it("lists accounts with their demo credentials and registers redirect URIs", async () => {
    const emulator = createEmulator({ accounts: ["acme", "account-2"] });
    const { body } = await admin(emulator, "GET", "/accounts");
    expect(body.accounts).toEqual([
      {
        id: "acme",
        clientId: "acme-app",
        clientSecret: "acme-secret",
        docsApiKey: "acme-docs-key",
        ownerUserId: emulator.account().ownerUserId,
        redirectUri: "http://127.0.0.1/callback",
      },
      expect.objectContaining({ id: "account-2", clientId: "account-2-app" }),
    ]);
    const set = await admin(emulator, "POST", "/accounts/account-2/redirect-uri", {
      uri: "https://x.example/cb",
    });
    expect(set.body).toEqual({ id: "account-2", redirectUri: "https://x.example/cb" });
    const accounts = (await admin(emulator, "GET", "/accounts")).body.accounts as {
      redirectUri: string;
    }[];
    expect(accounts.map((a) => a.redirectUri)).toEqual([
      "http://127.0.0.1/callback",
      "https://x.example/cb",
    ]);
    expect(
      (await admin(emulator, "POST", "/accounts/nope/redirect-uri", { uri: "https://x.example" }))
        .status,
    ).toBe(404);
    expect(
      (await admin(emulator, "POST", "/accounts/acme/redirect-uri", { uri: "not a url" })).status,
    ).toBe(400);
  });

  it("simulates customer replies on distinct conversations and emits them", async () => {
    const emulator = createEmulator({
      clock: { startAt: Date.UTC(2025, 2, 3, 4, 5, 6), speed: 0 },
      size: { conversations: 0 },
    });
    for (const id of [1, 2, 3]) addConversation(emulator, id);
    const emitted: [string, unknown][] = [];
    emulator.emit = (_account, event, payload) => {
      emitted.push([event, payload]);
    };
    const { status, body } = await admin(emulator, "POST", "/accounts/acme/changes", {
      conversations: 2,
    });
    expect(status).toBe(200);
    const touched = body.touched as { conversationId: number; threadId: number }[];
    expect(touched).toHaveLength(2);
    expect(new Set(touched.map((t) => t.conversationId)).size).toBe(2);
    const data = emulator.account().mailbox;
    for (const { conversationId, threadId } of touched) {
      const conversation = data.conversations.get(conversationId);
      expect(conversation).toMatchObject({
        status: "active",
        threads: 2,
        userUpdatedAt: "2025-03-03T04:05:06Z",
      });
      expect(data.threads.get(conversationId)?.[0]).toMatchObject({
        id: threadId,
        type: "customer",
        state: "published",
        createdAt: "2025-03-03T04:05:06Z",
        customer: { id: 900 + conversationId, email: "ada@example.com" },
        createdBy: { id: 900 + conversationId, type: "customer" },
      });
    }
    expect(emitted.map(([event]) => event)).toEqual([
      "convo.customer.reply.created",
      "convo.customer.reply.created",
    ]);
    expect(emitted[0]?.[1]).toMatchObject({
      id: touched[0]?.conversationId,
      _embedded: { threads: expect.any(Array) },
    });
    const more = await admin(emulator, "POST", "/accounts/acme/changes", { conversations: 10 });
    expect(more.body.touched).toHaveLength(3);
    expect(
      (await admin(emulator, "POST", "/accounts/acme/changes", { conversations: -1 })).status,
    ).toBe(400);
    expect(
      (await admin(emulator, "POST", "/accounts/nope/changes", { conversations: 1 })).status,
    ).toBe(404);
  });

  it("touches seeded conversations with payloads that validate against the spec", async () => {
    const emulator = createEmulator({ seed: 4 });
    const emitted: unknown[] = [];
    emulator.emit = (_account, _event, payload) => {
      emitted.push(payload);
    };
    const before = emulator.account().mailbox.conversations.size;
    const { body } = await admin(emulator, "POST", "/accounts/acme/changes", { conversations: 3 });
    expect(before).toBeGreaterThan(3);
    expect(body.touched).toHaveLength(3);
    expect(emitted).toHaveLength(3);
    const spec = new SpecValidator("helpscout-mailbox");
    for (const payload of emitted) {
      expect(spec.errors("GET", "/v2/conversations/{conversationId}", 200, payload)).toEqual([]);
    }
  });

  it("flushes webhook deliveries in flight", async () => {
    const emulator = createEmulator({
      fetch: () => new Promise((resolve) => setTimeout(() => resolve(new Response(null)), 30)),
    });
    emulator.account().mailbox.webhooks.set(1, {
      id: 1,
      url: "https://hooks.example/",
      state: "enabled",
      events: ["customer.created"],
      secret: "s",
    });
    emulator.emit(emulator.account(), "customer.created", { id: 1 });
    const { body } = await admin(emulator, "POST", "/webhooks/flush");
    expect(body).toEqual({ webhookDeliveries: 1, webhookFailures: 0 });
  });
});
