import { HttpResponse, http } from "msw";
import { beforeEach, describe, expect, it } from "vitest";
import {
  type components,
  createMailboxClient,
  HelpScoutError,
  type MailboxClient,
} from "../src/index.js";
import { referenceEndpoints } from "./fixtures/reference-endpoints.js";
import { API, server, useMswServer } from "./msw/server.js";

type S = components["schemas"];

useMswServer();

const TOKEN = "hs-test-token-77d0";

interface Sent {
  method: string;
  path: string;
  query: Record<string, string>;
  auth: string | null;
}
const sent: Sent[] = [];
let answerWith: unknown;

beforeEach(() => {
  sent.length = 0;
  server.use(
    http.all(`${API}/v2/reports/*`, ({ request }) => {
      const url = new URL(request.url);
      sent.push({
        method: request.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        auth: request.headers.get("authorization"),
      });
      return HttpResponse.json(answerWith as object);
    }),
  );
});

// Parameters as the caller passes them: ISO 8601 UTC dates, CSV strings of ids and types.
const interval = { start: "2024-01-01T00:00:00Z", end: "2024-01-31T23:59:59Z" };
const previous = { previousStart: "2023-12-01T00:00:00Z", previousEnd: "2023-12-31T23:59:59Z" };
const filters = { mailboxes: "1,2", tags: "501,502", types: "email,chat", folders: "1234" };
const filtersWithoutTypes = { mailboxes: "1,2", tags: "501,502", folders: "1234" };
const user = 4;

// Report bodies (plain JSON), one per report shape.
const overview = {
  current: { conversations: 120, customersHelped: 80, resolved: 95 },
  previous: { conversations: 100, customersHelped: 70, resolved: 90 },
  deltas: { conversations: 20, customersHelped: 14.29, resolved: 5.56 },
} satisfies S["ReportOverview"];
const series = {
  current: [
    { date: "2024-01-01T00:00:00Z", count: 31 },
    { date: "2024-01-08T00:00:00Z", count: 27 },
  ],
  previous: [{ date: "2023-12-04T00:00:00Z", count: 22 }],
} satisfies S["ReportTimeSeries"];
const busyTimes = [
  { day: 1, hour: 9, count: 14 },
  { day: 1, hour: 10, count: 18 },
] satisfies S["ReportBusyTimes"];
const drilldown = {
  pages: 3,
  page: 2,
  count: 120,
  results: [{ id: 4287, number: 3411, subject: "Where is my order?" }],
} satisfies S["ReportDrilldown"];
const ratings = {
  pages: 1,
  page: 1,
  count: 1,
  results: [{ number: 3411, rating: "great", comments: "Fast and friendly" }],
} satisfies S["ReportRatings"];
const history = {
  pages: 1,
  page: 1,
  count: 1,
  results: [{ id: 4287, number: 3411, status: "closed", repliesSent: 2 }],
} satisfies S["ReportConversationHistory"];

interface ReportCase {
  path: string;
  call: (client: MailboxClient) => Promise<{ data?: unknown }>;
  /** The query string Help Scout must receive, parsed. */
  query: Record<string, string>;
  body: unknown;
}

