import { describe, expect, it } from "vitest";
import type { M } from "../src/types.js";
import { emitted, harness, spec } from "./mailbox-conversations-harness.js";

function setup() {
  const h = harness();
  const mailboxId = [...h.data.mailboxes.keys()][0] as number;
  const conversation = [...h.data.conversations.values()].find(
    (c) => c.status === "active" && c.mailboxId === mailboxId,
  ) as M["Conversation"];
  return { ...h, mailboxId, conversation };
}

const newConversation = (mailboxId: number, extra: Record<string, unknown> = {}) => ({
  subject: "Cannot export invoices",
  type: "email",
  mailboxId,
  status: "active",
  customer: { email: "maya.lopez@example.com", firstName: "Maya", lastName: "Lopez" },
  threads: [
    { type: "customer", text: "<p>The export button does nothing.</p>" },
    { type: "note", text: "Checking with billing." },
  ],
  ...extra,
});

describe("POST /v2/conversations", () => {
  it("creates the conversation (201, Resource-ID, Location, no body) and a new customer", async () => {
    const { call, mailboxId, data, emit } = setup();
    const priority = data.customFields.get(mailboxId)?.find((f) => f.type === "dropdown");
    const option = priority?.options?.[2];
    const answer = await call(
      "POST",
      "/v2/conversations",
      newConversation(mailboxId, {
        tags: ["billing", "export-bug"],
        fields: [{ id: priority?.id, value: String(option?.id) }],
        assignTo: [...data.users.keys()][1],
      }),
    );
    expect(answer.status).toBe(201);
    expect(answer.body).toBeUndefined();
    const id = answer.headers.get("resource-id");
    expect(answer.headers.get("location")).toBe(`http://emulator.test/v2/conversations/${id}`);
    const got = await call("GET", `/v2/conversations/${id}?embed=threads`);
    expect(spec.errors("GET", "/v2/conversations/{conversationId}", 200, got.body)).toEqual([]);
    expect(got.body).toMatchObject({
      id: Number(id),
      subject: "Cannot export invoices",
      status: "active",
      state: "published",
      type: "email",
      mailboxId,
      threads: 2,
      primaryCustomer: { type: "customer", first: "Maya", email: "maya.lopez@example.com" },
      createdBy: { type: "customer" },
      assignee: { id: [...data.users.keys()][1] },
      customFields: [{ id: priority?.id, value: option?.id, text: option?.label }],
      preview: "The export button does nothing.",
    });
    expect(got.body.tags.map((t: { tag: string }) => t.tag)).toEqual(["billing", "export-bug"]);
    expect(got.body._embedded.threads.map((t: M["Thread"]) => t.type)).toEqual([
      "note",
      "customer",
    ]);
    const customer = await call("GET", `/v2/customers/${got.body.primaryCustomer.id}`);
    expect(customer.body._embedded.emails[0].value).toBe("maya.lopez@example.com");
    expect(emitted(emit)).toEqual(["customer.created", "tag.created", "convo.created"]);
    const [, event, payload] = emit.mock.calls.at(-1) ?? [];
    expect(event).toBe("convo.created");
    expect(payload).toMatchObject({ id: Number(id), _embedded: { threads: expect.any(Array) } });
  });

  it("reuses the customer an email or id names", async () => {
    const { call, mailboxId, data } = setup();
    const known = [...data.customers.values()][5] as M["Customer"];
    const email = known._embedded?.emails?.[0]?.value;
    const before = data.customers.size;
    const byEmail = await call(
      "POST",
      "/v2/conversations",
      newConversation(mailboxId, { customer: { email } }),
    );
    const byId = await call(
      "POST",
      "/v2/conversations",
      newConversation(mailboxId, { customer: { id: known.id } }),
    );
    expect(data.customers.size).toBe(before);
    for (const answer of [byEmail, byId]) {
      const got = await call("GET", `/v2/conversations/${answer.headers.get("resource-id")}`);
      expect(got.body.primaryCustomer.id).toBe(known.id);
    }
  });

  it("answers 400 vnd.error listing each missing or invalid field", async () => {
    const { call, mailboxId } = setup();
    const answer = await call("POST", "/v2/conversations", {
      type: "fax",
      mailboxId,
      status: "open",
      customer: { id: 1 },
      threads: [{ type: "tweet" }],
    });
    expect(answer.status).toBe(400);
    expect(spec.errors("POST", "/v2/conversations", 400, answer.body)).toEqual([]);
    expect(answer.body._embedded.errors).toEqual([
      { path: "subject", message: "may not be empty", rejectedValue: null, source: "JSON" },
      expect.objectContaining({ path: "type", rejectedValue: "fax", source: "JSON" }),
      expect.objectContaining({ path: "status", rejectedValue: "open" }),
      expect.objectContaining({ path: "customer.id", rejectedValue: 1 }),
      expect.objectContaining({ path: "threads[0].type", rejectedValue: "tweet" }),
      expect.objectContaining({ path: "threads[0].text" }),
    ]);
    const malformed = await call("POST", "/v2/conversations", "{not json");
    expect(malformed.status).toBe(400);
  });

  it("answers 412 for more than 100 threads", async () => {
    const { call, mailboxId, data } = setup();
    const before = data.conversations.size;
    const threads = Array.from({ length: 101 }, (_, i) => ({ type: "customer", text: `#${i}` }));
    const answer = await call("POST", "/v2/conversations", newConversation(mailboxId, { threads }));
    expect(answer.status).toBe(412);
    expect(answer.body.message).toBeTruthy();
    expect(data.conversations.size).toBe(before);
  });
});

