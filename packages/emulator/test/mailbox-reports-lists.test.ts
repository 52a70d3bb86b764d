import { beforeEach, describe, expect, it } from "vitest";
import { type AccountBench, accountBench, ids } from "./fixtures/mailbox-account-data.js";
import { SpecValidator } from "./fixtures/spec-validator.js";

const spec = new SpecValidator("helpscout-mailbox");
const MARCH = "start=2024-03-01T00:00:00Z&end=2024-03-15T23:59:59Z";
const FEBRUARY = "previousStart=2024-02-01T00:00:00Z&previousEnd=2024-02-29T23:59:59Z";
let bench: AccountBench;

beforeEach(() => {
  bench = accountBench();
});

/** A report answer, checked for 200, JSON and the spec's schema; report shapes are open JSON. */
async function report(path: string, query: string) {
  const res = await bench.call("GET", `/v2/reports/${path}?${query}`);
  expect(res.status).toBe(200);
  const body = await res.json();
  expect(spec.errors("GET", `/v2/reports/${path}`, 200, body)).toEqual([]);
  return body;
}

const numbers = (body: { results: { number: number }[] }) => body.results.map((r) => r.number);

describe("time series", () => {
  it("buckets new conversations by day, week (from Monday) and month, zero-filled", async () => {
    const days = await report("conversations/new", MARCH);
    expect(days.current).toHaveLength(15);
    expect(days.current[3]).toEqual({ date: "2024-03-04T00:00:00Z", count: 1 });
    const weeks = await report("conversations/new", `${MARCH}&viewBy=week&${FEBRUARY}`);
    expect(weeks.current).toEqual([
      { date: "2024-02-26T00:00:00Z", count: 0 },
      { date: "2024-03-04T00:00:00Z", count: 3 },
      { date: "2024-03-11T00:00:00Z", count: 1 },
    ]);
    expect(weeks.previous.reduce((sum: number, p: { count: number }) => sum + p.count, 0)).toBe(1);
    const months = await report("conversations/new", `${MARCH}&viewBy=month`);
    expect(months.current).toEqual([{ date: "2024-03-01T00:00:00Z", count: 4 }]);
  });

  it("splits volume by channel and averages times per bucket", async () => {
    const volume = await report("conversations/volume-by-channel", `${MARCH}&viewBy=week`);
    expect(volume.current[1]).toEqual({
      date: "2024-03-04T00:00:00Z",
      email: 2,
      chat: 1,
      phone: 0,
    });
    expect(volume.current[2]).toEqual({
      date: "2024-03-11T00:00:00Z",
      email: 0,
      chat: 0,
      phone: 1,
    });
    const first = await report("productivity/first-response-time", `${MARCH}&viewBy=month`);
    expect(first.current).toEqual([{ date: "2024-03-01T00:00:00Z", time: 1050, count: 2 }]);
    const resolution = await report("productivity/resolution-time", `${MARCH}&viewBy=month`);
    expect(resolution.current[0]).toMatchObject({ time: 10_200, count: 1 });
  });

  it("counts messages, replies, resolutions and customers helped, per user too", async () => {
    const month = `${MARCH}&viewBy=month`;
    expect((await report("conversations/received-messages", month)).current[0].count).toBe(4);
    expect((await report("productivity/replies-sent", month)).current[0].count).toBe(4);
    expect((await report("productivity/resolved", month)).current[0].count).toBe(1);
    expect((await report("productivity/response-time", month)).current[0].time).toBe(740);
    expect((await report("company/customers-helped", month)).current[0].count).toBe(2);
    expect((await report("user/replies", `${month}&user=4`)).current[0].count).toBe(2);
    expect((await report("user/resolutions", `${month}&user=4`)).current[0].count).toBe(0);
    expect((await report("user/customers-helped", `${month}&user=3`)).current[0].count).toBe(1);
  });
});

describe("busy times", () => {
  it("counts new conversations per weekday (1 = Monday) and UTC hour, all 168 slots", async () => {
    const body = await report("conversations/busy-times", MARCH);
    expect(body).toHaveLength(168);
    const busy = body.filter((slot: { count: number }) => slot.count > 0);
    expect(busy).toEqual([
      { day: 1, hour: 9, count: 2 },
      { day: 2, hour: 10, count: 1 },
      { day: 3, hour: 15, count: 1 },
    ]);
  });
});

