import { unwrap } from "@terapi/helpscout-mailbox";
import { describe, expect, it } from "vitest";
import { emulated, useMsw } from "./fixtures/emulated-clients.js";
import { picks } from "./fixtures/seed-picks.js";

useMsw();

async function setup() {
  const env = await emulated();
  const seed = picks(env.account);
  const read = async (conversationId: number, threads = false) =>
    unwrap(
      env.reader.mailbox.GET("/v2/conversations/{conversationId}", {
        params: { path: { conversationId }, ...(threads ? { query: { embed: "threads" } } : {}) },
      }),
    );
  return { ...env, seed, read };
}

describe("create-conversation", () => {
  it("uses the existing customer found by email and creates the conversation once", async () => {
    const { run, seed, read, requests } = await setup();
    const before = requests();
    const output = await run("create-conversation", {
      mailboxId: seed.mailboxId,
      subject: "Where is my order?",
      customer: { email: seed.customerEmail.toUpperCase(), firstName: "Ignored" },
      text: "Order #123 has not arrived.",
      tags: ["shipping"],
      status: "pending",
    });
    // A lookup, the one create, and the read back.
    expect(requests() - before).toBe(3);
    expect(output.customerCreated).toBe(false);
    expect(output.customerId).toBe(seed.customer.id);
    const stored = await read(output.conversation.id, true);
    expect(stored).toMatchObject({
      subject: "Where is my order?",
      status: "pending",
      mailboxId: seed.mailboxId,
      primaryCustomer: { id: seed.customer.id },
    });
    expect(stored.tags?.map((t) => t.tag)).toEqual(["shipping"]);
    const threads = stored._embedded?.threads ?? [];
    expect(threads).toHaveLength(1);
    expect(threads[0]).toMatchObject({ type: "customer", body: "Order #123 has not arrived." });
  });

  it("creates the customer when no one has the address, from the name given", async () => {
    const { run, seed, reader } = await setup();
    const output = await run("create-conversation", {
      mailboxId: seed.mailboxId,
      subject: "Hello",
      customer: { email: "new.person@example.org", firstName: "Nova", lastName: "Person" },
      text: "First contact",
    });
    expect(output.customerCreated).toBe(true);
    const customer = await unwrap(
      reader.mailbox.GET("/v2/customers/{customerId}", {
        params: { path: { customerId: output.customerId } },
      }),
    );
    expect(customer).toMatchObject({ firstName: "Nova", lastName: "Person" });
    expect(customer._embedded?.emails?.map((e) => e.value)).toContain("new.person@example.org");
  });

  it("starts a phone conversation with a phone thread, by customer id, assigned", async () => {
    const { run, seed, read } = await setup();
    const output = await run("create-conversation", {
      mailboxId: seed.mailboxId,
      subject: "Call about billing",
      type: "phone",
      customer: { id: seed.customer.id },
      text: "Called about the invoice.",
      assignTo: seed.user.id,
    });
    const stored = await read(output.conversation.id, true);
    expect(stored).toMatchObject({ type: "phone", assignee: { id: seed.user.id } });
    expect(stored._embedded?.threads?.[0]?.type).toBe("phone");
  });
});

describe("reply-to-conversation and add-note", () => {
  it("replies to the conversation's primary customer and sets the status", async () => {
    const { run, seed, read } = await setup();
    const output = await run("reply-to-conversation", {
      conversationId: seed.conversation.id,
      text: "<p>It ships today.</p>",
      status: "closed",
    });
    expect(output.conversationId).toBe(seed.conversation.id);
    const stored = await read(seed.conversation.id, true);
    const thread = stored._embedded?.threads?.find((t) => t.id === output.threadId);
    expect(thread).toMatchObject({ body: "<p>It ships today.</p>", createdBy: { type: "user" } });
    expect(stored.status).toBe("closed");
  });

  it("adds a note that only changes what the note says", async () => {
    const { run, seed, read } = await setup();
    const output = await run("add-note", {
      conversationId: seed.conversation.id,
      text: "Checked with the warehouse.",
      user: seed.otherUser.id,
    });
    const stored = await read(seed.conversation.id, true);
    const thread = stored._embedded?.threads?.find((t) => t.id === output.threadId);
    expect(thread).toMatchObject({ type: "note", body: "Checked with the warehouse." });
    expect(thread?.createdBy?.id).toBe(seed.otherUser.id);
  });
});

describe("assign, status, snooze", () => {
  it("assigns and then unassigns a conversation", async () => {
    const { run, seed, read } = await setup();
    const id = seed.conversation.id;
    expect(
      await run("assign-conversation", { conversationId: id, userId: seed.otherUser.id }),
    ).toEqual({ conversationId: id, assigneeId: seed.otherUser.id });
    expect((await read(id)).assignee?.id).toBe(seed.otherUser.id);
    await run("assign-conversation", { conversationId: id, userId: null });
    expect((await read(id)).assignee).toBeUndefined();
  });

  it("changes the status", async () => {
    const { run, seed, read } = await setup();
    const id = seed.conversation.id;
    for (const status of ["spam", "pending", "active", "closed"] as const) {
      await run("change-conversation-status", { conversationId: id, status });
      expect((await read(id)).status).toBe(status);
    }
  });

  it("snoozes until a time, replacing an earlier snooze", async () => {
    const { run, seed, read, emulator } = await setup();
    const id = seed.conversation.id;
    const inDays = (days: number) =>
      new Date(emulator.clock.now() + days * 86_400_000).toISOString().replace(/\.\d+Z$/, "Z");
    await run("snooze-conversation", { conversationId: id, until: inDays(1) });
    const output = await run("snooze-conversation", {
      conversationId: id,
      until: inDays(3),
      unsnoozeOnCustomerReply: true,
    });
    expect(output).toEqual({
      conversationId: id,
      snoozedUntil: inDays(3),
      unsnoozeOnCustomerReply: true,
    });
    expect((await read(id)).snooze).toMatchObject({
      snoozedUntil: inDays(3),
      unsnoozeOnCustomerReply: true,
    });
  });
});