const cases: ReportCase[] = [
  {
    path: "/v2/reports/company",
    call: (c) =>
      c.GET("/v2/reports/company", { params: { query: { ...interval, ...previous, ...filters } } }),
    query: { ...interval, ...previous, ...filters },
    body: overview,
  },
  {
    path: "/v2/reports/company/customers-helped",
    call: (c) =>
      c.GET("/v2/reports/company/customers-helped", {
        params: { query: { ...interval, ...filters, viewBy: "week" } },
      }),
    query: { ...interval, ...filters, viewBy: "week" },
    body: series,
  },
  {
    path: "/v2/reports/company/drilldown",
    call: (c) =>
      c.GET("/v2/reports/company/drilldown", {
        params: {
          query: {
            ...interval,
            ...filters,
            page: 2,
            rows: 50,
            range: "firstResponseTime",
            rangeId: 3,
          },
        },
      }),
    query: {
      ...interval,
      ...filters,
      page: "2",
      rows: "50",
      range: "firstResponseTime",
      rangeId: "3",
    },
    body: drilldown,
  },
  {
    path: "/v2/reports/conversations",
    call: (c) =>
      c.GET("/v2/reports/conversations", {
        params: { query: { ...interval, ...previous, ...filters } },
      }),
    query: { ...interval, ...previous, ...filters },
    body: overview,
  },
  {
    path: "/v2/reports/conversations/busy-times",
    call: (c) =>
      c.GET("/v2/reports/conversations/busy-times", {
        params: { query: { ...interval, ...filters } },
      }),
    query: { ...interval, ...filters },
    body: busyTimes,
  },
  {
    path: "/v2/reports/conversations/drilldown",
    call: (c) =>
      c.GET("/v2/reports/conversations/drilldown", {
        params: { query: { ...interval, ...filters, page: 2, rows: 25 } },
      }),
    query: { ...interval, ...filters, page: "2", rows: "25" },
    body: drilldown,
  },
  {
    path: "/v2/reports/conversations/fields-drilldown",
    call: (c) =>
      c.GET("/v2/reports/conversations/fields-drilldown", {
        params: { query: { ...interval, field: "tagid", fieldid: 501, page: 1, rows: 50 } },
      }),
    query: { ...interval, field: "tagid", fieldid: "501", page: "1", rows: "50" },
    body: drilldown,
  },
  {
    path: "/v2/reports/conversations/new",
    call: (c) =>
      c.GET("/v2/reports/conversations/new", {
        params: { query: { ...interval, ...previous, ...filters, viewBy: "day" } },
      }),
    query: { ...interval, ...previous, ...filters, viewBy: "day" },
    body: series,
  },
  {
    path: "/v2/reports/conversations/new-drilldown",
    call: (c) =>
      c.GET("/v2/reports/conversations/new-drilldown", {
        params: { query: { ...interval, ...filters, page: 3, rows: 10 } },
      }),
    query: { ...interval, ...filters, page: "3", rows: "10" },
    body: drilldown,
  },
  {
    path: "/v2/reports/conversations/received-messages",
    call: (c) =>
      c.GET("/v2/reports/conversations/received-messages", {
        params: { query: { ...interval, ...filters, viewBy: "month" } },
      }),
    query: { ...interval, ...filters, viewBy: "month" },
    body: series,
  },
  {
    path: "/v2/reports/conversations/volume-by-channel",
    call: (c) =>
      c.GET("/v2/reports/conversations/volume-by-channel", {
        params: { query: { ...interval, ...filters, viewBy: "week" } },
      }),
    query: { ...interval, ...filters, viewBy: "week" },
    body: series,
  },
  {
    path: "/v2/reports/docs",
    call: (c) =>
      c.GET("/v2/reports/docs", {
        params: { query: { ...interval, ...previous, sites: "77,78" } },
      }),
    query: { ...interval, ...previous, sites: "77,78" },
    body: overview,
  },
  {
    path: "/v2/reports/happiness",
    call: (c) => c.GET("/v2/reports/happiness", { params: { query: { ...interval, ...filters } } }),
    query: { ...interval, ...filters },
    body: overview,
  },
  {
    path: "/v2/reports/happiness/ratings",
    call: (c) =>
      c.GET("/v2/reports/happiness/ratings", {
        params: {
          query: {
            ...interval,
            ...filters,
            page: 1,
            sortField: "modifiedAt",
            sortOrder: "DESC",
            rating: "not-good",
          },
        },
      }),
    query: {
      ...interval,
      ...filters,
      page: "1",
      sortField: "modifiedAt",
      sortOrder: "DESC",
      rating: "not-good",
    },
    body: ratings,
  },
  {
    path: "/v2/reports/productivity",
    call: (c) =>
      c.GET("/v2/reports/productivity", {
        params: { query: { ...interval, ...filters, officeHours: true } },
      }),
    query: { ...interval, ...filters, officeHours: "true" },
    body: overview,
  },
  {
    path: "/v2/reports/productivity/first-response-time",
    call: (c) =>
      c.GET("/v2/reports/productivity/first-response-time", {
        params: { query: { ...interval, ...filters, officeHours: true, viewBy: "day" } },
      }),
    query: { ...interval, ...filters, officeHours: "true", viewBy: "day" },
    body: series,
  },
  {
    path: "/v2/reports/productivity/replies-sent",
    call: (c) =>
      c.GET("/v2/reports/productivity/replies-sent", {
        params: { query: { ...interval, ...filters, officeHours: true, viewBy: "week" } },
      }),
    query: { ...interval, ...filters, officeHours: "true", viewBy: "week" },
    body: series,
  },
  {
    path: "/v2/reports/productivity/resolution-time",
    call: (c) =>
      c.GET("/v2/reports/productivity/resolution-time", {
        params: { query: { ...interval, ...filters, officeHours: true, viewBy: "month" } },
      }),
    query: { ...interval, ...filters, officeHours: "true", viewBy: "month" },
    body: series,
  },
  {
    path: "/v2/reports/productivity/resolved",
    call: (c) =>
      c.GET("/v2/reports/productivity/resolved", {
        params: { query: { ...interval, ...previous, ...filters, viewBy: "day" } },
      }),
    query: { ...interval, ...previous, ...filters, viewBy: "day" },
    body: series,
  },
  {
    path: "/v2/reports/productivity/response-time",
    call: (c) =>
      c.GET("/v2/reports/productivity/response-time", {
        params: { query: { ...interval, ...filters, officeHours: true, viewBy: "week" } },
      }),
    query: { ...interval, ...filters, officeHours: "true", viewBy: "week" },
    body: series,
  },
  {
    path: "/v2/reports/user",
    call: (c) =>
      c.GET("/v2/reports/user", {
        params: { query: { ...interval, ...previous, ...filters, user, officeHours: true } },
      }),
    query: { ...interval, ...previous, ...filters, user: "4", officeHours: "true" },
    body: overview,
  },
  {
    path: "/v2/reports/user/conversation-history",
    call: (c) =>
      c.GET("/v2/reports/user/conversation-history", {
        params: { query: { ...interval, ...filters, user, status: "closed", page: 2 } },
      }),
    query: { ...interval, ...filters, user: "4", status: "closed", page: "2" },
    body: history,
  },
  {
    path: "/v2/reports/user/customers-helped",
    call: (c) =>
      c.GET("/v2/reports/user/customers-helped", {
        params: { query: { ...interval, ...filters, user, viewBy: "week" } },
      }),
    query: { ...interval, ...filters, user: "4", viewBy: "week" },
    body: series,
  },
  {
    path: "/v2/reports/user/drilldown",
    call: (c) =>
      c.GET("/v2/reports/user/drilldown", {
        params: { query: { ...interval, ...filters, user, page: 2, rows: 50 } },
      }),
    query: { ...interval, ...filters, user: "4", page: "2", rows: "50" },
    body: drilldown,
  },
  {
    path: "/v2/reports/user/happiness",
    call: (c) =>
      c.GET("/v2/reports/user/happiness", {
        params: { query: { ...interval, ...previous, ...filters, user } },
      }),
    query: { ...interval, ...previous, ...filters, user: "4" },
    body: overview,
  },
  {
    path: "/v2/reports/user/ratings",
    call: (c) =>
      c.GET("/v2/reports/user/ratings", {
        params: {
          query: { ...interval, ...filters, user, page: 1, sortField: "rating", rating: "great" },
        },
      }),
    query: {
      ...interval,
      ...filters,
      user: "4",
      page: "1",
      sortField: "rating",
      rating: "great",
    },
    body: ratings,
  },
  {
    path: "/v2/reports/user/replies",
    call: (c) =>
      c.GET("/v2/reports/user/replies", {
        params: { query: { ...interval, ...filters, user, viewBy: "day" } },
      }),
    query: { ...interval, ...filters, user: "4", viewBy: "day" },
    body: series,
  },
  {
    path: "/v2/reports/user/resolutions",
    call: (c) =>
      c.GET("/v2/reports/user/resolutions", {
        params: { query: { ...interval, ...filters, user, viewBy: "month" } },
      }),
    query: { ...interval, ...filters, user: "4", viewBy: "month" },
    body: series,
  },
  {
    path: "/v2/reports/chat",
    call: (c) =>
      c.GET("/v2/reports/chat", {
        params: { query: { ...interval, ...previous, ...filtersWithoutTypes, officeHours: true } },
      }),
    query: { ...interval, ...previous, ...filtersWithoutTypes, officeHours: "true" },
    body: overview,
  },
  {
    path: "/v2/reports/email",
    call: (c) =>
      c.GET("/v2/reports/email", {
        params: { query: { ...interval, ...filtersWithoutTypes, officeHours: true } },
      }),
    query: { ...interval, ...filtersWithoutTypes, officeHours: "true" },
    body: overview,
  },
  {
    path: "/v2/reports/phone",
    call: (c) =>
      c.GET("/v2/reports/phone", {
        params: { query: { ...interval, ...filtersWithoutTypes, officeHours: false } },
      }),
    query: { ...interval, ...filtersWithoutTypes, officeHours: "false" },
    body: overview,
  },
];

