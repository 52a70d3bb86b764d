import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import {
  type components,
  createdId,
  createMailboxClient,
  customerPatch,
  customerPropertiesPatch,
  HelpScoutError,
  paginate,
} from "../src/index.js";
import {
  customer,
  customerList,
  customerPropertyDefinition,
  ids,
  listLinks,
  onePage,
  systemUser,
} from "./fixtures/customers.js";
import { useRequestRecorder } from "./fixtures/request-recorder.js";
import { API, server, useMswServer } from "./msw/server.js";

type S = components["schemas"];

useMswServer();

const TOKEN = "hs-test-token-c8d1";
const HAL = { headers: { "Content-Type": "application/hal+json" } };

const { sent, record } = useRequestRecorder();

function created(id: number, path: string): HttpResponse<null> {
  return new HttpResponse(null, {
    status: 201,
    headers: { "Resource-ID": String(id), Location: `${API}${path}/${id}` },
  });
}

const mailbox = () => createMailboxClient({ accessToken: TOKEN });

describe("list customers", () => {
  it("sends every filter as Help Scout spells it, with the search query URL-encoded", async () => {
    server.use(
      http.get(`${API}/v2/customers`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(customerList([customer]) satisfies S["CustomerList"], HAL);
      }),
    );

    const { data } = await mailbox().GET("/v2/customers", {
      params: {
        query: {
          mailbox: ids.mailbox,
          firstName: "Vernon",
          lastName: "Bear",
          modifiedSince: "2024-01-01T00:00:00Z",
          sortField: "modifiedAt",
          sortOrder: "asc",
          query: '(email:"a@b.com")',
          page: 2,
        },
      },
    });

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      method: "GET",
      path: "/v2/customers",
      auth: `Bearer ${TOKEN}`,
      query: {
        mailbox: "1",
        firstName: "Vernon",
        lastName: "Bear",
        modifiedSince: "2024-01-01T00:00:00Z",
        sortField: "modifiedAt",
        sortOrder: "asc",
        query: '(email:"a@b.com")',
        page: "2",
      },
    });
    // Quotes, colon and @ must not travel raw in the URL.
    expect(sent[0]?.search).toContain("query=(email%3A%22a%40b.com%22)");
    expect(data?._embedded?.customers).toEqual([customer]);
    expect(data?.page).toEqual(onePage(1));
  });

  it("yields the customers of every page through paginate, keeping the filters", async () => {
    const second: S["Customer"] = { ...customer, id: ids.customer + 1, firstName: "Vera" };
    server.use(
      http.get(`${API}/v2/customers`, async ({ request }) => {
        await record(request);
        const page = new URL(request.url).searchParams.get("page");
        const body: S["CustomerList"] =
          page === "2"
            ? customerList([second])
            : customerList([customer], `${API}/v2/customers?lastName=Bear&page=2`);
        return HttpResponse.json(body, HAL);
      }),
    );

    const names: (string | null | undefined)[] = [];
    for await (const item of paginate(mailbox(), "/v2/customers", {
      params: { query: { lastName: "Bear" } },
    })) {
      names.push(item.firstName);
    }

    expect(names).toEqual(["Vernon", "Vera"]);
    expect(sent.map((s) => s.query)).toEqual([
      { lastName: "Bear" },
      { lastName: "Bear", page: "2" },
    ]);
  });
});

describe("get customer", () => {
  it("returns the customer with its embedded emails, phones, address and other entries", async () => {
    server.use(
      http.get(`${API}/v2/customers/:customerId`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(customer satisfies S["Customer"], HAL);
      }),
    );

    const { data } = await mailbox().GET("/v2/customers/{customerId}", {
      params: { path: { customerId: ids.customer } },
    });

    expect(sent).toMatchObject([
      { method: "GET", path: `/v2/customers/${ids.customer}`, auth: `Bearer ${TOKEN}` },
    ]);
    expect(data).toEqual(customer);
    expect(data?._embedded?.emails?.[0]?.value).toBe("vbear@mywork.com");
    expect(data?._embedded?.phones?.[0]).toEqual({ id: 2001, value: "222-333-4444", type: "home" });
    expect(data?._embedded?.address?.lines).toEqual(["123 West Main St", "Suite 123"]);
  });
});

