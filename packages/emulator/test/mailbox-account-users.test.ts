import { beforeEach, describe, expect, it } from "vitest";
import { type AccountBench, accountBench, ids } from "./fixtures/mailbox-account-data.js";
import { SpecValidator } from "./fixtures/spec-validator.js";

const spec = new SpecValidator("helpscout-mailbox");
let bench: AccountBench;

beforeEach(() => {
  bench = accountBench();
});

type UserPage = { _embedded?: { users: { id: number; email: string; type: string }[] } };

async function userIds(path: string): Promise<number[]> {
  const res = await bench.call("GET", path);
  const body = (await res.json()) as UserPage;
  expect(spec.errors("GET", "/v2/users", 200, body)).toEqual([]);
  return (body._embedded?.users ?? []).map((u) => u.id);
}

describe("users", () => {
  it("lists users without system users, every one as type user", async () => {
    expect(await userIds("/v2/users")).toEqual([1, 2, 3, 4]);
  });

  it("filters by exact email (also alternate emails, case-insensitive)", async () => {
    expect(await userIds("/v2/users?email=Cleo@acme.test")).toEqual([3]);
    expect(await userIds("/v2/users?email=dan.alt@acme.test")).toEqual([4]);
    expect(await userIds("/v2/users?email=cleo@acme")).toEqual([]);
  });

  it("filters by mailbox access: owners and admins, and users with a folder there", async () => {
    expect(await userIds("/v2/users?mailbox=11")).toEqual([1, 2, 4]);
    expect(await userIds("/v2/users?mailbox=10")).toEqual([1, 2, 3, 4]);
    expect(await userIds("/v2/users?mailbox=99")).toEqual([]);
    const bad = await bench.call("GET", "/v2/users?mailbox=sales");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ _embedded: { errors: [{ path: "mailbox" }] } });
  });

  it("gets one user and answers 404 for unknown ids", async () => {
    const res = await bench.call("GET", "/v2/users/3");
    const body = await res.json();
    expect(spec.errors("GET", "/v2/users/{userId}", 200, body)).toEqual([]);
    expect(body).toMatchObject({ id: 3, firstName: "Cleo", type: "user" });
    expect((await bench.call("GET", "/v2/users/42")).status).toBe(404);
    expect((await bench.call("GET", "/v2/users/nobody")).status).toBe(404);
  });

  it("answers /v2/users/me with the token's user, not as a {userId}", async () => {
    const mine = await (await bench.call("GET", "/v2/users/me")).json();
    expect(spec.errors("GET", "/v2/users/me", 200, mine)).toEqual([]);
    expect(mine).toMatchObject({ id: ids.owner, role: "owner" });
    const cleo = await (await bench.call("GET", "/v2/users/me", undefined, ids.cleo)).json();
    expect(cleo).toMatchObject({ id: ids.cleo });
  });
});

describe("user statuses", () => {
  it("lists every user's status at the literal /v2/users/status, defaults included", async () => {
    const body = await (await bench.call("GET", "/v2/users/status")).json();
    expect(spec.errors("GET", "/v2/users/status", 200, body)).toEqual([]);
    expect(body._embedded.userStatuses).toMatchObject([
      { userId: 1, email: { status: "active" }, chat: { status: "unavailable" } },
      { userId: 2 },
      { userId: 3 },
      { userId: 4, email: { status: "away" }, chat: { status: "available" } },
    ]);
  });

  it("sets one's own status with PUT and records who, when and how", async () => {
    const put = await bench.call(
      "PUT",
      "/v2/users/3/status",
      { status: "away", customStatus: { text: "Lunch", emoji: "🍝" } },
      ids.cleo,
    );
    expect(put.status).toBe(204);
    const body = await (await bench.call("GET", "/v2/users/3/status")).json();
    expect(spec.errors("GET", "/v2/users/{userId}/status", 200, body)).toEqual([]);
    expect(body.email).toEqual({
      status: "away",
      updatedAt: expect.stringMatching(/^2024-03-15T12:00:\d\dZ$/),
      performedBy: ids.cleo,
      source: "api",
      customStatus: { text: "Lunch", emoji: "🍝" },
    });
  });

  it("lets admins set others' status but not plain users (403)", async () => {
    const denied = await bench.call("PUT", "/v2/users/4/status", { status: "active" }, ids.cleo);
    expect(denied.status).toBe(403);
    const allowed = await bench.call("PUT", "/v2/users/4/status", { status: "active" }, ids.admin);
    expect(allowed.status).toBe(204);
    const body = await (await bench.call("GET", "/v2/users/4/status")).json();
    expect(body).toMatchObject({
      email: { status: "active", performedBy: ids.admin },
      chat: { status: "available" },
    });
  });

  it("validates the status body and answers 404 for unknown users", async () => {
    const res = await bench.call("PUT", "/v2/users/3/status", { status: "busy", customStatus: {} });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { _embedded: { errors: { path: string }[] } };
    expect(body._embedded.errors.map((e) => e.path)).toEqual(["status", "customStatus.text"]);
    expect((await bench.call("PUT", "/v2/users/42/status", { status: "away" })).status).toBe(404);
    expect((await bench.call("GET", "/v2/users/42/status")).status).toBe(404);
  });
});

describe("conversation reassignment", () => {
  const path = "/v2/users/3/conversation-reassignment";

  it("reads stored settings, and defaults for a user who never set them", async () => {
    const body = await (await bench.call("GET", path)).json();
    expect(spec.errors("GET", "/v2/users/{userId}/conversation-reassignment", 200, body)).toEqual(
      [],
    );
    expect(body).toMatchObject({ enabled: true, awayDuration: { hours: 1, minutes: 30 } });
    const other = await (await bench.call("GET", "/v2/users/4/conversation-reassignment")).json();
    expect(other).toMatchObject({ enabled: false });
  });

  it("replaces the settings with PUT, then reads them back", async () => {
    const put = await bench.call("PUT", path, {
      enabled: false,
      awayDuration: { hours: 3, minutes: 15 },
    });
    expect(put.status).toBe(204);
    expect(await (await bench.call("GET", path)).json()).toMatchObject({
      enabled: false,
      awayDuration: { hours: 3, minutes: 15 },
    });
  });

  it("requires enabled and awayDuration, with minutes 0-59", async () => {
    const missing = await bench.call("PUT", path, {});
    expect(missing.status).toBe(400);
    const paths = ((await missing.json()) as { _embedded: { errors: { path: string }[] } })
      ._embedded.errors;
    expect(paths.map((e) => e.path)).toEqual(["enabled", "awayDuration"]);
    const minutes = await bench.call("PUT", path, {
      enabled: true,
      awayDuration: { hours: 1, minutes: 60 },
    });
    expect(await minutes.json()).toMatchObject({
      _embedded: { errors: [{ path: "awayDuration.minutes", rejectedValue: 60 }] },
    });
    expect((await bench.call("PUT", "/v2/users/42/conversation-reassignment", {})).status).toBe(
      404,
    );
  });
});
