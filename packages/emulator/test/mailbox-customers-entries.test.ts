import { describe, expect, it } from "vitest";
import type { M } from "../src/types.js";
import { emitted, harness, spec } from "./mailbox-conversations-harness.js";

function setup() {
  const h = harness();
  const customer = [...h.data.customers.values()].find(
    (c) => !c._embedded?.address,
  ) as M["Customer"];
  return { ...h, customer, path: `/v2/customers/${customer.id}` };
}

describe("customer entries", () => {
  it("creates, lists, replaces and deletes each kind of entry", async () => {
    const { call, path, emit } = setup();
    const kinds = [
      [
        "emails",
        { type: "work", value: "first.try@example.com" },
        { type: "home", value: "second@example.com" },
      ],
      ["phones", { type: "work", value: "+1 555 0100" }, { type: "fax", value: "+1 555 0199" }],
      [
        "chats",
        { type: "skype", value: "first.handle" },
        { type: "xmpp", value: "second@jabber.example" },
      ],
      [
        "social-profiles",
        { type: "twitter", value: "https://twitter.com/one" },
        { type: "linkedin", value: "https://linkedin.com/in/two" },
      ],
      ["websites", { value: "https://one.example" }, { value: "https://two.example" }],
    ] as const;
    for (const [kind, first, second] of kinds) {
      const created = await call("POST", `${path}/${kind}`, first);
      expect(created.status).toBe(201);
      const id = Number(created.headers.get("resource-id"));
      expect(created.headers.get("location")).toBe(`http://emulator.test${path}/${kind}/${id}`);
      const list = await call("GET", `${path}/${kind}`);
      expect(spec.errors("GET", `/v2/customers/{customerId}/${kind}`, 200, list.body)).toEqual([]);
      expect(list.body._embedded[kind]).toContainEqual({ id, ...first });
      expect((await call("PUT", `${path}/${kind}/${id}`, second)).status).toBe(204);
      expect((await call("GET", `${path}/${kind}`)).body._embedded[kind]).toContainEqual({
        id,
        ...second,
      });
      expect((await call("DELETE", `${path}/${kind}/${id}`)).status).toBe(204);
      const after = await call("GET", `${path}/${kind}`);
      expect((after.body._embedded?.[kind] ?? []).some((e: { id: number }) => e.id === id)).toBe(
        false,
      );
      expect((await call("DELETE", `${path}/${kind}/${id}`)).status).toBe(404);
    }
    expect(emitted(emit).every((event) => event === "customer.updated")).toBe(true);
    expect(emit).toHaveBeenCalledTimes(15);
  });

  it("refuses entries with a missing value or an unknown type", async () => {
    const { call, path } = setup();
    const bad = await call("POST", `${path}/chats`, { type: "pager" });
    expect(bad.status).toBe(400);
    expect(bad.body._embedded.errors.map((e: { path: string }) => e.path)).toEqual([
      "value",
      "type",
    ]);
    expect((await call("POST", `${path}/emails`, { value: "nope" })).status).toBe(400);
  });

  it("creates, reads, replaces and deletes the address", async () => {
    const { call, path } = setup();
    expect((await call("GET", `${path}/address`)).status).toBe(404);
    const address = {
      city: "Oslo",
      state: "Oslo",
      postalCode: "0150",
      country: "NO",
      lines: ["Karl Johans gate 1"],
    };
    expect((await call("POST", `${path}/address`, address)).status).toBe(201);
    const got = await call("GET", `${path}/address`);
    expect(spec.errors("GET", "/v2/customers/{customerId}/address", 200, got.body)).toEqual([]);
    expect(got.body).toMatchObject(address);
    expect((await call("PUT", `${path}/address`, { ...address, city: "Bergen" })).status).toBe(204);
    expect((await call("GET", path)).body._embedded.address.city).toBe("Bergen");
    expect((await call("PUT", `${path}/address`, { country: "Norway" })).status).toBe(400);
    expect((await call("DELETE", `${path}/address`)).status).toBe(204);
    expect((await call("GET", `${path}/address`)).status).toBe(404);
  });
});

describe("customer properties", () => {
  it("lists the definitions unpaged and creates new ones", async () => {
    const { call, data } = setup();
    const list = await call("GET", "/v2/customer-properties");
    expect(spec.errors("GET", "/v2/customer-properties", 200, list.body)).toEqual([]);
    expect(list.body._embedded["customer-properties"]).toHaveLength(data.customerProperties.length);
    const created = await call("POST", "/v2/customer-properties", {
      type: "dropdown",
      slug: "region",
      name: "Region",
      options: [{ label: "EMEA" }, { label: "APAC" }],
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("resource-id")).toBe("region");
    const region = data.customerProperties.find((p) => p.slug === "region");
    expect(region?.options?.map((o) => o.label)).toEqual(["EMEA", "APAC"]);
    expect(region?.options?.[0]?.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    for (const bad of [
      { type: "text", slug: "region", name: "Again" },
      { type: "text", slug: "email", name: "Reserved" },
      { type: "colour", slug: "ok_slug", name: "Bad type" },
      { type: "text", slug: "has space", name: "Bad slug" },
    ]) {
      expect((await call("POST", "/v2/customer-properties", bad)).status).toBe(400);
    }
  });

  it("sets and removes a customer's property values", async () => {
    const { call, path, data, emit } = setup();
    const body = [
      { op: "replace", path: "/plan", value: "Enterprise" },
      { op: "replace", path: "/seats", value: "25" },
      { op: "replace", path: "/signup-date", value: "2024-05-01" },
    ];
    expect((await call("PATCH", `${path}/properties`, body)).status).toBe(204);
    let got = await call("GET", path);
    const plan = data.customerProperties.find((p) => p.slug === "plan");
    const enterprise = plan?.options?.find((o) => o.label === "Enterprise");
    expect(got.body._embedded.properties).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ slug: "plan", value: enterprise?.id, text: "Enterprise" }),
        expect.objectContaining({ slug: "seats", value: 25 }),
        expect.objectContaining({ slug: "signup-date", value: "2024-05-01" }),
      ]),
    );
    expect(emitted(emit)).toEqual(["customer.updated"]);
    expect(
      (await call("PATCH", `${path}/properties`, [{ op: "remove", path: "/plan" }])).status,
    ).toBe(204);
    got = await call("GET", path);
    expect(got.body._embedded.properties.some((p: { slug: string }) => p.slug === "plan")).toBe(
      false,
    );
    const bad = await call("PATCH", `${path}/properties`, [
      { op: "replace", path: "/seats", value: "many" },
      { op: "replace", path: "/admin-url", value: "not a url" },
      { op: "replace", path: "/unknown", value: "x" },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body._embedded.errors.map((e: { path: string }) => e.path)).toEqual([
      "[0].value",
      "[1].value",
      "[2].path",
    ]);
  });
});
