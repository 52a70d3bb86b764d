import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type RunningEmulator, startEmulator } from "@terapi/helpscout-emulator";
import {
  conversationPatch,
  createdId,
  createMailboxClient,
  type MailboxClient,
} from "@terapi/helpscout-mailbox";
import {
  createPgliteRecordStore,
  type SqlRecordStore,
  type SyncRecord,
  syncStoreWebhookListener,
} from "@terapi/helpscout-sync";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createWebhookHandler, ensureWebhook, type WebhookHandler } from "../src/index.js";
import { emulatorToken } from "./fixtures/emulated-mailbox.js";

vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

// Over real HTTP both ways: the emulator on one port, the receiving endpoint on another.
let emulator: RunningEmulator;
let mailbox: MailboxClient;
let store: SqlRecordStore;
let receiver: Server;
let receiverUrl: string;
const endpoints = new Map<string, WebhookHandler>();

beforeAll(async () => {
  emulator = await startEmulator({ seed: 5, rateLimits: { enabled: false } });
  mailbox = createMailboxClient({
    accessToken: await emulatorToken(emulator.url),
    baseUrl: emulator.url,
    throttle: false,
  });
  store = createPgliteRecordStore({ dataDir: "memory://" });
  receiver = createServer((req, res) => {
    const endpoint = endpoints.get(new URL(req.url ?? "/", "http://x").pathname);
    if (endpoint) void endpoint.node(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await emulator.close();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
  await store.close();
});

const mailboxIdOf = () => [...emulator.emulator.account().mailbox.mailboxes.keys()][0] ?? 0;

async function createConversation(subject: string): Promise<number> {
  return createdId(
    await mailbox.POST("/v2/conversations", {
      body: {
        subject,
        type: "email",
        mailboxId: mailboxIdOf(),
        status: "active",
        customer: { email: "e2e.customer@example.test" },
        threads: [
          { type: "customer", customer: { email: "e2e.customer@example.test" }, text: "Hi ✓" },
        ],
      },
    }),
  );
}

/** Waits for the emulator's deliveries (its admin flush), then for the handlers. */
async function flush(...handlers: WebhookHandler[]) {
  const answer = await fetch(`${emulator.url}/_emulator/webhooks/flush`, { method: "POST" });
  expect(answer.ok).toBe(true);
  await Promise.all(handlers.map((handler) => handler.idle()));
}

async function storedConversations(connectionId: string): Promise<Map<string, SyncRecord>> {
  const { records } = await store.listRecords({
    connectionId,
    model: "conversations",
    includeDeleted: true,
    limit: 1000,
  });
  return new Map(records.map((record) => [record.id, record]));
}

describe("end to end: the emulator delivers real signed events over HTTP", () => {
  it("registers with ensureWebhook, verifies each delivery, types it, and feeds the sync store", async () => {
    const secret = "e2e-webhook-secret";
    const subjects: string[] = [];
    const statuses: string[] = [];
    const deleted: number[] = [];
    const onError = vi.fn();
    const webhooks = createWebhookHandler({ secret, onError })
      .on("convo.created", (conversation) => {
        subjects.push(conversation.subject ?? "");
      })
      .on("convo.status", (conversation) => {
        statuses.push(`${conversation.id}:${conversation.status}`);
      })
      .on("convo.deleted", ({ id }) => {
        deleted.push(id);
      })
      .onAny(syncStoreWebhookListener(store, { connectionId: "e2e", mailbox }));
    endpoints.set("/helpscout", webhooks);

    const options = {
      url: `${receiverUrl}/helpscout`,
      events: ["convo.created", "convo.status", "convo.deleted"],
      secret,
    } as const;
    const registered = await ensureWebhook(mailbox, options);
    expect(registered.action).toBe("created");
    expect(await ensureWebhook(mailbox, options)).toMatchObject({ action: "unchanged" });

    const before = { ...emulator.emulator.stats };
    const id = await createConversation("Delivered over HTTP: déjà vu ✓");
    await mailbox.PATCH("/v2/conversations/{conversationId}", {
      params: { path: { conversationId: id } },
      body: conversationPatch.status("closed"),
    });
    const doomed = await createConversation("Soon gone");
    await mailbox.DELETE("/v2/conversations/{conversationId}", {
      params: { path: { conversationId: doomed } },
    });
    await flush(webhooks);

    expect(subjects).toEqual(["Delivered over HTTP: déjà vu ✓", "Soon gone"]);
    expect(statuses).toEqual([`${id}:closed`]);
    expect(deleted).toEqual([doomed]);
    expect(onError).not.toHaveBeenCalled();
    expect(emulator.emulator.stats.webhookDeliveries - before.webhookDeliveries).toBe(4);
    expect(emulator.emulator.stats.webhookFailures - before.webhookFailures).toBe(0);

    const stored = await storedConversations("e2e");
    const record = stored.get(String(id));
    expect(record?.payload).toMatchObject({
      id,
      status: "closed",
      _embedded: { threads: [expect.any(Object)] },
    });
    expect(stored.get(String(doomed))?.deletedAt).toEqual(expect.any(String));
  });

  it("keeps accepting through a secret rotation when the handler knows both secrets", async () => {
    const received: string[] = [];
    const webhooks = createWebhookHandler({ secret: ["rotated-secret", "original-secret"] }).on(
      "convo.created",
      (conversation) => {
        received.push(conversation.subject ?? "");
      },
    );
    endpoints.set("/rotating", webhooks);
    const options = {
      url: `${receiverUrl}/rotating`,
      events: ["convo.created"],
      secret: "original-secret",
    } as const;
    await ensureWebhook(mailbox, options);
    await createConversation("Signed with the original secret");
    await flush(webhooks);

    const rotated = await ensureWebhook(mailbox, { ...options, secret: "rotated-secret" });
    expect(rotated).toMatchObject({ action: "updated", changed: ["secret"] });
    await createConversation("Signed with the rotated secret");
    await flush(webhooks);
    expect(received).toEqual(["Signed with the original secret", "Signed with the rotated secret"]);

    // A handler that only knows the old secret refuses the new deliveries (401): the emulator retries, then gives up.
    const stale = createWebhookHandler({ secret: "original-secret" }).onAny(() => {
      received.push("stale handler ran");
    });
    endpoints.set("/rotating", stale);
    const failuresBefore = emulator.emulator.stats.webhookFailures;
    await createConversation("Refused");
    await flush(stale);
    expect(received).not.toContain("stale handler ran");
    expect(emulator.emulator.stats.webhookFailures - failuresBefore).toBe(4);
  });

  it("routes notification-mode deliveries ({url}) to onNotification, and the store reads the object", async () => {
    const urls: string[] = [];
    const webhooks = createWebhookHandler({ secret: "notify-secret" })
      .onNotification(({ url }, ctx) => {
        urls.push(`${ctx.event} ${url}`);
      })
      .onAny(syncStoreWebhookListener(store, { connectionId: "e2e-notify", mailbox }));
    endpoints.set("/notify", webhooks);
    await ensureWebhook(mailbox, {
      url: `${receiverUrl}/notify`,
      events: ["convo.created"],
      secret: "notify-secret",
      notification: true,
    });
    const id = await createConversation("Only a URL is sent");
    await flush(webhooks);

    expect(urls).toEqual([`convo.created ${emulator.url}/v2/conversations/${id}`]);
    const stored = await storedConversations("e2e-notify");
    expect(stored.get(String(id))?.payload).toMatchObject({
      id,
      subject: "Only a URL is sent",
      _embedded: { threads: [expect.any(Object)] },
    });
  });
});