const mailbox = () => createMailboxClient({ accessToken: TOKEN });

describe("reports", () => {
  it("covers every report endpoint of the reference", () => {
    const reportPaths = referenceEndpoints
      .filter(([, path]) => path.startsWith("/v2/reports/"))
      .map(([, path]) => path);
    expect(reportPaths).toHaveLength(31);
    expect(cases.map((c) => c.path).sort()).toEqual([...reportPaths].sort());
  });

  it.each(cases)("GET $path sends its parameters and returns the JSON report", async (c) => {
    answerWith = c.body;

    const { data } = await c.call(mailbox());

    expect(sent).toEqual([
      { method: "GET", path: c.path, query: c.query, auth: `Bearer ${TOKEN}` },
    ]);
    // ISO dates and CSV lists arrive unchanged once decoded.
    expect(sent[0]?.query.start).toBe("2024-01-01T00:00:00Z");
    expect(sent[0]?.query.end).toBe("2024-01-31T23:59:59Z");
    expect(data).toEqual(c.body);
  });

  it("throws a forbidden HelpScoutError when the plan has no reports", async () => {
    server.use(
      http.get(`${API}/v2/reports/company`, () =>
        HttpResponse.json(
          {
            logRef: "5d1f3b7e-2c4a-4e8b-9f61-0a3c5e7d9b24#1187",
            message: "Access denied",
          } satisfies S["VndError"],
          { status: 403 },
        ),
      ),
    );

    const call = mailbox().GET("/v2/reports/company", { params: { query: interval } });

    await expect(call).rejects.toBeInstanceOf(HelpScoutError);
    await expect(call).rejects.toMatchObject({
      status: 403,
      code: "forbidden",
      logRef: "5d1f3b7e-2c4a-4e8b-9f61-0a3c5e7d9b24#1187",
      request: { method: "GET" },
    });
  });
});
