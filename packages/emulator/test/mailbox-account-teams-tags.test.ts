import { beforeEach, describe, expect, it } from "vitest";
import { type AccountBench, accountBench, ids } from "./fixtures/mailbox-account-data.js";
import { SpecValidator } from "./fixtures/spec-validator.js";

const spec = new SpecValidator("helpscout-mailbox");
let bench: AccountBench;

beforeEach(() => {
  bench = accountBench();
});

describe("teams", () => {
  it("lists teams without their member ids", async () => {
    const body = await (await bench.call("GET", "/v2/teams")).json();
    expect(spec.errors("GET", "/v2/teams", 200, body)).toEqual([]);
    expect(body._embedded.teams.map((t: { name: string }) => t.name)).toEqual([
      "Tier 2",
      "Billing",
    ]);
    expect(body._embedded.teams[0].memberIds).toBeUndefined();
    expect(body._embedded.teams[0]._links.members.href).toBe(
      "http://emulator.test/v2/teams/400/members",
    );
  });

  it("lists a team's members as users, and answers 404 for an unknown team", async () => {
    const body = await (await bench.call("GET", `/v2/teams/${ids.tier2}/members`)).json();
    expect(spec.errors("GET", "/v2/teams/{teamId}/members", 200, body)).toEqual([]);
    expect(body._embedded.users.map((u: { id: number }) => u.id)).toEqual([3, 4]);
    expect(body.page.totalElements).toBe(2);
    const missing = await bench.call("GET", "/v2/teams/3/members");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ message: "Team not found" });
  });
});

describe("tags", () => {
  it("lists all tags alphabetically with counts from the conversations", async () => {
    const body = await (await bench.call("GET", "/v2/tags")).json();
    expect(spec.errors("GET", "/v2/tags", 200, body)).toEqual([]);
    expect(
      body._embedded.tags.map((t: { name: string; ticketCount: number }) => [
        t.name,
        t.ticketCount,
      ]),
    ).toEqual([
      ["Billing", 1],
      ["refund", 2],
      ["vip", 0],
    ]);
  });

  it("keeps the stored counts when no conversation carries tags", async () => {
    for (const conversation of bench.account.mailbox.conversations.values()) conversation.tags = [];
    const body = await (await bench.call("GET", "/v2/tags")).json();
    expect(body._embedded.tags[0].ticketCount).toBe(99);
  });

  it("pages with page metadata and links that keep the query", async () => {
    const body = await (await bench.call("GET", "/v2/tags?page=2")).json();
    expect(body._embedded).toBeUndefined();
    expect(body.page).toEqual({ size: 50, totalElements: 3, totalPages: 1, number: 2 });
    expect(body._links.previous.href).toBe("http://emulator.test/v2/tags?page=1");
  });
});
