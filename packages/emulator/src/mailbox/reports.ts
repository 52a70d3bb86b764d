import { type Context, Hono } from "hono";
import type { Account, EmulatorEnv } from "../types.js";
import { FieldErrors } from "./account-requests.js";
import {
  companyDrilldown,
  conversationsPage,
  fieldsDrilldown,
  historyPage,
  ratingsPage,
} from "./report-drilldowns.js";
import { activeIn, type ConversationFacts, selectFacts, within } from "./report-facts.js";
import { compared } from "./report-figures.js";
import { busyTimes } from "./report-lists.js";
import {
  channelReport,
  companyReport,
  conversationsReport,
  happinessReport,
  productivityReport,
  userReport,
} from "./report-overviews.js";
import { type Interval, parseReportQuery, type ReportQuery } from "./report-params.js";
import { bucketCount, MAX_POINTS, type SeriesKind, timeSeries } from "./report-series.js";

/** What a report handler gets: the request, the account, the validated query and its facts. */
interface ReportInput {
  c: Context<EmulatorEnv>;
  account: Account;
  query: ReportQuery;
  facts: ConversationFacts[];
}

type Build = (input: ReportInput) => unknown;

/**
 * The 31 report endpoints (`GET /v2/reports/...`, plain JSON). Every report requires `start` and
 * `end` (400 otherwise) and the `/user*` ones `user`; the figures are computed from the account's
 * conversations, threads and ratings in the interval, narrowed by `mailboxes`, `tags`, `types` and
 * `folders`, and compared with `previousStart`–`previousEnd` when given. Overviews answer
 * `{current, previous?, deltas?, …}`, time series `{current: [{date, …}], previous?}` by `viewBy`
 * (day, week starting Monday, month; UTC), drilldowns `{pages, page, count, results}`.
 */
export function reportsRoutes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  const data = (input: ReportInput) => input.account.mailbox;
  const add = (path: string, build: Build, options: { user?: boolean; channel?: string } = {}) => {
    app.get(`/v2/reports/${path}`, (c) => answer(c, build, options));
  };
  const series =
    (kind: SeriesKind): Build =>
    (i) =>
      timeSeries(i.facts, i.query, kind);
  const page =
    (keep: (i: ReportInput, f: ConversationFacts) => boolean): Build =>
    (i) =>
      conversationsPage(data(i), i.facts, i.query, (f) => keep(i, f));

  add("company", (i) => companyReport(data(i), i.facts, i.query));
  add("company/customers-helped", series("customersHelped"));
  add("company/drilldown", (i) => companyDrilldown(i.c, data(i), i.facts, i.query));
  add("conversations", (i) => conversationsReport(data(i), i.facts, i.query));
  add("conversations/busy-times", (i) => busyTimes(i.facts, i.query.current));
  add(
    "conversations/drilldown",
    page((i, f) => activeIn(f, i.query.current)),
  );
  add("conversations/fields-drilldown", (i) => fieldsDrilldown(i.c, data(i), i.facts, i.query));
  add("conversations/new", series("newConversations"));
  add(
    "conversations/new-drilldown",
    page((i, f) => within(f.createdAt, i.query.current)),
  );
  add("conversations/received-messages", series("receivedMessages"));
  add("conversations/volume-by-channel", series("volumeByChannel"));
  add("docs", docs);
  add("happiness", (i) => happinessReport(data(i), i.facts, i.query));
  add("happiness/ratings", (i) => ratingsPage(i.c, data(i), i.facts, i.query));
  add("productivity", (i) => productivityReport(i.facts, i.query));
  add("productivity/first-response-time", series("firstResponseTime"));
  add("productivity/replies-sent", series("repliesSent"));
  add("productivity/resolution-time", series("resolutionTime"));
  add("productivity/resolved", series("resolved"));
  add("productivity/response-time", series("responseTime"));
  const user = { user: true };
  add("user", (i) => userReport(data(i), i.facts, i.query), user);
  add("user/conversation-history", (i) => historyPage(i.c, data(i), i.facts, i.query), user);
  add("user/customers-helped", series("customersHelped"), user);
  add(
    "user/drilldown",
    page((i, f) => activeIn(f, i.query.current, i.query.subject?.userIds)),
    user,
  );
  add("user/happiness", (i) => happinessReport(data(i), i.facts, i.query), user);
  add("user/ratings", (i) => ratingsPage(i.c, data(i), i.facts, i.query), user);
  add("user/replies", series("repliesSent"), user);
  add("user/resolutions", series("resolved"), user);
  for (const channel of ["chat", "email", "phone"]) {
    add(channel, (i) => channelReport(i.facts, i.query), { channel });
  }
  return app;
}

function answer(
  c: Context<EmulatorEnv>,
  build: Build,
  options: { user?: boolean; channel?: string },
): Response {
  const parsed = parseReportQuery(c, options);
  if (parsed instanceof Response) return parsed;
  const query: ReportQuery = options.channel
    ? { ...parsed, types: new Set([options.channel]) }
    : parsed;
  const longest = Math.max(
    bucketCount(query.current, query.viewBy),
    query.previous ? bucketCount(query.previous, query.viewBy) : 0,
  );
  if (longest > MAX_POINTS) {
    const errors = new FieldErrors("QUERY");
    errors.add(
      "viewBy",
      `gives more than ${MAX_POINTS} data points; choose a longer one`,
      query.viewBy,
    );
    return errors.respond(c);
  }
  const account = c.get("account");
  const body = build({ c, account, query, facts: selectFacts(account.mailbox, query) });
  return body instanceof Response ? body : c.json(body);
}

/**
 * `/v2/reports/docs`: articles of the account's Docs sites (`sites`: CSV of site ids), with the
 * ten most viewed.
 */
function docs({ c, account, query }: ReportInput): Record<string, unknown> {
  const raw = c.req.query("sites");
  const sites = raw ? new Set(raw.split(",").map((site) => site.trim())) : undefined;
  const siteOf = (collectionId: string) => account.docs.collections.get(collectionId)?.siteId;
  const articles = [...account.docs.articles.values()].filter(
    (article) => !sites || sites.has(siteOf(article.collectionId) ?? ""),
  );
  const of = (interval: Interval) => {
    const at = (value: string | number | null | undefined) =>
      typeof value === "number" ? value : value ? Date.parse(value) : undefined;
    return {
      startDate: interval.startDate,
      endDate: interval.endDate,
      articles: articles.length,
      publishedArticles: articles.filter((a) => a.status === "published").length,
      articlesCreated: articles.filter((a) => within(at(a.createdAt), interval)).length,
      articlesUpdated: articles.filter((a) => within(at(a.updatedAt), interval)).length,
      views: articles.reduce((sum, a) => sum + (a.viewCount ?? 0), 0),
    };
  };
  const topArticles = [...articles]
    .sort((a, b) => (b.viewCount ?? 0) - (a.viewCount ?? 0) || a.id.localeCompare(b.id))
    .slice(0, 10)
    .map((a) => ({
      id: a.id,
      name: a.name,
      collectionId: a.collectionId,
      views: a.viewCount ?? 0,
    }));
  return { ...compared(of(query.current), query.previous && of(query.previous)), topArticles };
}