describe("create customer", () => {
  it("posts the full body as JSON and reads the new id from Resource-ID", async () => {
    server.use(
      http.post(`${API}/v2/customers`, async ({ request }) => {
        await record(request);
        return created(163487351, "/v2/customers");
      }),
    );
    const body: S["CreateCustomerRequest"] = {
      firstName: "Vernon",
      lastName: "Bear",
      phone: "222-333-4444",
      photoUrl: "https://secure.gravatar.com/avatar/7f1c2a.jpg",
      photoType: "gravatar",
      jobTitle: "CEO and Co-Founder",
      background: "Prefers phone calls.",
      location: "Dallas, TX",
      organization: "Acme, Inc",
      gender: "male",
      age: "52",
      emails: [{ type: "work", value: "vbear@mywork.com" }],
      phones: [{ type: "home", value: "222-333-4444" }],
      chats: [{ type: "skype", value: "vbear.skype" }],
      socialProfiles: [{ type: "twitter", value: "https://twitter.com/vbear" }],
      websites: [{ value: "https://www.acme.example" }],
      address: {
        city: "Dallas",
        state: "TX",
        postalCode: "74206",
        country: "US",
        lines: ["123 West Main St", "Suite 123"],
      },
    };

    const result = await mailbox().POST("/v2/customers", { body });

    expect(createdId(result)).toBe(163487351);
    expect(result.response.status).toBe(201);
    expect(result.data).toBeUndefined();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      method: "POST",
      path: "/v2/customers",
      auth: `Bearer ${TOKEN}`,
      contentType: "application/json",
    });
    expect(sent[0]?.body).toEqual(body);
  });

  it("throws a HelpScoutError with the field errors of a 400", async () => {
    const error: S["VndError"] = {
      logRef: "a8e2c5b4-4f0e-4b58-9b1c-7c1a1e0f7d11#23912",
      message: "Bad request",
      _embedded: {
        errors: [
          {
            path: "emails[0].value",
            message: "must be a well-formed email address",
            rejectedValue: "vbear-at-mywork",
            source: "JSON",
          },
        ],
      },
      _links: { about: { href: "https://developer.helpscout.com/mailbox-api/overview/errors" } },
    };
    server.use(
      http.post(`${API}/v2/customers`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(error, { status: 400 });
      }),
    );

    const call = mailbox().POST("/v2/customers", {
      body: { emails: [{ type: "work", value: "vbear-at-mywork" }] },
    });

    await expect(call).rejects.toBeInstanceOf(HelpScoutError);
    await expect(call).rejects.toMatchObject({
      status: 400,
      code: "bad_request",
      logRef: "a8e2c5b4-4f0e-4b58-9b1c-7c1a1e0f7d11#23912",
      fieldErrors: [
        {
          path: "emails[0].value",
          message: "must be a well-formed email address",
          rejectedValue: "vbear-at-mywork",
          source: "JSON",
        },
      ],
    });
  });
});

