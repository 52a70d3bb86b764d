import { unwrap } from "@terapi/helpscout-mailbox";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { emulated, overrideHandlers, useMsw } from "./fixtures/emulated-clients.js";
import { picks } from "./fixtures/seed-picks.js";

useMsw();

async function setup() {
  const env = await emulated();
  const readCustomer = (customerId: number) =>
    unwrap(
      env.reader.mailbox.GET("/v2/customers/{customerId}", { params: { path: { customerId } } }),
    );
  return { ...env, seed: picks(env.account), readCustomer };
}

describe("upsert-customer", () => {
  it("creates a customer no one has the address of, then updates only what differs", async () => {
    const { run, readCustomer, requests } = await setup();
    const created = await run("upsert-customer", {
      email: "grace@example.net",
      firstName: "Grace",
      lastName: "Hopper",
      jobTitle: "Rear Admiral",
      phone: "+1 555 0100",
    });
    expect(created).toMatchObject({ created: true, updatedFields: [] });
    const stored = await readCustomer(created.customer.id);
    expect(stored).toMatchObject({
      firstName: "Grace",
      lastName: "Hopper",
      jobTitle: "Rear Admiral",
    });
    expect(stored._embedded?.emails?.map((e) => e.value)).toEqual(["grace@example.net"]);

    const updated = await run("upsert-customer", {
      email: "GRACE@example.net",
      firstName: "Grace",
      organization: "US Navy",
      phone: "+1-555-0100",
    });
    expect(updated).toMatchObject({ created: false, updatedFields: ["organization"] });
    expect(updated.customer.id).toBe(created.customer.id);
    expect(await readCustomer(created.customer.id)).toMatchObject({ organization: "US Navy" });

    // Up to date: a lookup and the read back, no write.
    const before = requests();
    const same = await run("upsert-customer", {
      email: "grace@example.net",
      organization: "US Navy",
    });
    expect(same).toMatchObject({ created: false, updatedFields: [] });
    expect(requests() - before).toBe(2);
  });

  it("finds an existing customer by any of their addresses and adds a missing phone", async () => {
    const { run, seed, readCustomer } = await setup();
    const output = await run("upsert-customer", {
      email: seed.customerEmail,
      phone: "+44 20 7946 0000",
      gender: "female",
    });
    expect(output.created).toBe(false);
    expect(output.customer.id).toBe(seed.customer.id);
    const stored = await readCustomer(seed.customer.id);
    expect(stored._embedded?.phones?.map((p) => p.value)).toContain("+44 20 7946 0000");
    expect(String(stored.gender).toLowerCase()).toBe("female");
  });
});

describe("find-customer", () => {
  it("finds by email (case-insensitive) and by id; a miss is found: false", async () => {
    const { run, seed } = await setup();
    const byEmail = await run("find-customer", { email: seed.customerEmail.toUpperCase() });
    expect(byEmail).toMatchObject({ found: true, customer: { id: seed.customer.id } });
    expect(byEmail.mergedFrom).toBeUndefined();
    expect(await run("find-customer", { id: seed.customer.id })).toMatchObject({
      found: true,
      customer: { id: seed.customer.id },
    });
    expect(await run("find-customer", { email: "nobody@nowhere.example" })).toEqual({
      found: false,
    });
    expect(await run("find-customer", { id: 987_654_321 })).toEqual({ found: false });
  });

  it("follows a merged customer id to the surviving customer", async () => {
    const { run, seed } = await setup();
    // The emulator does not merge customers; Help Scout answers a merged id like a merged
    // conversation: 301 to the survivor.
    overrideHandlers(
      http.get(
        "https://api.helpscout.net/v2/customers/424242",
        () =>
          new HttpResponse(null, {
            status: 301,
            headers: { location: `https://api.helpscout.net/v2/customers/${seed.customer.id}` },
          }),
      ),
    );
    expect(await run("find-customer", { id: 424_242 })).toMatchObject({
      found: true,
      mergedFrom: 424_242,
      customer: { id: seed.customer.id },
    });
  });

  it("reports other profiles sharing the address and returns the oldest", async () => {
    const { run, seed, mailbox } = await setup();
    // A second profile with the same address (Help Scout normally prevents this).
    const { createdId } = await import("@terapi/helpscout-mailbox");
    const duplicate = createdId(
      await mailbox.POST("/v2/customers", {
        body: { firstName: "Copy", emails: [{ type: "other", value: "shared@example.com" }] },
      }),
    );
    const original = seed.customer.id;
    await mailbox.PATCH("/v2/customers/{customerId}", {
      params: { path: { customerId: original } },
      body: [{ op: "add", path: "/emails", value: { type: "other", value: "shared@example.com" } }],
    });
    const output = await run("find-customer", { email: "shared@example.com" });
    expect(output).toMatchObject({
      found: true,
      customer: { id: original },
      duplicateIds: [duplicate],
    });
  });
});

describe("merged conversations", () => {
  it("writes land on the surviving conversation, and say so", async () => {
    const { run, seed, reader } = await setup();
    const { mergedId, survivorId } = seed;
    const note = await run("add-note", { conversationId: mergedId, text: "Noted on the old id" });
    expect(note).toMatchObject({ conversationId: survivorId, mergedFrom: mergedId });
    const assigned = await run("assign-conversation", {
      conversationId: mergedId,
      userId: seed.user.id,
    });
    expect(assigned).toMatchObject({ conversationId: survivorId, mergedFrom: mergedId });
    const reply = await run("reply-to-conversation", { conversationId: mergedId, text: "Reply" });
    expect(reply).toMatchObject({ conversationId: survivorId, mergedFrom: mergedId });
    const tags = await run("update-conversation-tags", {
      conversationId: mergedId,
      add: ["merged-ok"],
    });
    expect(tags).toMatchObject({ conversationId: survivorId, mergedFrom: mergedId });

    const survivor = await unwrap(
      reader.mailbox.GET("/v2/conversations/{conversationId}", {
        params: { path: { conversationId: survivorId }, query: { embed: "threads" } },
      }),
    );
    expect(survivor.assignee?.id).toBe(seed.user.id);
    expect(survivor.tags?.map((t) => t.tag)).toContain("merged-ok");
    const ids = survivor._embedded?.threads?.map((t) => t.id) ?? [];
    expect(ids).toEqual(expect.arrayContaining([note.threadId, reply.threadId]));
  });

  it("a conversation that does not exist is not_found, as a typed ActionError", async () => {
    const { mailbox } = await setup();
    const { runAction } = await import("../src/index.js");
    await expect(
      runAction(
        "change-conversation-status",
        { conversationId: 99_999_999, status: "closed" },
        { mailbox },
      ),
    ).rejects.toMatchObject({
      name: "ActionError",
      action: "change-conversation-status",
      code: "not_found",
      status: 404,
      rerunSafe: true,
    });
  });
});
