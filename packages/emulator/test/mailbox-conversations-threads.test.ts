import { describe, expect, it } from "vitest";
import type { M } from "../src/types.js";
import { emitted, harness, spec } from "./mailbox-conversations-harness.js";

function setup(status: M["ConversationStatus"] = "closed") {
  const h = harness();
  const conversation = [...h.data.conversations.values()].find(
    (c) => c.status === status,
  ) as M["Conversation"];
  const customerId = conversation.primaryCustomer?.id as number;
  return { ...h, conversation, customerId, path: `/v2/conversations/${conversation.id}` };
}

describe("threads", () => {
  it("lists a conversation's threads newest first in v2 and v3", async () => {
    const { call, data, path, conversation } = setup();
    const answer = await call("GET", `${path}/threads`);
    expect(
      spec.errors("GET", "/v2/conversations/{conversationId}/threads", 200, answer.body),
    ).toEqual([]);
    expect(answer.body._embedded.threads.map((t: M["Thread"]) => t.id)).toEqual(
      data.threads.get(conversation.id)?.map((t) => t.id),
    );
    const v3 = await call("GET", `/v3/conversations/${conversation.id}/threads`);
    expect(spec.errors("GET", "/v3/conversations/{conversationId}/threads", 200, v3.body)).toEqual(
      [],
    );
    expect((await call("GET", "/v2/conversations/1/threads")).status).toBe(404);
  });

  it("adds a reply: 201 + Resource-ID, re-activates, updates count, preview and stamp", async () => {
    const { call, path, conversation, emulator, emit } = setup();
    emulator.clock.advance(60_000);
    const before = conversation.threads ?? 0;
    const answer = await call("POST", `${path}/reply`, {
      customer: { id: conversation.primaryCustomer?.id },
      text: "<p>Here is the fix.</p>",
      cc: ["boss@example.com"],
    });
    expect(answer.status).toBe(201);
    const threadId = Number(answer.headers.get("resource-id"));
    const got = await call("GET", `${path}?embed=threads`);
    expect(got.body).toMatchObject({
      status: "active",
      threads: before + 1,
      preview: "Here is the fix.",
      userUpdatedAt: emulator.clock.iso(),
    });
    expect(got.body.closedAt).toBeUndefined();
    expect(got.body._embedded.threads[0]).toMatchObject({
      id: threadId,
      type: "reply",
      state: "published",
      body: "<p>Here is the fix.</p>",
      cc: ["boss@example.com"],
      createdBy: { type: "user" },
      to: [conversation.primaryCustomer?.email],
    });
    expect(emitted(emit)).toEqual(["convo.agent.reply.created"]);
  });

  it("adds notes, customer, phone and chat threads with their events and statuses", async () => {
    const { call, path, customerId, data, conversation, emit } = setup("pending");
    const cases = [
      ["notes", { text: "Internal" }, "note", "convo.note.created", "pending"],
      ["phones", { text: "Called", customer: { id: customerId } }, "phone", undefined, "pending"],
      [
        "customer",
        { text: "Any news?", customer: { id: customerId } },
        "customer",
        "convo.customer.reply.created",
        "active",
      ],
      [
        "chats",
        { text: "Hi!", customer: { id: customerId } },
        "chat",
        "convo.customer.reply.created",
        "active",
      ],
    ] as const;
    for (const [kind, body, type, event, status] of cases) {
      emit.mockClear();
      const answer = await call("POST", `${path}/${kind}`, body);
      expect(answer.status).toBe(201);
      const newest = data.threads.get(conversation.id)?.[0];
      expect(newest).toMatchObject({ id: Number(answer.headers.get("resource-id")), type });
      expect(conversation.status).toBe(status);
      expect(emitted(emit)).toEqual(event ? [event] : []);
    }
    expect(conversation.customerWaitingSince?.latestReplyFrom).toBe("customer");
  });

  it("creates a customer for an unknown email and checks required fields", async () => {
    const { call, path, data } = setup();
    const before = data.customers.size;
    const created = await call("POST", `${path}/customer`, {
      customer: { email: "someone.new@example.org", firstName: "Someone" },
      text: "Hello",
    });
    expect(created.status).toBe(201);
    expect(data.customers.size).toBe(before + 1);
    const bad = await call("POST", `${path}/reply`, { text: "" });
    expect(bad.status).toBe(400);
    expect(bad.body._embedded.errors.map((e: { path: string }) => e.path)).toEqual([
      "text",
      "customer",
    ]);
  });

  it("answers 412 once a conversation has 99 threads", async () => {
    const { call, path, conversation, data } = setup();
    const threads = data.threads.get(conversation.id) as M["Thread"][];
    while (threads.length < 98) threads.push({ ...(threads[0] as M["Thread"]), id: data.nextId++ });
    expect((await call("POST", `${path}/notes`, { text: "98 → 99" })).status).toBe(201);
    const full = await call("POST", `${path}/notes`, { text: "one too many" });
    expect(full.status).toBe(412);
    expect(threads).toHaveLength(99);
  });

  it("edits a thread's text and hides customer threads only", async () => {
    const { call, path, conversation, data } = setup();
    const threads = data.threads.get(conversation.id) as M["Thread"][];
    const customerThread = threads.find((t) => t.type === "customer") as M["Thread"];
    const lineitem = threads.find((t) => t.type === "lineitem") as M["Thread"];
    const at = `${path}/threads/${customerThread.id}`;
    expect(
      (await call("PATCH", at, { op: "replace", path: "/text", value: "Edited" })).status,
    ).toBe(204);
    expect(customerThread.body).toBe("Edited");
    expect((await call("PATCH", at, { op: "replace", path: "/hidden", value: true })).status).toBe(
      204,
    );
    expect(customerThread.state).toBe("hidden");
    expect((await call("PATCH", at, { op: "replace", path: "/hidden", value: false })).status).toBe(
      204,
    );
    expect(customerThread.state).toBe("published");
    const hideLine = await call("PATCH", `${path}/threads/${lineitem.id}`, {
      op: "replace",
      path: "/hidden",
      value: true,
    });
    expect(hideLine.status).toBe(400);
    expect((await call("PATCH", at, { op: "replace", path: "/status", value: "x" })).status).toBe(
      400,
    );
    expect(
      (await call("PATCH", `${path}/threads/1`, { op: "replace", path: "/text", value: "x" }))
        .status,
    ).toBe(404);
  });

  it("serves a thread's original source as JSON or as message/rfc822", async () => {
    const { call, path, conversation, data } = setup();
    const thread = data.threads
      .get(conversation.id)
      ?.find((t) => t.type === "customer") as M["Thread"];
    const json = await call("GET", `${path}/threads/${thread.id}/original-source`);
    expect(json.status).toBe(200);
    expect(json.body.original).toContain(`Subject: ${conversation.subject}`);
    expect(json.body.original).toContain(
      `From: "${thread.createdBy?.first} ${thread.createdBy?.last}" <${thread.createdBy?.email}>`,
    );
    const raw = await call("GET", `${path}/threads/${thread.id}/original-source`, undefined, {
      accept: "message/rfc822",
    });
    expect(raw.headers.get("content-type")).toBe("message/rfc822");
    expect(raw.body).toBe(json.body.original);
  });

  it("schedules a draft reply, sends it now, and unschedules", async () => {
    const { call, path, conversation, emulator, customerId, emit } = setup("active");
    const draft = await call("POST", `${path}/reply`, {
      customer: { id: customerId },
      text: "Later",
      draft: true,
    });
    const at = `${path}/threads/${draft.headers.get("resource-id")}/schedule`;
    const when = emulator.clock.iso(7_200_000);
    const body = { scheduledFor: when, unscheduleOnCustomerReply: true };
    expect((await call("PUT", at, body)).status).toBe(204);
    expect(conversation.nextEvent).toMatchObject({ time: when, eventType: "scheduled" });
    expect((await call("DELETE", at)).status).toBe(204);
    expect(conversation.nextEvent).toBeUndefined();
    expect((await call("PUT", at, { ...body, scheduledFor: "2001-01-01T00:00:00Z" })).status).toBe(
      400,
    );
    expect((await call("PUT", at, body)).status).toBe(204);
    emit.mockClear();
    const publish = { op: "replace", path: "/state", value: "published" };
    expect((await call("PATCH", at, publish)).status).toBe(204);
    const threads = await call("GET", `${path}/threads`);
    expect(threads.body._embedded.threads[0]).toMatchObject({ state: "published", body: "Later" });
    expect(threads.body._embedded.threads[0].scheduled).toBeUndefined();
    expect(emitted(emit)).toEqual(["convo.agent.reply.created"]);
    expect((await call("PATCH", at, publish)).status).toBe(400);
  });
});