describe("overwrite, update and delete customer", () => {
  it("overwrites with PUT and the scalar body, answered 204", async () => {
    server.use(
      http.put(`${API}/v2/customers/:customerId`, async ({ request }) => {
        await record(request);
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const body: S["OverwriteCustomerRequest"] = {
      firstName: "Vernon",
      lastName: "Bear",
      jobTitle: "CTO",
      gender: "unknown",
    };

    const result = await mailbox().PUT("/v2/customers/{customerId}", {
      params: { path: { customerId: ids.customer } },
      body,
    });

    expect(result.response.status).toBe(204);
    expect(sent).toMatchObject([
      {
        method: "PUT",
        path: `/v2/customers/${ids.customer}`,
        contentType: "application/json",
        auth: `Bearer ${TOKEN}`,
      },
    ]);
    expect(sent[0]?.body).toEqual(body);
  });

  it("patches with exactly the array the customerPatch builders make", async () => {
    server.use(
      http.patch(`${API}/v2/customers/:customerId`, async ({ request }) => {
        await record(request);
        return new HttpResponse(null, { status: 204 });
      }),
    );

    const result = await mailbox().PATCH("/v2/customers/{customerId}", {
      params: { path: { customerId: ids.customer } },
      body: [
        customerPatch.set("jobTitle", "CTO"),
        customerPatch.gender("female"),
        customerPatch.photoType("twitter"),
        customerPatch.clear("background"),
        customerPatch.addEmail({ type: "other", value: "vernon@home.example" }),
        customerPatch.addWebsite({ value: "https://vbear.example" }),
        customerPatch.replaceEntryValue("chats", 3001, "vbear.gtalk"),
        customerPatch.removeEntry("emails", 1001),
      ],
    });

    expect(result.response.status).toBe(204);
    expect(sent).toMatchObject([
      { method: "PATCH", path: `/v2/customers/${ids.customer}`, contentType: "application/json" },
    ]);
    expect(sent[0]?.body).toEqual([
      { op: "replace", path: "/jobTitle", value: "CTO" },
      { op: "replace", path: "/gender", value: "female" },
      { op: "replace", path: "/photoType", value: "twitter" },
      { op: "remove", path: "/background" },
      { op: "add", path: "/emails", value: { type: "other", value: "vernon@home.example" } },
      { op: "add", path: "/websites", value: { value: "https://vbear.example" } },
      { op: "replace", path: "/chats/3001/value", value: "vbear.gtalk" },
      { op: "remove", path: "/emails/1001" },
    ]);
  });

  it("deletes with DELETE, answered 204", async () => {
    server.use(
      http.delete(`${API}/v2/customers/:customerId`, async ({ request }) => {
        await record(request);
        return new HttpResponse(null, { status: 204 });
      }),
    );

    const result = await mailbox().DELETE("/v2/customers/{customerId}", {
      params: { path: { customerId: ids.customer } },
    });

    expect(result.response.status).toBe(204);
    expect(sent).toMatchObject([
      { method: "DELETE", path: `/v2/customers/${ids.customer}`, search: "", body: undefined },
    ]);
  });

  it("asks for an asynchronous delete with async=true and gets 202 Accepted", async () => {
    server.use(
      http.delete(`${API}/v2/customers/:customerId`, async ({ request }) => {
        await record(request);
        const isAsync = new URL(request.url).searchParams.get("async") === "true";
        return new HttpResponse(null, { status: isAsync ? 202 : 204 });
      }),
    );

    const result = await mailbox().DELETE("/v2/customers/{customerId}", {
      params: { path: { customerId: ids.customer }, query: { async: true } },
    });

    expect(result.response.status).toBe(202);
    expect(result.data).toBeUndefined();
    expect(sent).toMatchObject([
      { method: "DELETE", path: `/v2/customers/${ids.customer}`, search: "?async=true" },
    ]);
  });
});

describe("customer properties", () => {
  it("patches property values with the customerPropertiesPatch array", async () => {
    server.use(
      http.patch(`${API}/v2/customers/:customerId/properties`, async ({ request }) => {
        await record(request);
        return new HttpResponse(null, { status: 204 });
      }),
    );

    const result = await mailbox().PATCH("/v2/customers/{customerId}/properties", {
      params: { path: { customerId: ids.customer } },
      body: [
        customerPropertiesPatch.set("plan", "Pro"),
        customerPropertiesPatch.set("seats", 25),
        customerPropertiesPatch.set("renewal-date", "2025-01-15"),
        customerPropertiesPatch.clear("trial-ends"),
      ],
    });

    expect(result.response.status).toBe(204);
    expect(sent).toMatchObject([
      {
        method: "PATCH",
        path: `/v2/customers/${ids.customer}/properties`,
        contentType: "application/json",
        auth: `Bearer ${TOKEN}`,
      },
    ]);
    expect(sent[0]?.body).toEqual([
      { op: "replace", path: "/plan", value: "Pro" },
      { op: "replace", path: "/seats", value: 25 },
      { op: "replace", path: "/renewal-date", value: "2025-01-15" },
      { op: "remove", path: "/trial-ends" },
    ]);
  });

  it("lists the property definitions under _embedded.customer-properties", async () => {
    server.use(
      http.get(`${API}/v2/customer-properties`, async ({ request }) => {
        await record(request);
        const body = {
          _embedded: { "customer-properties": [customerPropertyDefinition] },
          _links: { self: { href: `${API}/v2/customer-properties` } },
        } satisfies S["CustomerPropertyDefinitionList"];
        return HttpResponse.json(body, HAL);
      }),
    );

    const { data } = await mailbox().GET("/v2/customer-properties");

    expect(sent).toMatchObject([{ method: "GET", path: "/v2/customer-properties", search: "" }]);
    expect(data?._embedded?.["customer-properties"]).toEqual([customerPropertyDefinition]);
  });

  it("creates a dropdown property definition with its options", async () => {
    server.use(
      http.post(`${API}/v2/customer-properties`, async ({ request }) => {
        await record(request);
        return new HttpResponse(null, {
          status: 201,
          headers: { Location: `${API}/v2/customer-properties/plan` },
        });
      }),
    );
    const body: S["CreateCustomerPropertyDefinitionRequest"] = {
      type: "dropdown",
      slug: "plan",
      name: "Plan",
      options: [
        { label: "Pro" },
        { id: "7d2e4b9c-0a1f-4e3d-8c5b-6a7f8e9d0c12", label: "Standard" },
      ],
    };

    const result = await mailbox().POST("/v2/customer-properties", { body });

    expect(result.response.status).toBe(201);
    expect(result.response.headers.get("location")).toBe(`${API}/v2/customer-properties/plan`);
    expect(sent).toMatchObject([
      { method: "POST", path: "/v2/customer-properties", contentType: "application/json" },
    ]);
    expect(sent[0]?.body).toEqual(body);
  });
});

describe("v3 customers and system users", () => {
  it("follows the cursor of /v3/customers from _links.next", async () => {
    const cursor = "eyJjcmVhdGVkQXQiOiIyMDE3LTAzLTMxIiwiaWQiOjE2MzQ4NzM1MH0";
    const older: S["Customer"] = { ...customer, id: 163487001, firstName: "Vera" };
    server.use(
      http.get(`${API}/v3/customers`, async ({ request }) => {
        await record(request);
        const last = new URL(request.url).searchParams.has("cursor");
        const body: S["CustomerListV3"] = last
          ? { _embedded: { customers: [older] }, _links: { self: { href: request.url } } }
          : {
              _embedded: { customers: [customer] },
              _links: {
                self: { href: request.url },
                next: { href: `${API}/v3/customers?email=vbear%40mywork.com&cursor=${cursor}` },
              },
            };
        return HttpResponse.json(body, HAL);
      }),
    );

    const found: number[] = [];
    for await (const item of paginate(mailbox(), "/v3/customers", {
      params: { query: { email: "vbear@mywork.com" } },
    })) {
      found.push(item.id);
    }

    expect(found).toEqual([ids.customer, 163487001]);
    expect(sent.map(({ method, path, query }) => ({ method, path, query }))).toEqual([
      { method: "GET", path: "/v3/customers", query: { email: "vbear@mywork.com" } },
      { method: "GET", path: "/v3/customers", query: { email: "vbear@mywork.com", cursor } },
    ]);
  });

  it("passes a cursor given by the caller unchanged", async () => {
    server.use(
      http.get(`${API}/v3/customers`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(
          { _embedded: { customers: [] } } satisfies S["CustomerListV3"],
          HAL,
        );
      }),
    );

    const { data } = await mailbox().GET("/v3/customers", {
      params: { query: { cursor: "eyJpZCI6MTAwfQ", modifiedSince: "2024-01-01T00:00:00Z" } },
    });

    expect(sent[0]?.query).toEqual({
      cursor: "eyJpZCI6MTAwfQ",
      modifiedSince: "2024-01-01T00:00:00Z",
    });
    expect(data?._embedded?.customers).toEqual([]);
  });

  it("lists system users with their system_user type", async () => {
    server.use(
      http.get(`${API}/v3/system-users`, async ({ request }) => {
        await record(request);
        const body: S["SystemUserList"] = {
          _embedded: { system_users: [systemUser] },
          _links: listLinks("/v3/system-users"),
          page: onePage(1),
        };
        return HttpResponse.json(body, HAL);
      }),
    );

    const { data } = await mailbox().GET("/v3/system-users", { params: { query: { page: 1 } } });

    expect(sent).toMatchObject([
      { method: "GET", path: "/v3/system-users", query: { page: "1" }, auth: `Bearer ${TOKEN}` },
    ]);
    expect(data?._embedded?.system_users).toEqual([systemUser]);
    expect(data?._embedded?.system_users[0]?.type).toBe("system_user");
  });
});