describe("drilldowns", () => {
  it("lists the interval's conversations newest first, paged by page and rows", async () => {
    const all = await report("conversations/drilldown", MARCH);
    expect(all).toMatchObject({ page: 1, pages: 1, count: 4 });
    expect(numbers(all)).toEqual([1702, 1704, 1701, 1700]);
    expect(all.results[3]).toMatchObject({
      id: 700,
      customerId: 600,
      status: "closed",
      tags: [{ id: 500, name: "refund" }],
    });
    const second = await report("conversations/drilldown", `${MARCH}&rows=3&page=2`);
    expect(second).toMatchObject({ page: 2, pages: 2, count: 4 });
    expect(numbers(second)).toEqual([1700]);
    expect(numbers(await report("conversations/new-drilldown", `${MARCH}&types=email`))).toEqual([
      1704, 1700,
    ]);
  });

  it("company drilldown narrows by range and rangeId", async () => {
    expect(numbers(await report("company/drilldown", `${MARCH}&range=resolved`))).toEqual([1700]);
    expect(numbers(await report("company/drilldown", `${MARCH}&range=replies&rangeId=2`))).toEqual([
      1701,
    ]);
    expect(
      numbers(await report("company/drilldown", `${MARCH}&range=firstResponseTime&rangeId=1`)),
    ).toEqual([1701]);
    expect(numbers(await report("company/drilldown", `${MARCH}&range=firstReplyResolved`))).toEqual(
      [1700],
    );
    const bad = await bench.call("GET", `/v2/reports/company/drilldown?${MARCH}&range=speed`);
    expect(bad.status).toBe(400);
    const orphan = await bench.call("GET", `/v2/reports/company/drilldown?${MARCH}&rangeId=2`);
    expect(await orphan.json()).toMatchObject({ _embedded: { errors: [{ path: "rangeId" }] } });
  });

  it("fields drilldown finds conversations by tag, saved reply, customer and workflow run", async () => {
    const by = async (field: string, id: number) =>
      numbers(
        await report("conversations/fields-drilldown", `${MARCH}&field=${field}&fieldid=${id}`),
      );
    expect(await by("tagid", 500)).toEqual([1700]);
    expect(await by("replyid", 300)).toEqual([1700]);
    expect(await by("customerid", 601)).toEqual([1704, 1701]);
    expect(await by("workflowid", ids.escalate)).toEqual([]);
    await bench.call("POST", `/v2/workflows/${ids.escalate}/run`, { conversationIds: [701] });
    expect(await by("workflowid", ids.escalate)).toEqual([1701]);
    const missing = await bench.call("GET", `/v2/reports/conversations/fields-drilldown?${MARCH}`);
    const errors = (await missing.json())._embedded.errors.map((e: { path: string }) => e.path);
    expect(errors).toEqual(["field", "fieldid"]);
  });

  it("user drilldown lists the conversations a user or team worked on", async () => {
    expect(numbers(await report("user/drilldown", `${MARCH}&user=3`))).toEqual([1702, 1700]);
    expect(numbers(await report("user/drilldown", `${MARCH}&user=400`))).toEqual([
      1702, 1701, 1700,
    ]);
  });
});

describe("ratings and history", () => {
  it("lists ratings filtered by value and sorted", async () => {
    const all = await report("happiness/ratings", MARCH);
    expect(all.results.map((r: { ratingId: number }) => r.ratingId)).toEqual([901, 900]);
    expect(all.results[1]).toMatchObject({
      rating: "great",
      number: 1700,
      ratingUserId: 3,
      ratingCustomerName: "Eve Customer",
    });
    const great = await report("happiness/ratings", `${MARCH}&rating=great`);
    expect(great.count).toBe(1);
    const bad = await report(
      "happiness/ratings",
      `${MARCH}&rating=not-good&sortField=number&sortOrder=ASC`,
    );
    expect(bad.results.map((r: { ratingId: number }) => r.ratingId)).toEqual([901]);
    const mine = await report("user/ratings", `${MARCH}&user=4`);
    expect(mine.results.map((r: { rating: string }) => r.rating)).toEqual(["not_good"]);
    expect(
      (await bench.call("GET", `/v2/reports/happiness/ratings?${MARCH}&rating=bad`)).status,
    ).toBe(400);
  });

  it("user conversation history carries replies and times, filtered by status", async () => {
    const body = await report("user/conversation-history", `${MARCH}&user=4`);
    expect(body.results).toMatchObject([{ id: 701, repliesSent: 2, responseTime: 210 }]);
    const cleo = await report("user/conversation-history", `${MARCH}&user=3&status=closed`);
    expect(cleo.results).toMatchObject([{ id: 700, repliesSent: 1, resolutionTime: 10_200 }]);
    const sorted = await report(
      "user/conversation-history",
      `${MARCH}&user=3&sortField=number&sortOrder=ASC`,
    );
    expect(numbers(sorted)).toEqual([1700, 1702]);
  });
});

describe("every report", () => {
  const paths = [
    "company",
    "company/customers-helped",
    "company/drilldown",
    "conversations",
    "conversations/busy-times",
    "conversations/drilldown",
    "conversations/fields-drilldown",
    "conversations/new",
    "conversations/new-drilldown",
    "conversations/received-messages",
    "conversations/volume-by-channel",
    "docs",
    "happiness",
    "happiness/ratings",
    "productivity",
    "productivity/first-response-time",
    "productivity/replies-sent",
    "productivity/resolution-time",
    "productivity/resolved",
    "productivity/response-time",
    "user",
    "user/conversation-history",
    "user/customers-helped",
    "user/drilldown",
    "user/happiness",
    "user/ratings",
    "user/replies",
    "user/resolutions",
    "chat",
    "email",
    "phone",
  ];

  it("has 31 endpoints whose answers validate against the spec, and each needs start/end", async () => {
    expect(paths).toHaveLength(31);
    for (const path of paths) {
      const extra = path.startsWith("user")
        ? "&user=3"
        : path.includes("fields")
          ? "&field=tagid&fieldid=500"
          : "";
      await report(path, `${MARCH}&${FEBRUARY}${extra}`);
      const missing = await bench.call(
        "GET",
        `/v2/reports/${path}?end=2024-03-15T23:59:59Z${extra}`,
      );
      expect(missing.status, path).toBe(400);
      expect(spec.errors("GET", `/v2/reports/${path}`, 400, await missing.json())).toEqual([]);
    }
  });
});
