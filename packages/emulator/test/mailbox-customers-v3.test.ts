import { describe, expect, it } from "vitest";
import type { M } from "../src/types.js";
import { harness, spec } from "./mailbox-conversations-harness.js";

type Customer = M["Customer"];

describe("GET /v3/customers", () => {
  it("pages through every customer with an opaque cursor, newest first", async () => {
    const { call, data } = harness({ size: { customers: 137 } });
    const seen: Customer[] = [];
    let path: string | undefined = "/v3/customers";
    let pages = 0;
    while (path) {
      const answer = await call("GET", path);
      expect(answer.status).toBe(200);
      expect(spec.errors("GET", "/v3/customers", 200, answer.body)).toEqual([]);
      seen.push(...answer.body._embedded.customers);
      pages += 1;
      const next: string | undefined = answer.body._links.next?.href;
      if (next) expect(new URL(next).searchParams.get("cursor")).toMatch(/^[A-Za-z0-9_-]+$/);
      path = next?.replace("http://emulator.test", "");
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(data.customers.size);
    expect(new Set(seen.map((c) => c.id)).size).toBe(137);
    const keys = seen.map((c) => [Date.parse(c.createdAt ?? ""), c.id] as const);
    const sorted = [...keys].sort(([ta, ia], [tb, ib]) => tb - ta || ib - ia);
    expect(keys).toEqual(sorted);
  });

  it("keeps the filters in the next link and applies them on every page", async () => {
    const { call, data } = harness({ size: { customers: 200 } });
    const since = "2024-06-01T00:00:00Z";
    const expected = [...data.customers.values()].filter(
      (c) => Date.parse(c.createdAt ?? "") >= Date.parse(since),
    );
    const seen: Customer[] = [];
    let path: string | undefined = `/v3/customers?createdSince=${since}`;
    while (path) {
      const answer = await call("GET", path);
      seen.push(...(answer.body._embedded?.customers ?? []));
      const next: string | undefined = answer.body._links.next?.href;
      if (next) expect(next).toContain(`createdSince=${encodeURIComponent(since)}`);
      path = next?.replace("http://emulator.test", "");
    }
    expect(expected.length).toBeGreaterThan(50);
    expect(seen.map((c) => c.id).sort()).toEqual(expected.map((c) => c.id).sort());
  });

  it("filters by email and query, and refuses a forged cursor", async () => {
    const { call, data } = harness();
    const customer = [...data.customers.values()][9] as Customer;
    const email = customer._embedded?.emails?.[0]?.value ?? "";
    const byEmail = await call(
      "GET",
      `/v3/customers?email=${encodeURIComponent(email.toUpperCase())}`,
    );
    expect(byEmail.body._embedded.customers.map((c: Customer) => c.id)).toEqual([customer.id]);
    expect(byEmail.body._links.next).toBeUndefined();
    const query = encodeURIComponent(`(email:"${email}")`);
    const byQuery = await call("GET", `/v3/customers?query=${query}`);
    expect(byQuery.body._embedded.customers.map((c: Customer) => c.id)).toEqual([customer.id]);
    const forged = await call("GET", "/v3/customers?cursor=not-a-cursor");
    expect(forged.status).toBe(400);
    expect(forged.body._embedded.errors[0]).toMatchObject({ path: "cursor" });
  });
});

describe("GET /v3/system-users", () => {
  it("lists the system users that /v2/users leaves out", async () => {
    const { call, data } = harness();
    const answer = await call("GET", "/v3/system-users");
    expect(spec.errors("GET", "/v3/system-users", 200, answer.body)).toEqual([]);
    const bots = [...data.users.values()].filter((u) => u.type === "system_user");
    expect(answer.body._embedded.system_users).toEqual(
      bots.map((bot) =>
        expect.objectContaining({ id: bot.id, type: "system_user", firstName: bot.firstName }),
      ),
    );
    expect(answer.body.page).toEqual({
      size: 50,
      totalElements: bots.length,
      totalPages: 1,
      number: 1,
    });
  });
});
