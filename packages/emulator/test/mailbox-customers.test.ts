import { describe, expect, it } from "vitest";
import type { M } from "../src/types.js";
import { emitted, harness, spec } from "./mailbox-conversations-harness.js";

type Customer = M["Customer"];
const ids = (items: { id: number }[]) => items.map((item) => item.id).sort((a, b) => a - b);
const emailsOf = (c: Customer) => (c._embedded?.emails ?? []).map((e) => e.value);

describe("GET /v2/customers", () => {
  it("lists every customer newest first, 50 a page, with entries embedded", async () => {
    const { call, all, data } = harness();
    const first = await call("GET", "/v2/customers");
    expect(spec.errors("GET", "/v2/customers", 200, first.body)).toEqual([]);
    expect(first.body.page).toMatchObject({ size: 50, totalElements: data.customers.size });
    expect(first.body._embedded.customers[0]._embedded.emails.length).toBeGreaterThan(0);
    const every = await all<Customer>("/v2/customers", "customers");
    expect(every).toHaveLength(data.customers.size);
    const created = every.map((c) => Date.parse(c.createdAt ?? ""));
    expect(created).toEqual([...created].sort((a, b) => b - a));
  });

  it("filters by firstName, lastName, mailbox and modifiedSince, and sorts", async () => {
    const { all, data } = harness();
    const every = [...data.customers.values()];
    const sample = every[7] as Customer;
    const byName = await all<Customer>(
      `/v2/customers?firstName=${sample.firstName}&lastName=${sample.lastName}`,
      "customers",
    );
    expect(ids(byName)).toEqual(
      ids(every.filter((c) => c.firstName === sample.firstName && c.lastName === sample.lastName)),
    );
    const mailboxId = [...data.mailboxes.keys()][0];
    const inMailbox = new Set(
      [...data.conversations.values()]
        .filter((c) => c.mailboxId === mailboxId)
        .map((c) => c.primaryCustomer?.id),
    );
    expect(ids(await all<Customer>(`/v2/customers?mailbox=${mailboxId}`, "customers"))).toEqual(
      ids(every.filter((c) => inMailbox.has(c.id))),
    );
    const since = "2025-01-01T00:00:00Z";
    expect(ids(await all<Customer>(`/v2/customers?modifiedSince=${since}`, "customers"))).toEqual(
      ids(every.filter((c) => Date.parse(c.updatedAt ?? "") >= Date.parse(since))),
    );
    const sorted = await all<Customer>(
      "/v2/customers?sortField=lastName&sortOrder=asc",
      "customers",
    );
    const names = sorted.map((c) => (c.lastName ?? "").toLowerCase());
    expect(names).toEqual([...names].sort());
  });

  it("searches with query on names, email, email domain and modifiedAt", async () => {
    const { all, data } = harness();
    const every = [...data.customers.values()];
    const sample = every[11] as Customer;
    const q = (query: string) =>
      all<Customer>(`/v2/customers?query=${encodeURIComponent(query)}`, "customers");
    expect(
      ids(await q(`(firstName:"${sample.firstName}" AND lastName:"${sample.lastName}")`)),
    ).toEqual(
      ids(every.filter((c) => c.firstName === sample.firstName && c.lastName === sample.lastName)),
    );
    const [one, two] = [every[0]?.firstName, every[1]?.firstName];
    const either = await q(`(firstName:"${one}" OR firstName:"${two}")`);
    expect(ids(either)).toEqual(
      ids(every.filter((c) => c.firstName === one || c.firstName === two)),
    );
    expect(either.length).toBeGreaterThanOrEqual(2);
    const [a, b] = [emailsOf(every[1] as Customer)[0], emailsOf(every[2] as Customer)[0]];
    expect(ids(await q(`(email:("${a}" OR "${b}"))`))).toEqual(
      ids([every[1], every[2]] as Customer[]),
    );
    expect(ids(await q('(emailDomain:"gmail.com")'))).toEqual(
      ids(every.filter((c) => emailsOf(c).some((e) => e.endsWith("@gmail.com")))),
    );
    expect(ids(await q("modifiedAt:[2025-02-01T00:00:00Z TO *]"))).toEqual(
      ids(every.filter((c) => Date.parse(c.updatedAt ?? "") >= Date.parse("2025-02-01T00:00:00Z"))),
    );
  });

  it("answers 400 for bad parameters", async () => {
    const { call } = harness();
    const answer = await call("GET", "/v2/customers?sortField=age&query=(shoeSize:42)");
    expect(answer.status).toBe(400);
    expect(answer.body._embedded.errors.map((e: { path: string }) => e.path)).toEqual([
      "sortField",
      "query",
    ]);
  });
});

