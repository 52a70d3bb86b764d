import { paginate, unwrap } from "@terapi/helpscout-mailbox";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { ensureWebhook, isWebhookError, SUBSCRIBABLE_WEBHOOK_EVENTS } from "../src/index.js";
import { emulatedMailbox, server, useMsw } from "./fixtures/emulated-mailbox.js";

useMsw();

const URL_ = "https://hooks.example.test/helpscout";
const base = {
  url: URL_,
  events: ["convo.created", "convo.status"],
  secret: "first-secret",
} as const;

/** Counts the requests to `/v2/webhooks*` by method, passing them on to the emulator. */
function countWebhookCalls(): Record<string, number> {
  const counts: Record<string, number> = {};
  server.events.on("request:start", ({ request }) => {
    if (new URL(request.url).pathname.startsWith("/v2/webhooks")) {
      counts[request.method] = (counts[request.method] ?? 0) + 1;
    }
  });
  return counts;
}

describe("ensureWebhook", () => {
  it("creates a missing subscription, then leaves it alone while nothing differs", async () => {
    const { mailbox } = await emulatedMailbox();
    const created = await ensureWebhook(mailbox, base);
    expect(created).toEqual({ id: expect.any(Number), action: "created", changed: [] });
    const stored = await unwrap(
      mailbox.GET("/v2/webhooks/{webhookId}", { params: { path: { webhookId: created.id } } }),
    );
    expect(stored).toMatchObject({
      url: URL_,
      events: ["convo.created", "convo.status"],
      secret: "first-secret",
      notification: false,
      payloadVersion: "V2",
      state: "enabled",
    });

    const calls = countWebhookCalls();
    // Same subscription, events in another order.
    const again = await ensureWebhook(mailbox, {
      ...base,
      events: ["convo.status", "convo.created"],
    });
    expect(again).toEqual({ id: created.id, action: "unchanged", changed: [] });
    expect(calls).toEqual({ GET: 1 });
    server.events.removeAllListeners();
  });

  it("replaces the subscription (PUT) when events, secret or options differ, naming what changed", async () => {
    const { mailbox, emulator } = await emulatedMailbox();
    const mailboxId = [...emulator.account().mailbox.mailboxes.keys()][0]!;
    const { id } = await ensureWebhook(mailbox, base);
    const updates = [
      [{ ...base, events: ["convo.created"] }, ["events"]],
      [{ ...base, events: ["convo.created"], secret: "rotated-secret" }, ["secret"]],
      [
        {
          ...base,
          events: ["convo.created"],
          secret: "rotated-secret",
          label: "CRM",
          notification: true,
        },
        ["notification", "label"],
      ],
      [
        { ...base, events: ["convo.created"], secret: "rotated-secret", mailboxIds: [mailboxId] },
        ["notification", "label", "mailboxIds"],
      ],
    ] as const;
    for (const [options, changed] of updates) {
      expect(await ensureWebhook(mailbox, options)).toEqual({ id, action: "updated", changed });
    }
    const stored = emulator.account().mailbox.webhooks.get(id);
    expect(stored).toMatchObject({
      events: ["convo.created"],
      secret: "rotated-secret",
      mailboxIds: [mailboxId],
    });
    expect(stored?.label).toBeUndefined();
    expect(emulator.account().mailbox.webhooks.size).toBe(1);
  });

  it("re-enables a disabled subscription", async () => {
    const { mailbox, emulator } = await emulatedMailbox();
    const { id } = await ensureWebhook(mailbox, base);
    const stored = emulator.account().mailbox.webhooks.get(id)!;
    stored.state = "disabled"; // as after a 410 Gone
    expect(await ensureWebhook(mailbox, base)).toEqual({
      id,
      action: "updated",
      changed: ["state"],
    });
    expect(emulator.account().mailbox.webhooks.get(id)?.state).toBe("enabled");
  });

  it("finds its subscription on a later page of GET /v2/webhooks instead of creating another", async () => {
    const { mailbox, emulator } = await emulatedMailbox();
    for (let n = 0; n < 60; n += 1) {
      await ensureWebhook(mailbox, { ...base, url: `https://hooks.example.test/other/${n}` });
    }
    const last = await ensureWebhook(mailbox, {
      ...base,
      url: "https://hooks.example.test/other/59",
    });
    expect(last.action).toBe("unchanged");
    let listed = 0;
    for await (const _ of paginate(mailbox, "/v2/webhooks")) listed += 1;
    expect(listed).toBe(60); // 50 on page 1, the one looked for on page 2
    expect(emulator.account().mailbox.webhooks.size).toBe(60);
  });

  it("PUTs when the API does not return the secret, since it cannot be compared", async () => {
    const { mailbox, emulator } = await emulatedMailbox();
    const { id } = await ensureWebhook(mailbox, base);
    // A Help Scout that leaves the secret out of GET /v2/webhooks.
    server.use(
      http.get("https://api.helpscout.net/v2/webhooks", async ({ request }) => {
        const answer = await emulator.fetch(new Request(request.url, { headers: request.headers }));
        const body = (await answer.json()) as {
          _embedded?: { webhooks?: Array<Record<string, unknown>> };
        };
        for (const webhook of body._embedded?.webhooks ?? []) delete webhook.secret;
        return HttpResponse.json(body, { status: answer.status });
      }),
    );
    expect(await ensureWebhook(mailbox, base)).toEqual({
      id,
      action: "updated",
      changed: ["secret"],
    });
    expect(emulator.account().mailbox.webhooks.get(id)?.secret).toBe("first-secret");
  });

  it("refuses bad options before any call, never showing the secret", async () => {
    const { mailbox } = await emulatedMailbox();
    const calls = countWebhookCalls();
    const tooLong = "S".repeat(41);
    const cases = [
      [{ ...base, url: "ftp://hooks.example.test/" }, "http(s) URL"],
      [{ ...base, url: "not a url" }, "http(s) URL"],
      [{ ...base, events: [] }, "at least one event"],
      [{ ...base, events: [""] }, "non-empty event names"],
      [{ ...base, secret: "" }, "empty"],
      [{ ...base, secret: tooLong }, "at most 40"],
      [{ ...base, mailboxIds: [0] }, "positive integers"],
    ] as const;
    for (const [options, message] of cases) {
      const error = await ensureWebhook(mailbox, options).catch((e: unknown) => e);
      expect(isWebhookError(error), message).toBe(true);
      expect(error).toMatchObject({ code: "configuration_error" });
      expect((error as Error).message).toContain(message);
      expect(JSON.stringify(error)).not.toContain(tooLong);
    }
    expect(calls).toEqual({});
    server.events.removeAllListeners();
  });

  it("subscribes to every documented event the API accepts", async () => {
    const { mailbox } = await emulatedMailbox();
    const result = await ensureWebhook(mailbox, { ...base, events: SUBSCRIBABLE_WEBHOOK_EVENTS });
    expect(result.action).toBe("created");
  });
});
