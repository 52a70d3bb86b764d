import { beforeEach, describe, expect, it } from "vitest";
import { type AccountBench, accountBench } from "./fixtures/mailbox-account-data.js";
import { SpecValidator } from "./fixtures/spec-validator.js";

const spec = new SpecValidator("helpscout-mailbox");
let bench: AccountBench;

const subscription = {
  url: "https://hooks.example.test/helpscout",
  events: ["convo.created", "customer.created"],
  secret: "s3cret",
};

beforeEach(() => {
  bench = accountBench();
});

async function create(body: unknown = subscription): Promise<number> {
  const res = await bench.call("POST", "/v2/webhooks", body);
  expect(res.status).toBe(201);
  return Number(res.headers.get("resource-id"));
}

describe("webhook management", () => {
  it("creates with 201 + Resource-ID + Location, stored enabled for the delivery", async () => {
    const res = await bench.call("POST", "/v2/webhooks", { ...subscription, mailboxIds: [10] });
    expect(res.status).toBe(201);
    expect(await res.text()).toBe("");
    const id = Number(res.headers.get("resource-id"));
    expect(res.headers.get("location")).toBe(`http://emulator.test/v2/webhooks/${id}`);
    expect(bench.account.mailbox.webhooks.get(id)).toEqual({
      id,
      url: subscription.url,
      state: "enabled",
      events: subscription.events,
      notification: false,
      payloadVersion: "V2",
      mailboxIds: [10],
      secret: "s3cret",
    });
  });

  it("gets and lists what was created", async () => {
    const first = await create();
    const second = await create({ ...subscription, label: "CRM", notification: true });
    const got = await (await bench.call("GET", `/v2/webhooks/${second}`)).json();
    expect(spec.errors("GET", "/v2/webhooks/{webhookId}", 200, got)).toEqual([]);
    expect(got).toMatchObject({ id: second, label: "CRM", notification: true, state: "enabled" });
    const list = await (await bench.call("GET", "/v2/webhooks")).json();
    expect(spec.errors("GET", "/v2/webhooks", 200, list)).toEqual([]);
    expect(list._embedded.webhooks.map((w: { id: number }) => w.id)).toEqual([first, second]);
  });

  it("answers an empty page when there are no webhooks", async () => {
    const list = await (await bench.call("GET", "/v2/webhooks")).json();
    expect(spec.errors("GET", "/v2/webhooks", 200, list)).toEqual([]);
    expect(list.page.totalElements).toBe(0);
  });

  it("requires url, events and secret", async () => {
    const res = await bench.call("POST", "/v2/webhooks", {});
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(spec.errors("POST", "/v2/webhooks", 400, body)).toEqual([]);
    expect(body._embedded.errors.map((e: { path: string }) => e.path)).toEqual([
      "url",
      "events",
      "secret",
    ]);
  });

  it("rejects bad urls, undocumented events, long secrets and unknown mailboxes", async () => {
    const res = await bench.call("POST", "/v2/webhooks", {
      url: "ftp://example.test",
      events: ["convo.created", "convo.exploded"],
      secret: "x".repeat(41),
      mailboxIds: [10, 99],
      payloadVersion: "V9",
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body._embedded.errors).toMatchObject([
      { path: "url", rejectedValue: "ftp://example.test", source: "JSON" },
      { path: "events[1]", rejectedValue: "convo.exploded" },
      { path: "secret" },
      { path: "payloadVersion", rejectedValue: "V9" },
      { path: "mailboxIds[1]", rejectedValue: 99 },
    ]);
    expect(bench.account.mailbox.webhooks.size).toBe(0);
  });

  it("accepts a 40-character secret and rejects an empty event list", async () => {
    await create({ ...subscription, secret: "x".repeat(40) });
    const empty = await bench.call("POST", "/v2/webhooks", { ...subscription, events: [] });
    expect(await empty.json()).toMatchObject({ _embedded: { errors: [{ path: "events" }] } });
  });

  it("replaces with PUT (omitted optional fields reset, state enabled again)", async () => {
    const id = await create({ ...subscription, label: "Old", notification: true });
    const stored = bench.account.mailbox.webhooks.get(id);
    if (stored) stored.state = "disabled";
    const put = await bench.call("PUT", `/v2/webhooks/${id}`, {
      url: "https://hooks.example.test/v2",
      events: ["tag.created"],
      secret: "new",
    });
    expect(put.status).toBe(204);
    const got = await (await bench.call("GET", `/v2/webhooks/${id}`)).json();
    expect(got).toMatchObject({
      url: "https://hooks.example.test/v2",
      events: ["tag.created"],
      state: "enabled",
      notification: false,
    });
    expect(got.label).toBeUndefined();
    expect((await bench.call("PUT", `/v2/webhooks/${id}`, { url: "nope" })).status).toBe(400);
    expect((await bench.call("PUT", "/v2/webhooks/9", subscription)).status).toBe(404);
  });

  it("deletes with 204, then answers 404", async () => {
    const id = await create();
    expect((await bench.call("DELETE", `/v2/webhooks/${id}`)).status).toBe(204);
    expect((await bench.call("GET", `/v2/webhooks/${id}`)).status).toBe(404);
    expect((await bench.call("DELETE", `/v2/webhooks/${id}`)).status).toBe(404);
  });
});

describe("ratings", () => {
  it("gets a rating with links to its conversation, mailbox, customer and user", async () => {
    const body = await (await bench.call("GET", "/v2/ratings/900")).json();
    expect(spec.errors("GET", "/v2/ratings/{ratingId}", 200, body)).toEqual([]);
    expect(body).toMatchObject({ id: 900, rating: "great", conversationId: 700 });
    expect(Object.keys(body._links).sort()).toEqual([
      "conversation",
      "customer",
      "mailbox",
      "self",
      "user",
    ]);
    expect((await bench.call("GET", "/v2/ratings/1")).status).toBe(404);
  });
});
