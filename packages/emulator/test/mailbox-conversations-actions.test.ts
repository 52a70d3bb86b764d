import { describe, expect, it } from "vitest";
import type { M } from "../src/types.js";
import { emitted, harness, spec } from "./mailbox-conversations-harness.js";

function setup() {
  const h = harness();
  const conversation = [...h.data.conversations.values()].find(
    (c) => c.status === "pending" && !c.snooze,
  ) as M["Conversation"];
  return { ...h, conversation, path: `/v2/conversations/${conversation.id}` };
}

describe("conversation tags, fields, snooze and attachments", () => {
  it("replaces the tags, creating unknown ones and keeping ticket counts", async () => {
    const { call, data, path, conversation, emit } = setup();
    const vip = [...data.tags.values()].find((t) => t.name === "vip") as M["Tag"];
    const vipCount = vip.ticketCount ?? 0;
    const had = conversation.tags?.some((t) => t.id === vip.id);
    expect((await call("PUT", `${path}/tags`, { tags: ["VIP", "needs-translation"] })).status).toBe(
      204,
    );
    const got = await call("GET", path);
    expect(got.body.tags.map((t: M["ConversationTag"]) => t.tag)).toEqual([
      "vip",
      "needs-translation",
    ]);
    expect(vip.ticketCount).toBe(had ? vipCount : vipCount + 1);
    const created = [...data.tags.values()].find((t) => t.name === "needs-translation");
    expect(created).toMatchObject({ slug: "needs-translation", ticketCount: 1 });
    expect(emitted(emit)).toEqual(["tag.created", "convo.tags"]);
    expect((await call("PUT", `${path}/tags`, { tags: [] })).status).toBe(204);
    expect((await call("GET", path)).body.tags).toEqual([]);
    expect(created?.ticketCount).toBe(0);
    expect((await call("PUT", `${path}/tags`, { tags: "vip" })).status).toBe(400);
  });

  it("replaces custom field values, checking them against the mailbox's fields", async () => {
    const { call, data, path, conversation, emit } = setup();
    const fields = data.customFields.get(conversation.mailboxId) ?? [];
    const byType = (type: string) => fields.find((f) => f.type === type) as M["MailboxCustomField"];
    const dropdown = byType("dropdown");
    const option = dropdown.options?.[0] as M["MailboxCustomFieldOption"];
    const body = {
      fields: [
        { id: dropdown.id, value: String(option.id) },
        { id: byType("number").id, value: "42" },
        { id: byType("date").id, value: "2025-06-30" },
      ],
    };
    expect((await call("PUT", `${path}/fields`, body)).status).toBe(204);
    expect((await call("GET", path)).body.customFields).toEqual([
      { id: dropdown.id, name: dropdown.name, value: option.id, text: option.label },
      { id: byType("number").id, name: "Seats", value: "42", text: "42" },
      { id: byType("date").id, name: "Renewal Date", value: "2025-06-30", text: "2025-06-30" },
    ]);
    expect(emitted(emit)).toEqual(["convo.custom-fields"]);
    const bad = await call("PUT", `${path}/fields`, {
      fields: [
        { id: byType("number").id, value: "forty" },
        { id: byType("date").id, value: "30/06/2025" },
        { id: dropdown.id, value: "999999" },
        { id: 1, value: "x" },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body._embedded.errors.map((e: { path: string }) => e.path)).toEqual([
      "fields[0].value",
      "fields[1].value",
      "fields[2].value",
      "fields[3].id",
    ]);
    expect((await call("PUT", `${path}/fields`, { fields: [] })).status).toBe(204);
    expect((await call("GET", path)).body.customFields).toEqual([]);
  });

  it("snoozes until a future time and unsnoozes", async () => {
    const { call, path, emulator, data } = setup();
    const until = emulator.clock.iso(86_400_000);
    const body = { snoozedUntil: until, unsnoozeOnCustomerReply: true };
    expect((await call("PUT", `${path}/snooze`, body)).status).toBe(204);
    const got = await call("GET", path);
    expect(got.body.snooze).toEqual({
      snoozedBy: [...data.users.keys()][0],
      snoozedUntil: until,
      unsnoozeOnCustomerReply: true,
    });
    expect(got.body.nextEvent).toMatchObject({ time: until, eventType: "snooze" });
    const past = await call("PUT", `${path}/snooze`, {
      ...body,
      snoozedUntil: "2020-01-01T00:00:00Z",
    });
    expect(past.status).toBe(400);
    const missing = await call("PUT", `${path}/snooze`, { snoozedUntil: until });
    expect(missing.body._embedded.errors[0].path).toBe("unsnoozeOnCustomerReply");
    expect((await call("DELETE", `${path}/snooze`)).status).toBe(204);
    const after = await call("GET", path);
    expect(after.body.snooze).toBeUndefined();
    expect(after.body.nextEvent).toBeUndefined();
  });

  it("uploads an attachment to a thread, serves its data and deletes it", async () => {
    const { call, data, path, conversation } = setup();
    const thread = data.threads.get(conversation.id)?.[0] as M["Thread"];
    const content = Buffer.from("order,total\n1001,49.00\n").toString("base64");
    const upload = { fileName: "orders.csv", mimeType: "text/csv", data: content };
    const created = await call("POST", `${path}/threads/${thread.id}/attachments`, upload);
    expect(created.status).toBe(201);
    const id = Number(created.headers.get("resource-id"));
    const threads = await call("GET", `${path}/threads`);
    const stored = threads.body._embedded.threads[0]._embedded.attachments.at(-1);
    expect(stored).toMatchObject({ id, filename: "orders.csv", mimeType: "text/csv", size: 23 });
    expect(stored._links.data.href).toBe(`http://emulator.test${path}/attachments/${id}/data`);
    const dataAnswer = await call("GET", `${path}/attachments/${id}/data`);
    expect(dataAnswer.body).toEqual({ data: content });
    expect(
      spec.errors(
        "GET",
        "/v2/conversations/{conversationId}/attachments/{attachmentId}/data",
        200,
        dataAnswer.body,
      ),
    ).toEqual([]);
    expect((await call("DELETE", `${path}/attachments/${id}`)).status).toBe(204);
    expect((await call("GET", `${path}/attachments/${id}/data`)).status).toBe(404);
    const bad = await call("POST", `${path}/threads/${thread.id}/attachments`, { fileName: "x" });
    expect(bad.body._embedded.errors.map((e: { path: string }) => e.path)).toEqual([
      "mimeType",
      "data",
    ]);
  });
});

describe("incremental sync", () => {
  it("returns exactly the conversations written since the last sync, newest change last", async () => {
    const { call, all, emulator, data } = setup();
    emulator.clock.advance(3_600_000);
    const since = emulator.clock.iso();
    expect(await all(`/v2/conversations?status=all&modifiedSince=${since}`)).toEqual([]);
    const [a, b, c, d] = [...data.conversations.values()].slice(10, 14) as M["Conversation"][];
    emulator.clock.advance(1000);
    await call("PATCH", `/v2/conversations/${a?.id}`, {
      op: "replace",
      path: "/status",
      value: "spam",
    });
    emulator.clock.advance(1000);
    await call("POST", `/v2/conversations/${b?.id}/notes`, { text: "Internal follow-up" });
    emulator.clock.advance(1000);
    await call("PUT", `/v2/conversations/${c?.id}/tags`, { tags: ["sync-test"] });
    emulator.clock.advance(1000);
    await call("POST", `/v2/conversations/${d?.id}/customer`, {
      customer: { id: d?.primaryCustomer?.id },
      text: "Hello again",
    });
    const changed = await all(
      `/v2/conversations?status=all&modifiedSince=${since}&sortField=modifiedAt&sortOrder=asc`,
    );
    expect(changed.map((x) => x.id)).toEqual([a?.id, b?.id, c?.id, d?.id]);
    expect(changed.map((x) => x.userUpdatedAt)).toEqual(
      [1, 2, 3, 4].map((s) => emulator.clock.iso((s - 4) * 1000)),
    );
  });
});
