import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { type components, createMailboxClient, paginate } from "../src/index.js";
import {
  customerConversation,
  ids,
  listLinks,
  onePage,
  organization,
  organizationPropertyDefinition,
} from "./fixtures/customers.js";
import { useRequestRecorder } from "./fixtures/request-recorder.js";
import { API, server, useMswServer } from "./msw/server.js";

type S = components["schemas"];

useMswServer();

const TOKEN = "hs-test-token-0a9f";
const HAL = { headers: { "Content-Type": "application/hal+json" } };
const organizationId = ids.organization;

const { sent, record } = useRequestRecorder();

const noContent = () => new HttpResponse(null, { status: 204 });
const mailbox = () => createMailboxClient({ accessToken: TOKEN });

describe("organizations", () => {
  it("lists organizations sorted with sort=name,asc", async () => {
    server.use(
      http.get(`${API}/v2/organizations`, async ({ request }) => {
        await record(request);
        const body: S["OrganizationList"] = {
          _embedded: { organizations: [organization] },
          _links: listLinks("/v2/organizations"),
          page: onePage(1),
        };
        return HttpResponse.json(body, HAL);
      }),
    );

    const { data } = await mailbox().GET("/v2/organizations", {
      params: { query: { sort: "name,asc", page: 1 } },
    });

    expect(sent).toMatchObject([
      {
        method: "GET",
        path: "/v2/organizations",
        query: { sort: "name,asc", page: "1" },
        auth: `Bearer ${TOKEN}`,
      },
    ]);
    expect(data?._embedded?.organizations).toEqual([organization]);
  });

  it("gets an organization with includeCounts and includeProperties", async () => {
    server.use(
      http.get(`${API}/v2/organizations/:organizationId`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(organization satisfies S["Organization"], HAL);
      }),
    );

    const { data } = await mailbox().GET("/v2/organizations/{organizationId}", {
      params: { path: { organizationId }, query: { includeCounts: true, includeProperties: true } },
    });

    expect(sent).toMatchObject([
      {
        method: "GET",
        path: `/v2/organizations/${organizationId}`,
        search: "?includeCounts=true&includeProperties=true",
      },
    ]);
    expect(data).toEqual(organization);
    expect(data?.customerCount).toBe(12);
    expect(data?.properties?.[0]).toMatchObject({ slug: "tier", value: "Gold" });
  });

  it("lists the organization's conversations page by page", async () => {
    const next: S["Conversation"] = { ...customerConversation, id: 4288, number: 3412 };
    server.use(
      http.get(`${API}/v2/organizations/:organizationId/conversations`, async ({ request }) => {
        await record(request);
        const page = new URL(request.url).searchParams.get("page");
        const path = `/v2/organizations/${organizationId}/conversations`;
        const body: S["ConversationList"] =
          page === "2"
            ? {
                _embedded: { conversations: [next] },
                _links: listLinks(path),
                page: { size: 1, totalElements: 2, totalPages: 2, number: 2 },
              }
            : {
                _embedded: { conversations: [customerConversation] },
                _links: listLinks(path, `${API}${path}?page=2`),
                page: { size: 1, totalElements: 2, totalPages: 2, number: 1 },
              };
        return HttpResponse.json(body, HAL);
      }),
    );

    const numbers: number[] = [];
    for await (const conversation of paginate(
      mailbox(),
      "/v2/organizations/{organizationId}/conversations",
      { params: { path: { organizationId } } },
    )) {
      numbers.push(conversation.number);
    }

    expect(numbers).toEqual([3411, 3412]);
    expect(sent.map(({ method, path, search }) => `${method} ${path}${search}`)).toEqual([
      `GET /v2/organizations/${organizationId}/conversations`,
      `GET /v2/organizations/${organizationId}/conversations?page=2`,
    ]);
  });
});

describe("organization property definitions", () => {
  it("lists them under _embedded.organization-properties", async () => {
    server.use(
      http.get(`${API}/v2/organizations/properties`, async ({ request }) => {
        await record(request);
        const body = {
          _embedded: { "organization-properties": [organizationPropertyDefinition] },
          _links: { self: { href: `${API}/v2/organizations/properties` } },
        } satisfies S["OrganizationPropertyDefinitionList"];
        return HttpResponse.json(body, HAL);
      }),
    );

    const { data } = await mailbox().GET("/v2/organizations/properties");

    expect(sent).toMatchObject([
      { method: "GET", path: "/v2/organizations/properties", auth: `Bearer ${TOKEN}` },
    ]);
    expect(data?._embedded?.["organization-properties"]).toEqual([organizationPropertyDefinition]);
  });

  it("gets one definition by slug", async () => {
    server.use(
      http.get(`${API}/v2/organizations/properties/:slug`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(
          organizationPropertyDefinition satisfies S["OrganizationPropertyDefinition"],
          HAL,
        );
      }),
    );

    const { data } = await mailbox().GET("/v2/organizations/properties/{slug}", {
      params: { path: { slug: "tier" } },
    });

    expect(sent).toMatchObject([{ method: "GET", path: "/v2/organizations/properties/tier" }]);
    expect(data).toEqual(organizationPropertyDefinition);
  });

  it("creates a definition with POST and answers 201", async () => {
    server.use(
      http.post(`${API}/v2/organizations/properties`, async ({ request }) => {
        await record(request);
        return new HttpResponse(null, {
          status: 201,
          headers: { Location: `${API}/v2/organizations/properties/tier` },
        });
      }),
    );
    const body: S["CreateOrganizationPropertyDefinitionRequest"] = {
      type: "dropdown",
      slug: "tier",
      name: "Tier",
      options: [{ label: "Gold" }, { label: "Silver" }],
    };

    const result = await mailbox().POST("/v2/organizations/properties", { body });

    expect(result.response.status).toBe(201);
    expect(sent).toMatchObject([
      { method: "POST", path: "/v2/organizations/properties", contentType: "application/json" },
    ]);
    expect(sent[0]?.body).toEqual(body);
  });

  it("updates a definition's name and options with PUT", async () => {
    server.use(
      http.put(`${API}/v2/organizations/properties/:slug`, async ({ request }) => {
        await record(request);
        return noContent();
      }),
    );
    const body: S["UpdateOrganizationPropertyDefinitionRequest"] = {
      name: "Customer tier",
      options: [{ label: "Gold" }, { label: "Silver" }, { label: "Bronze" }],
    };

    const result = await mailbox().PUT("/v2/organizations/properties/{slug}", {
      params: { path: { slug: "tier" } },
      body,
    });

    expect(result.response.status).toBe(204);
    expect(sent).toMatchObject([
      {
        method: "PUT",
        path: "/v2/organizations/properties/tier",
        contentType: "application/json",
      },
    ]);
    expect(sent[0]?.body).toEqual(body);
  });

  it("sets an organization's property value as a string with PUT", async () => {
    server.use(
      http.put(`${API}/v2/organizations/:organizationId/properties/:slug`, async ({ request }) => {
        await record(request);
        return noContent();
      }),
    );

    const result = await mailbox().PUT("/v2/organizations/{organizationId}/properties/{slug}", {
      params: { path: { organizationId, slug: "seats" } },
      body: { value: "100" },
    });

    expect(result.response.status).toBe(204);
    expect(sent).toMatchObject([
      {
        method: "PUT",
        path: `/v2/organizations/${organizationId}/properties/seats`,
        contentType: "application/json",
        auth: `Bearer ${TOKEN}`,
      },
    ]);
    expect(sent[0]?.body).toEqual({ value: "100" });
  });
});
