import { describe, expect, it } from "vitest";
import type { M } from "../src/types.js";
import { harness, spec } from "./mailbox-conversations-harness.js";

type Conversation = M["Conversation"];
const ids = (items: { id: number }[]) => items.map((item) => item.id).sort((a, b) => a - b);

describe("GET /v2/conversations", () => {
  it("defaults to active conversations, newest first, 50 a page, in the spec's shape", async () => {
    const { call, data } = harness();
    const answer = await call("GET", "/v2/conversations");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toContain("application/hal+json");
    expect(spec.errors("GET", "/v2/conversations", 200, answer.body)).toEqual([]);
    const active = [...data.conversations.values()].filter((c) => c.status === "active");
    expect(answer.body.page).toEqual({
      size: 50,
      totalElements: active.length,
      totalPages: Math.ceil(active.length / 50),
      number: 1,
    });
    const items: Conversation[] = answer.body._embedded.conversations;
    expect(items).toHaveLength(50);
    expect(items.every((c) => c.status === "active")).toBe(true);
    const created = items.map((c) => Date.parse(c.createdAt));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(items[0]?._embedded).toBeUndefined();
  });

  it("pages through every match with _links.next, keeping the filters", async () => {
    const { call, all, data } = harness();
    const first = await call("GET", "/v2/conversations?status=all&sortOrder=asc");
    expect(first.body._links.next.href).toContain("status=all");
    expect(first.body._links.next.href).toContain("sortOrder=asc");
    expect(first.body._links.next.href).toContain("page=2");
    const items = await all("/v2/conversations?status=all&sortOrder=asc");
    expect(items).toHaveLength(data.conversations.size);
    expect(new Set(items.map((c) => c.id)).size).toBe(data.conversations.size);
    const last = await call("GET", first.body._links.last.href.replace("http://emulator.test", ""));
    expect(last.body._links.next).toBeUndefined();
    expect(last.body._links.previous.href).toContain("page=");
  });

  it("filters by status, mailbox CSV, tag CSV, assignee, number and folder", async () => {
    const { all, data } = harness();
    const every = [...data.conversations.values()];
    for (const status of ["closed", "pending", "spam"] as const) {
      expect(ids(await all(`/v2/conversations?status=${status}`))).toEqual(
        ids(every.filter((c) => c.status === status)),
      );
    }
    expect(ids(await all("/v2/conversations?status=open"))).toEqual(
      ids(every.filter((c) => c.status === "active" || c.status === "pending")),
    );
    const [m1, m2] = [...data.mailboxes.keys()];
    expect(ids(await all(`/v2/conversations?status=all&mailbox=${m1},${m2}`))).toEqual(
      ids(every.filter((c) => c.mailboxId === m1 || c.mailboxId === m2)),
    );
    expect(ids(await all("/v2/conversations?status=all&tag=vip,refund"))).toEqual(
      ids(every.filter((c) => c.tags?.some((t) => t.tag === "vip" || t.tag === "refund"))),
    );
    const assignee = every.find((c) => c.assignee)?.assignee?.id;
    expect(ids(await all(`/v2/conversations?status=all&assigned_to=${assignee}`))).toEqual(
      ids(every.filter((c) => c.assignee?.id === assignee)),
    );
    const one = every[17] as Conversation;
    expect(ids(await all(`/v2/conversations?status=all&number=${one.number}`))).toEqual([one.id]);
    const closedFolder = data.folders.get(m1 as number)?.find((f) => f.type === "closed");
    expect(ids(await all(`/v2/conversations?status=all&folder=${closedFolder?.id}`))).toEqual(
      ids(every.filter((c) => c.mailboxId === m1 && c.status === "closed")),
    );
  });

  it("filters by modifiedSince on userUpdatedAt and by custom field values", async () => {
    const { all, data } = harness();
    const every = [...data.conversations.values()];
    const since = "2025-02-15T00:00:00Z";
    expect(ids(await all(`/v2/conversations?status=all&modifiedSince=${since}`))).toEqual(
      ids(every.filter((c) => Date.parse(c.userUpdatedAt ?? "") >= Date.parse(since))),
    );
    const withValue = every.find((c) => c.customFields?.some((f) => f.name === "Priority"));
    const priority = withValue?.customFields?.find((f) => f.name === "Priority");
    const byLabel = await all(
      `/v2/conversations?status=all&customFieldsByIds=${priority?.id}:${priority?.text}`,
    );
    expect(ids(byLabel)).toEqual(
      ids(
        every.filter((c) =>
          c.customFields?.some((f) => f.id === priority?.id && f.text === priority?.text),
        ),
      ),
    );
    expect(ids(byLabel)).toContain(withValue?.id);
  });

  it("sorts by the requested field and order", async () => {
    const { all } = harness();
    const bySubject = await all("/v2/conversations?status=all&sortField=subject&sortOrder=asc");
    const subjects = bySubject.map((c) => (c.subject ?? "").toLowerCase());
    expect(subjects).toEqual([...subjects].sort());
    const byModified = await all("/v2/conversations?status=all&sortField=modifiedAt");
    const stamps = byModified.map((c) => Date.parse(c.userUpdatedAt ?? ""));
    expect(stamps).toEqual([...stamps].sort((a, b) => b - a));
    const byNumber = await all("/v2/conversations?status=all&sortField=number&sortOrder=asc");
    const numbers = byNumber.map((c) => c.number);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it("embeds threads, newest first, with embed=threads", async () => {
    const { call, data } = harness();
    const answer = await call("GET", "/v2/conversations?status=closed&embed=threads");
    expect(spec.errors("GET", "/v2/conversations", 200, answer.body)).toEqual([]);
    for (const conversation of answer.body._embedded.conversations as Conversation[]) {
      const threads = conversation._embedded?.threads ?? [];
      expect(threads.map((t) => t.id)).toEqual(data.threads.get(conversation.id)?.map((t) => t.id));
      expect(threads).toHaveLength(conversation.threads ?? -1);
    }
  });

  it("answers 400 with every bad parameter listed", async () => {
    const { call } = harness();
    const answer = await call(
      "GET",
      "/v2/conversations?status=uhm&sortField=bogus&mailbox=1;2&modifiedSince=yesterday&page=0",
    );
    expect(answer.status).toBe(400);
    expect(answer.headers.get("content-type")).toContain("application/vnd.error+json");
    expect(spec.errors("GET", "/v2/conversations", 400, answer.body)).toEqual([]);
    expect(answer.body._embedded.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      "mailbox",
      "modifiedSince",
      "page",
      "sortField",
      "status",
    ]);
    expect(answer.body._embedded.errors[0]).toMatchObject({ source: "QUERY" });
  });
});