describe("tags", () => {
  it("set-conversation-tags replaces the whole list; [] clears it", async () => {
    const { run, seed, read } = await setup();
    const id = seed.conversation.id;
    await run("set-conversation-tags", { conversationId: id, tags: ["vip", "refund"] });
    expect((await read(id)).tags?.map((t) => t.tag).sort()).toEqual(["refund", "vip"]);
    await run("set-conversation-tags", { conversationId: id, tags: [] });
    expect((await read(id)).tags ?? []).toEqual([]);
  });

  it("update-conversation-tags adds and removes, keeps the rest, and skips a no-op write", async () => {
    const { run, seed, read, requests } = await setup();
    const id = seed.conversation.id;
    await run("set-conversation-tags", { conversationId: id, tags: ["keep", "drop"] });
    const output = await run("update-conversation-tags", {
      conversationId: id,
      add: ["new", "KEEP"],
      remove: ["Drop", "absent"],
    });
    expect(output).toMatchObject({ tags: ["keep", "new"], added: ["new"], removed: ["drop"] });
    expect((await read(id)).tags?.map((t) => t.tag).sort()).toEqual(["keep", "new"]);
    const before = requests();
    const again = await run("update-conversation-tags", { conversationId: id, add: ["new"] });
    expect(again).toMatchObject({ added: [], removed: [], tags: ["keep", "new"] });
    expect(requests() - before).toBe(1); // the read only
  });
});

describe("set-conversation-custom-fields", () => {
  it("merges with the existing values by default, clears with null, replaces on request", async () => {
    const { run, seed, read } = await setup();
    const id = seed.conversation.id;
    const [first, second, third] = seed
      .customFields(seed.mailboxId)
      .filter((f) => f.type === "singleline" || f.type === "multiline" || f.type === "number");
    const fields = [first, second, third].filter((f) => f !== undefined);
    expect(fields.length).toBeGreaterThanOrEqual(2);
    const [a, b] = fields as [(typeof fields)[0], (typeof fields)[0]];
    const valueFor = (f: typeof a) => (f.type === "number" ? "42" : `text for ${f.id}`);
    const values = () =>
      read(id).then((c) => new Map((c.customFields ?? []).map((f) => [f.id, String(f.value)])));

    await run("set-conversation-custom-fields", {
      conversationId: id,
      fields: [{ id: a.id, value: valueFor(a) }],
      replace: true,
    });
    await run("set-conversation-custom-fields", {
      conversationId: id,
      fields: [{ id: b.id, value: valueFor(b) }],
    });
    expect(await values()).toEqual(
      new Map([
        [a.id, valueFor(a)],
        [b.id, valueFor(b)],
      ]),
    );
    await run("set-conversation-custom-fields", {
      conversationId: id,
      fields: [{ id: a.id, value: null }],
    });
    expect(await values()).toEqual(new Map([[b.id, valueFor(b)]]));
    await run("set-conversation-custom-fields", {
      conversationId: id,
      fields: [{ id: a.id, value: valueFor(a) }],
      replace: true,
    });
    expect(await values()).toEqual(new Map([[a.id, valueFor(a)]]));
  });
});

describe("run-workflow", () => {
  it("runs a manual workflow on conversations of its mailbox", async () => {
    const { run, seed, reader } = await setup();
    const workflow = seed.manualWorkflow;
    const targets = seed
      .conversationsOf(workflow.mailboxId)
      .slice(0, 2)
      .map((c) => c.id);
    expect(targets).toHaveLength(2);
    const output = await run("run-workflow", { workflowId: workflow.id, conversationIds: targets });
    expect(output).toEqual({ workflowId: workflow.id, conversationIds: targets });
    for (const conversationId of targets) {
      const { _embedded } = await unwrap(
        reader.mailbox.GET("/v2/conversations/{conversationId}/threads", {
          params: { path: { conversationId } },
        }),
      );
      expect(_embedded?.threads?.[0]?.action?.type, `conversation ${conversationId}`).toBe(
        "manual-workflow",
      );
    }
  });

  it("surfaces Help Scout's refusal of an automatic workflow as a typed error", async () => {
    const { seed, mailbox } = await setup();
    const { runAction } = await import("../src/index.js");
    const workflow = seed.automaticWorkflow;
    const target = seed.conversationsOf(workflow.mailboxId)[0]!.id;
    await expect(
      runAction(
        "run-workflow",
        { workflowId: workflow.id, conversationIds: [target] },
        { mailbox },
      ),
    ).rejects.toMatchObject({ name: "ActionError", code: "bad_request", status: 400 });
  });
});
