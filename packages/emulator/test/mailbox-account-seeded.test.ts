import { describe, expect, it } from "vitest";
import { createEmulator } from "../src/index.js";
import { SpecValidator } from "./fixtures/spec-validator.js";

const spec = new SpecValidator("helpscout-mailbox");
const emulator = createEmulator({ seed: 7, rateLimits: { enabled: false } });
const account = emulator.account("acme");
const data = account.mailbox;
emulator.tokens.access.set("seeded", {
  accountId: "acme",
  clientId: "acme-app",
  userId: account.ownerUserId,
  expiresAt: emulator.clock.now() + 3_600_000,
});

async function get(path: string, template: string) {
  const res = await emulator.fetch(
    new Request(`http://emulator.test${path}`, { headers: { authorization: "Bearer seeded" } }),
  );
  expect(res.status, path).toBe(200);
  const body = await res.json();
  expect(spec.errors("GET", template, 200, body), path).toEqual([]);
  return body;
}

const first = <K>(map: Map<K, unknown>): K => {
  const [key] = map.keys();
  if (key === undefined) throw new Error("the seed left a map empty");
  return key;
};

describe("account routes on the seeded data", () => {
  it("answer spec-valid mailboxes, folders, fields, routing and saved replies", async () => {
    const mailboxId = first(data.mailboxes);
    const list = await get("/v2/mailboxes", "/v2/mailboxes");
    expect(list.page.totalElements).toBe(data.mailboxes.size);
    await get(`/v2/mailboxes/${mailboxId}`, "/v2/mailboxes/{mailboxId}");
    await get(`/v2/mailboxes/${mailboxId}/fields`, "/v2/mailboxes/{mailboxId}/fields");
    await get(`/v2/mailboxes/${mailboxId}/folders`, "/v2/mailboxes/{mailboxId}/folders");
    await get(`/v2/mailboxes/${mailboxId}/routing`, "/v2/mailboxes/{mailboxId}/routing");
    const replies = await get(
      `/v2/mailboxes/${mailboxId}/saved-replies?includeChatReplies=true`,
      "/v2/mailboxes/{mailboxId}/saved-replies",
    );
    const [reply] = replies as { id: number }[];
    if (reply) {
      await get(
        `/v2/mailboxes/${mailboxId}/saved-replies/${reply.id}`,
        "/v2/mailboxes/{mailboxId}/saved-replies/{savedReplyId}",
      );
    }
  });

  it("answer spec-valid users, statuses, teams, tags, workflows and ratings", async () => {
    const me = await get("/v2/users/me", "/v2/users/me");
    expect(me.id).toBe(account.ownerUserId);
    const users = await get(`/v2/users?mailbox=${first(data.mailboxes)}`, "/v2/users");
    expect(users.page.totalElements).toBeGreaterThan(0);
    await get("/v2/users/status", "/v2/users/status");
    await get(`/v2/users/${me.id}/status`, "/v2/users/{userId}/status");
    await get(
      `/v2/users/${me.id}/conversation-reassignment`,
      "/v2/users/{userId}/conversation-reassignment",
    );
    const teams = await get("/v2/teams", "/v2/teams");
    expect(teams.page.totalElements).toBe(data.teams.size);
    await get(`/v2/teams/${first(data.teams)}/members`, "/v2/teams/{teamId}/members");
    await get("/v2/tags", "/v2/tags");
    await get("/v2/workflows?type=manual", "/v2/workflows");
    await get(`/v2/ratings/${first(data.ratings)}`, "/v2/ratings/{ratingId}");
  });

  it("compute non-empty reports over the seeded half year", async () => {
    const end = emulator.clock.iso();
    const start = emulator.clock.iso(-200 * 86_400_000);
    const interval = `start=${start}&end=${end}`;
    const company = await get(`/v2/reports/company?${interval}`, "/v2/reports/company");
    expect(company.current.customersHelped).toBeGreaterThan(0);
    const fresh = await get(
      `/v2/reports/conversations/new?${interval}&viewBy=month`,
      "/v2/reports/conversations/new",
    );
    const total = fresh.current.reduce(
      (sum: number, point: { count: number }) => sum + point.count,
      0,
    );
    expect(total).toBeGreaterThan(0);
    const drill = await get(
      `/v2/reports/conversations/drilldown?${interval}&rows=50`,
      "/v2/reports/conversations/drilldown",
    );
    expect(drill.results).toHaveLength(Math.min(50, drill.count));
    const ratings = await get(
      `/v2/reports/happiness/ratings?${interval}`,
      "/v2/reports/happiness/ratings",
    );
    expect(ratings.count).toBeGreaterThan(0);
  });
});