describe("PATCH /v2/conversations/{id}", () => {
  it("applies each documented operation and bumps userUpdatedAt", async () => {
    const { call, conversation, data, emulator, emit } = setup();
    const path = `/v2/conversations/${conversation.id}`;
    const user = [...data.users.values()][2] as M["User"];
    const customer = [...data.customers.values()][9] as M["Customer"];
    const otherMailbox = [...data.mailboxes.keys()][1];
    const cases: [object, Record<string, unknown>, string | undefined][] = [
      [
        { op: "replace", path: "/subject", value: "New subject" },
        { subject: "New subject" },
        undefined,
      ],
      [
        { op: "replace", path: "/primaryCustomer.id", value: customer.id },
        { primaryCustomer: { id: customer.id } },
        undefined,
      ],
      [{ op: "replace", path: "/draft", value: true }, { state: "draft" }, undefined],
      [{ op: "replace", path: "/draft", value: false }, { state: "published" }, undefined],
      [
        { op: "move", path: "/mailboxId", value: otherMailbox },
        { mailboxId: otherMailbox },
        "convo.moved",
      ],
      [
        { op: "replace", path: "/status", value: "closed" },
        { status: "closed", closedBy: [...data.users.keys()][0] },
        "convo.status",
      ],
      [
        { op: "replace", path: "/assignTo", value: user.id },
        { assignee: { id: user.id, email: user.email } },
        "convo.assigned",
      ],
    ];
    for (const [operation, expected, event] of cases) {
      emulator.clock.advance(60_000);
      emit.mockClear();
      expect((await call("PATCH", path, operation)).status).toBe(204);
      const got = await call("GET", path);
      expect(got.body).toMatchObject(expected);
      expect(got.body.userUpdatedAt).toBe(emulator.clock.iso());
      expect(emitted(emit)).toEqual(event ? [event] : []);
    }
    expect((await call("PATCH", path, { op: "remove", path: "/assignTo" })).status).toBe(204);
    expect((await call("GET", path)).body.assignee).toBeUndefined();
  });

  it("answers 400 for unsupported operations and values", async () => {
    const { call, conversation } = setup();
    const path = `/v2/conversations/${conversation.id}`;
    const bad = [
      [{ op: "copy", path: "/subject", value: "x" }, "op"],
      [{ op: "replace", path: "/number", value: 1 }, "path"],
      [{ op: "remove", path: "/subject" }, "op"],
      [{ op: "replace", path: "/status", value: "archived" }, "value"],
      [{ op: "replace", path: "/assignTo", value: 1 }, "value"],
      [{ op: "move", path: "/mailboxId", value: 1 }, "value"],
    ] as const;
    for (const [operation, field] of bad) {
      const answer = await call("PATCH", path, operation);
      expect(answer.status).toBe(400);
      expect(answer.body._embedded.errors[0].path).toBe(field);
    }
    expect(
      (await call("PATCH", path, [{ op: "replace", path: "/subject", value: "x" }])).status,
    ).toBe(400);
  });
});

describe("merged, deleted and missing conversations", () => {
  it("answers 301 to the surviving conversation for a merged id, 404 on writes", async () => {
    const { call, data } = setup();
    const [oldId, survivor] = [...data.merged.entries()][0] as [number, number];
    const got = await call("GET", `/v2/conversations/${oldId}`);
    expect(got.status).toBe(301);
    expect(got.headers.get("location")).toBe(`http://emulator.test/v2/conversations/${survivor}`);
    const v3 = await call("GET", `/v3/conversations/${oldId}`);
    expect(v3.headers.get("location")).toBe(`http://emulator.test/v3/conversations/${survivor}`);
    const patch = await call("PATCH", `/v2/conversations/${oldId}`, {
      op: "replace",
      path: "/subject",
      value: "x",
    });
    expect(patch.status).toBe(404);
    expect((await call("POST", `/v2/conversations/${oldId}/notes`, { text: "x" })).status).toBe(
      404,
    );
  });

  it("deletes a conversation, its threads and attachments, and emits convo.deleted {id}", async () => {
    const { call, data, emit } = setup();
    const [attachmentId, stored] = [...data.attachments.entries()][0] ?? [];
    const id = stored?.conversationId as number;
    expect((await call("DELETE", `/v2/conversations/${id}`)).status).toBe(204);
    expect((await call("GET", `/v2/conversations/${id}`)).status).toBe(404);
    expect(data.threads.has(id)).toBe(false);
    expect(data.attachments.has(attachmentId as number)).toBe(false);
    expect(emit.mock.calls.at(-1)?.slice(1)).toEqual(["convo.deleted", { id }]);
    const missing = await call("DELETE", `/v2/conversations/${id}`);
    expect(missing.status).toBe(404);
    expect(spec.errors("DELETE", "/v2/conversations/{conversationId}", 404, missing.body)).toEqual(
      [],
    );
  });

  it("shows system users as user in v2 and as system_user in v3", async () => {
    const { call, data } = setup();
    const bot = [...data.users.values()].find((u) => u.type === "system_user") as M["User"];
    const conversation = [...data.conversations.values()][0] as M["Conversation"];
    conversation.assignee = { id: bot.id, type: "system_user", email: bot.email };
    expect((await call("GET", `/v2/conversations/${conversation.id}`)).body.assignee.type).toBe(
      "user",
    );
    expect((await call("GET", `/v3/conversations/${conversation.id}`)).body.assignee.type).toBe(
      "system_user",
    );
  });
});
