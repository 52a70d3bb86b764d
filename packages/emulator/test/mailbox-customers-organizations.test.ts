import { describe, expect, it } from "vitest";
import type { M } from "../src/types.js";
import { harness, spec } from "./mailbox-conversations-harness.js";

type Organization = M["Organization"];

function counts(data: ReturnType<typeof harness>["data"], id: number) {
  const members = new Set(
    [...data.customers.values()].filter((c) => c.organizationId === id).map((c) => c.id),
  );
  const conversations = [...data.conversations.values()].filter((c) =>
    members.has(c.primaryCustomer?.id ?? -1),
  );
  return { customerCount: members.size, conversationCount: conversations.length, conversations };
}

describe("organizations", () => {
  it("lists organizations with counts, sorted as asked (default lastInteractionAt,desc)", async () => {
    const { call, data } = harness();
    const answer = await call("GET", "/v2/organizations");
    expect(spec.errors("GET", "/v2/organizations", 200, answer.body)).toEqual([]);
    const items: Organization[] = answer.body._embedded.organizations;
    expect(items).toHaveLength(data.organizations.size);
    for (const item of items) {
      const { customerCount, conversationCount } = counts(data, item.id);
      expect(item).toMatchObject({ customerCount, conversationCount });
      expect(item.properties).toBeUndefined();
    }
    const byName = await call("GET", "/v2/organizations?sort=name,asc");
    const names = byName.body._embedded.organizations.map((o: Organization) => o.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b)));
    const byCustomers = await call("GET", "/v2/organizations?sort=customerCount");
    const numbers = byCustomers.body._embedded.organizations.map(
      (o: Organization) => o.customerCount,
    );
    expect(numbers).toEqual([...numbers].sort((a: number, b: number) => b - a));
    expect((await call("GET", "/v2/organizations?sort=size,asc")).status).toBe(400);
  });

  it("gets one organization with counts and properties only when asked", async () => {
    const { call, data } = harness();
    const org = [...data.organizations.values()][2] as Organization;
    const plain = await call("GET", `/v2/organizations/${org.id}`);
    expect(plain.body).toMatchObject({ id: org.id, name: org.name, domains: org.domains });
    expect(plain.body.customerCount).toBeUndefined();
    expect(plain.body.properties).toBeUndefined();
    const full = await call(
      "GET",
      `/v2/organizations/${org.id}?includeCounts=true&includeProperties=true`,
    );
    expect(spec.errors("GET", "/v2/organizations/{organizationId}", 200, full.body)).toEqual([]);
    const { customerCount, conversationCount } = counts(data, org.id);
    expect(full.body).toMatchObject({
      customerCount,
      conversationCount,
      properties: org.properties,
    });
    expect((await call("GET", "/v2/organizations/1")).status).toBe(404);
  });

  it("lists the organization's conversations", async () => {
    const { call, data } = harness();
    const org = [...data.organizations.values()].find(
      (o) => counts(data, o.id).conversationCount > 0,
    ) as Organization;
    const answer = await call("GET", `/v2/organizations/${org.id}/conversations`);
    expect(
      spec.errors("GET", "/v2/organizations/{organizationId}/conversations", 200, answer.body),
    ).toEqual([]);
    expect(answer.body._embedded.conversations.map((c: M["Conversation"]) => c.id).sort()).toEqual(
      counts(data, org.id)
        .conversations.map((c) => c.id)
        .sort(),
    );
  });

  it("manages property definitions and sets values", async () => {
    const { call, data } = harness();
    const list = await call("GET", "/v2/organizations/properties");
    expect(spec.errors("GET", "/v2/organizations/properties", 200, list.body)).toEqual([]);
    expect(list.body._embedded["organization-properties"]).toHaveLength(
      data.organizationProperties.length,
    );
    const created = await call("POST", "/v2/organizations/properties", {
      type: "dropdown",
      slug: "segment",
      name: "Segment",
      options: [{ label: "Retail" }, { label: "Health" }],
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("resource-id")).toBe("segment");
    expect((await call("GET", "/v2/organizations/properties/segment")).body).toMatchObject({
      type: "dropdown",
      name: "Segment",
    });
    const org = [...data.organizations.values()][0] as Organization;
    const at = `/v2/organizations/${org.id}/properties/segment`;
    expect((await call("PUT", at, { value: "health" })).status).toBe(204);
    const got = await call("GET", `/v2/organizations/${org.id}?includeProperties=true`);
    expect(got.body.properties).toContainEqual(
      expect.objectContaining({ slug: "segment", value: "Health" }),
    );
    expect((await call("PUT", at, { value: "Mining" })).status).toBe(400);
    expect(
      (await call("PUT", `/v2/organizations/${org.id}/properties/arr`, { value: "lots" })).status,
    ).toBe(400);
    const update = { name: "Market segment", options: [{ label: "Retail" }] };
    expect((await call("PUT", "/v2/organizations/properties/segment", update)).status).toBe(204);
    const after = await call("GET", `/v2/organizations/${org.id}?includeProperties=true`);
    expect(after.body.properties.some((p: { slug: string }) => p.slug === "segment")).toBe(false);
    expect(
      (
        await call("POST", "/v2/organizations/properties", {
          type: "text",
          slug: "segment",
          name: "x",
        })
      ).status,
    ).toBe(400);
    expect((await call("GET", "/v2/organizations/properties/nope")).status).toBe(404);
  });
});
