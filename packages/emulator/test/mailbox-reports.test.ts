import { beforeEach, describe, expect, it } from "vitest";
import { type AccountBench, accountBench } from "./fixtures/mailbox-account-data.js";
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
  expect(res.headers.get("content-type")).toContain("application/json");
  const body = await res.json();
  expect(spec.errors("GET", `/v2/reports/${path}`, 200, body)).toEqual([]);
  return body;
}

async function fieldErrors(path: string): Promise<string[]> {
  const res = await bench.call("GET", path);
  expect(res.status).toBe(400);
  const body = await res.json();
  return body._embedded.errors.map(
    (e: { path: string; source: string }) => `${e.path}:${e.source}`,
  );
}

describe("report parameters", () => {
  it("requires start and end on every report", async () => {
    expect(await fieldErrors("/v2/reports/company")).toEqual(["start:QUERY", "end:QUERY"]);
    expect(await fieldErrors("/v2/reports/chat?start=2024-03-01T00:00:00Z")).toEqual(["end:QUERY"]);
  });

  it("rejects malformed dates, an end before the start and half a comparison interval", async () => {
    expect(
      await fieldErrors("/v2/reports/conversations?start=yesterday&end=2024-03-01T00:00:00Z"),
    ).toEqual(["start:QUERY"]);
    expect(
      await fieldErrors(
        "/v2/reports/conversations?start=2024-03-02T00:00:00Z&end=2024-03-01T00:00:00Z",
      ),
    ).toEqual(["end:QUERY"]);
    expect(
      await fieldErrors(`/v2/reports/conversations?${MARCH}&previousStart=2024-02-01T00:00:00Z`),
    ).toEqual(["previousEnd:QUERY"]);
  });

  it("rejects malformed filters, viewBy, rows and officeHours", async () => {
    const query = `${MARCH}&mailboxes=10;11&types=email,fax&tags=a&folders=1,&viewBy=year&rows=51&officeHours=yes`;
    expect(await fieldErrors(`/v2/reports/productivity/resolved?${query}`)).toEqual([
      "mailboxes:QUERY",
      "tags:QUERY",
      "folders:QUERY",
      "types:QUERY",
      "viewBy:QUERY",
      "rows:QUERY",
      "officeHours:QUERY",
    ]);
  });

  it("requires user on the user reports, and answers 404 for an unknown user or team", async () => {
    expect(await fieldErrors(`/v2/reports/user?${MARCH}`)).toEqual(["user:QUERY"]);
    expect(await fieldErrors(`/v2/reports/user/replies?${MARCH}&user=me`)).toEqual(["user:QUERY"]);
    const unknown = await bench.call("GET", `/v2/reports/user/happiness?${MARCH}&user=999`);
    expect(unknown.status).toBe(404);
  });

  it("refuses series with too many points", async () => {
    const res = await bench.call(
      "GET",
      "/v2/reports/conversations/new?start=1900-01-01T00:00:00Z&end=2024-01-01T00:00:00Z",
    );
    expect(res.status).toBe(400);
    expect(
      (
        await report(
          "conversations/new",
          "start=1900-01-01T00:00:00Z&end=2024-01-01T00:00:00Z&viewBy=month",
        )
      ).current,
    ).toHaveLength(1489);
  });
});