describe("customer writes", () => {
  it("creates a customer with entries (201 + Resource-ID) and links it to its organization", async () => {
    const { call, data, emit } = harness();
    const org = [...data.organizations.values()][0] as M["Organization"];
    const answer = await call("POST", "/v2/customers", {
      firstName: "Vera",
      lastName: "Ortiz",
      jobTitle: "CTO",
      gender: "female",
      emails: [{ type: "work", value: `vera@${org.domains?.[0]}` }],
      phones: [{ type: "mobile", value: "+1 555 0142" }],
      websites: [{ value: "https://vera.example" }],
      address: {
        city: "Austin",
        state: "TX",
        postalCode: "73301",
        country: "US",
        lines: ["1 Main St"],
      },
      properties: [
        { slug: "plan", value: "Pro" },
        { slug: "seats", value: 12 },
      ],
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toBeUndefined();
    const id = answer.headers.get("resource-id");
    expect(answer.headers.get("location")).toBe(`http://emulator.test/v2/customers/${id}`);
    const got = await call("GET", `/v2/customers/${id}`);
    expect(spec.errors("GET", "/v2/customers/{customerId}", 200, got.body)).toEqual([]);
    expect(got.body).toMatchObject({
      firstName: "Vera",
      organizationId: org.id,
      _embedded: {
        emails: [{ type: "work", value: `vera@${org.domains?.[0]}` }],
        phones: [{ type: "mobile", value: "+1 555 0142" }],
        address: { city: "Austin", lines: ["1 Main St"] },
      },
    });
    expect(got.body._embedded.properties).toEqual([
      expect.objectContaining({ slug: "plan", text: "Pro" }),
      expect.objectContaining({ slug: "seats", value: 12 }),
    ]);
    expect(emitted(emit)).toEqual(["customer.created"]);
  });

  it("answers 400 for invalid fields and for an email another customer has", async () => {
    const { call, data } = harness();
    const taken = [...data.customers.values()][0]?._embedded?.emails?.[0]?.value;
    const answer = await call("POST", "/v2/customers", {
      firstName: "x".repeat(41),
      gender: "robot",
      emails: [{ type: "work", value: "not-an-email" }, { value: taken }],
      address: { country: "USA" },
      properties: [{ slug: "nope", value: 1 }],
    });
    expect(answer.status).toBe(400);
    expect(answer.body._embedded.errors.map((e: { path: string }) => e.path)).toEqual([
      "firstName",
      "gender",
      "emails[0].value",
      "address.country",
      "properties[0].slug",
      "emails[1].value",
    ]);
  });

  it("overwrites with PUT (omitted fields become null) and patches with an array", async () => {
    const { call, data, emulator, emit } = harness();
    const customer = [...data.customers.values()][4] as Customer;
    const path = `/v2/customers/${customer.id}`;
    emulator.clock.advance(60_000);
    expect((await call("PUT", path, { firstName: "Ana", lastName: "Lima" })).status).toBe(204);
    let got = await call("GET", path);
    expect(got.body).toMatchObject({
      firstName: "Ana",
      lastName: "Lima",
      jobTitle: null,
      updatedAt: emulator.clock.iso(),
    });
    const email = got.body._embedded.emails[0];
    const patch = [
      { op: "replace", path: "/jobTitle", value: "Founder" },
      { op: "add", path: "/emails", value: { type: "other", value: "ana.lima@example.net" } },
      { op: "replace", path: `/emails/${email.id}/value`, value: "ana@lima.example" },
      { op: "replace", path: "/address", value: { city: "Lisbon", country: "PT" } },
      { op: "remove", path: "/lastName" },
    ];
    expect((await call("PATCH", path, patch)).status).toBe(204);
    got = await call("GET", path);
    expect(got.body).toMatchObject({
      jobTitle: "Founder",
      lastName: null,
      _embedded: { address: { city: "Lisbon" } },
    });
    expect(got.body._embedded.emails.map((e: { value: string }) => e.value)).toEqual(
      expect.arrayContaining(["ana@lima.example", "ana.lima@example.net"]),
    );
    expect(emitted(emit)).toEqual(["customer.updated", "customer.updated"]);
    for (const bad of [
      { op: "replace", path: "/jobTitle", value: "x" },
      [{ op: "remove", path: "/emails" }],
      [{ op: "replace", path: "/gender", value: "x" }],
    ]) {
      expect((await call("PATCH", path, bad)).status).toBe(400);
    }
    expect((await call("GET", path)).body.jobTitle).toBe("Founder");
  });

  it("deletes a customer with their conversations; async=true answers 202", async () => {
    const { call, data, emit } = harness();
    const owners = [...data.conversations.values()].map((c) => c.primaryCustomer?.id);
    const [first, second] = [...data.customers.values()].filter((c) => owners.includes(c.id));
    expect((await call("DELETE", `/v2/customers/${first?.id}`)).status).toBe(204);
    expect((await call("GET", `/v2/customers/${first?.id}`)).status).toBe(404);
    expect([...data.conversations.values()].some((c) => c.primaryCustomer?.id === first?.id)).toBe(
      false,
    );
    expect(emitted(emit)).toContain("convo.deleted");
    expect(emit.mock.calls.at(-1)?.slice(1)).toEqual(["customer.deleted", { id: first?.id }]);
    expect((await call("DELETE", `/v2/customers/${second?.id}?async=true`)).status).toBe(202);
    expect(data.customers.has(second?.id as number)).toBe(false);
  });
});
