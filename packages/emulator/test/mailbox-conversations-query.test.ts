import { describe, expect, it } from "vitest";
import type { M } from "../src/types.js";
import { harness } from "./mailbox-conversations-harness.js";

type Conversation = M["Conversation"];
const ids = (items: { id: number }[]) => items.map((item) => item.id).sort((a, b) => a - b);
const q = (query: string, extra = "status=all") =>
  `/v2/conversations?${extra}&query=${encodeURIComponent(query)}`;

describe("GET /v2/conversations?query=…", () => {
  it("searches subjects (substring, case-insensitive)", async () => {
    const { all, data } = harness();
    const every = [...data.conversations.values()];
    const found = await all(q('(subject:"REFUND")'));
    expect(found.length).toBeGreaterThan(0);
    expect(ids(found)).toEqual(
      ids(every.filter((c) => c.subject?.toLowerCase().includes("refund"))),
    );
  });

  it("finds a customer's conversations by email and by name", async () => {
    const { all, data } = harness();
    const every = [...data.conversations.values()];
    const customer = every[3]?.primaryCustomer as M["PersonRef"];
    const mine = ids(every.filter((c) => c.primaryCustomer?.id === customer.id));
    expect(ids(await all(q(`(email:"${customer.email?.toUpperCase()}")`)))).toEqual(mine);
    const byName = await all(q(`(customerName:"${customer.first} ${customer.last}")`));
    expect(ids(byName)).toEqual(
      ids(
        every.filter((c) =>
          `${c.primaryCustomer?.first} ${c.primaryCustomer?.last}`.includes(
            `${customer.first} ${customer.last}`,
          ),
        ),
      ),
    );
    expect(ids(byName)).toEqual(expect.arrayContaining(mine));
  });

  it("matches tags, numbers and modifiedAt ranges", async () => {
    const { all, data } = harness();
    const every = [...data.conversations.values()];
    expect(ids(await all(q('(tag:"vip")')))).toEqual(
      ids(every.filter((c) => c.tags?.some((t) => t.tag === "vip"))),
    );
    const one = every[42] as Conversation;
    expect(ids(await all(q(`(number:${one.number})`)))).toEqual([one.id]);
    const from = "2025-02-01T00:00:00Z";
    const to = "2025-02-10T00:00:00Z";
    const modified = (c: Conversation) => Date.parse(c.userUpdatedAt ?? "");
    expect(ids(await all(q(`(modifiedAt:[${from} TO *])`)))).toEqual(
      ids(every.filter((c) => modified(c) >= Date.parse(from))),
    );
    expect(ids(await all(q(`(modifiedAt:[${from} TO ${to}])`)))).toEqual(
      ids(every.filter((c) => modified(c) >= Date.parse(from) && modified(c) <= Date.parse(to))),
    );
  });

  it("combines terms with AND, OR and NOT, and ANDs the query with the other filters", async () => {
    const { all, data } = harness();
    const every = [...data.conversations.values()];
    const has = (c: Conversation, tag: string) => c.tags?.some((t) => t.tag === tag) ?? false;
    expect(ids(await all(q('(tag:"vip" OR tag:"bug")')))).toEqual(
      ids(every.filter((c) => has(c, "vip") || has(c, "bug"))),
    );
    expect(ids(await all(q('(tag:"billing" AND subject:"invoice")')))).toEqual(
      ids(every.filter((c) => has(c, "billing") && c.subject?.toLowerCase().includes("invoice"))),
    );
    expect(ids(await all(q('(tag:"billing" NOT tag:"vip")')))).toEqual(
      ids(every.filter((c) => has(c, "billing") && !has(c, "vip"))),
    );
    expect(ids(await all(q('(tag:"billing" OR tag:"bug")', "status=closed")))).toEqual(
      ids(every.filter((c) => c.status === "closed" && (has(c, "billing") || has(c, "bug")))),
    );
  });

  it("finds a new conversation by its subject right after it is created", async () => {
    const { call, all, data } = harness();
    const mailboxId = [...data.mailboxes.keys()][0];
    const created = await call("POST", "/v2/conversations", {
      subject: "Rainbow unicorn export broken",
      type: "email",
      mailboxId,
      status: "active",
      customer: { email: "rainbow@example.com" },
      threads: [{ type: "customer", text: "It fails." }],
    });
    const found = await all(q('(subject:"rainbow unicorn")', "status=active"));
    expect(found.map((c) => c.id)).toEqual([Number(created.headers.get("resource-id"))]);
  });

  it("answers 400 for a malformed query or an unknown field", async () => {
    const { call } = harness();
    for (const query of ['(subject:"open', "(nosuchfield:1)", "(modifiedAt:[yesterday TO *])"]) {
      const answer = await call("GET", q(query));
      expect(answer.status).toBe(400);
      expect(answer.body._embedded.errors[0]).toMatchObject({
        path: "query",
        rejectedValue: query,
      });
    }
  });
});