describe("overview reports", () => {
  it("company: customers helped, replies, resolutions, users, compared with February", async () => {
    const body = await report("company", `${MARCH}&${FEBRUARY}`);
    expect(body.current).toMatchObject({
      startDate: "2024-03-01T00:00:00Z",
      endDate: "2024-03-15T23:59:59Z",
      customersHelped: 2,
      repliesSent: 4,
      resolved: 1,
      activeUsers: 2,
      totalConversations: 4,
    });
    expect(body.previous).toMatchObject({ customersHelped: 1, repliesSent: 1, resolved: 1 });
    expect(body.deltas).toMatchObject({ repliesSent: 300, resolved: 0 });
    expect(body.users.map((u: { user: { id: number } }) => u.user.id)).toEqual([3, 4]);
    expect(body.users[0].current).toEqual({ replies: 2, customersHelped: 1, closed: 1 });
  });

  it("conversations: volume, busiest slot, top tags and customers; filters narrow it", async () => {
    const body = await report("conversations", MARCH);
    expect(body.current).toMatchObject({ newConversations: 4, customers: 2, messagesReceived: 4 });
    expect(body.previous).toBeUndefined();
    expect(body.busiestDay).toEqual({ day: 1, hour: 9, count: 2 });
    expect(body.tags.top).toEqual([
      { id: 500, name: "refund", count: 1, percent: 25 },
      { id: 501, name: "Billing", count: 1, percent: 25 },
    ]);
    expect(body.channels).toEqual({ email: 2, chat: 1, phone: 1 });
    expect((await report("conversations", `${MARCH}&mailboxes=11`)).current.newConversations).toBe(
      1,
    );
    expect(
      (await report("conversations", `${MARCH}&types=chat,phone`)).current.newConversations,
    ).toBe(2);
    expect((await report("conversations", `${MARCH}&tags=500`)).current.newConversations).toBe(1);
    expect(
      (await report("conversations", `${MARCH}&folders=100,101`)).current.newConversations,
    ).toBe(2);
  });

  it("productivity: response and resolution times in seconds with time ranges", async () => {
    const body = await report("productivity", `${MARCH}&officeHours=true`);
    expect(body.current).toMatchObject({
      resolved: 1,
      resolvedOnFirstReply: 1,
      percentResolvedOnFirstReply: 100,
      firstResponseTime: 1050,
      responseTime: 740,
      resolutionTime: 10_200,
    });
    expect(body.firstResponseTime.count).toBe(2);
    expect(body.firstResponseTime.ranges[0]).toMatchObject({ id: 1, count: 1, percent: 50 });
  });

  it("happiness: rating counts and score, per user too", async () => {
    const body = await report("happiness", `${MARCH}&${FEBRUARY}`);
    expect(body.current).toMatchObject({
      ratingsCount: 2,
      great: 1,
      notGood: 1,
      happinessScore: 0,
    });
    expect(body.previous).toMatchObject({ ratingsCount: 1, okay: 1 });
    const cleo = await report("user/happiness", `${MARCH}&user=3`);
    expect(cleo.user).toMatchObject({ id: 3, type: "user", name: "Cleo Agent" });
    expect(cleo.current).toMatchObject({ ratingsCount: 1, great: 1, happinessScore: 100 });
  });

  it("user: one user's work, or a team's members' work", async () => {
    const cleo = await report("user", `${MARCH}&user=3`);
    expect(cleo.current).toMatchObject({
      repliesSent: 2,
      resolved: 1,
      customersHelped: 1,
      totalConversations: 2,
    });
    const team = await report("user", `${MARCH}&user=400`);
    expect(team.user).toMatchObject({ id: 400, type: "team", name: "Tier 2" });
    expect(team.current).toMatchObject({ repliesSent: 4, customersHelped: 2 });
  });

  it("channel reports cover only their channel", async () => {
    expect((await report("email", MARCH)).current).toMatchObject({
      newConversations: 2,
      repliesSent: 1,
    });
    expect((await report("chat", MARCH)).current).toMatchObject({
      newConversations: 1,
      repliesSent: 2,
      responseTime: 210,
    });
    expect((await report("phone", MARCH)).current).toMatchObject({
      newConversations: 1,
      messagesReceived: 0,
    });
  });

  it("docs: article figures of the account's sites", async () => {
    const body = await report("docs", `${MARCH}&${FEBRUARY}`);
    expect(body.current.articles).toBe(bench.account.docs.articles.size);
    expect(Array.isArray(body.topArticles)).toBe(true);
    const none = await report("docs", `${MARCH}&sites=nope`);
    expect(none.current.articles).toBe(0);
  });
});
