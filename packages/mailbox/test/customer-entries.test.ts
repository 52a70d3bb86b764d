import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import {
  type components,
  createdId,
  createMailboxClient,
  type MailboxClient,
  paginate,
} from "../src/index.js";
import {
  customerAddress,
  customerChat,
  customerEmail,
  customerPhone,
  customerSocialProfile,
  customerWebsite,
  ids,
  listLinks,
  onePage,
} from "./fixtures/customers.js";
import { useRequestRecorder } from "./fixtures/request-recorder.js";
import { API, server, useMswServer } from "./msw/server.js";

type S = components["schemas"];

useMswServer();

const TOKEN = "hs-test-token-e41a";
const HAL = { headers: { "Content-Type": "application/hal+json" } };
const NEW_ENTRY_ID = 9876;
const customerId = ids.customer;
const base = `/v2/customers/${customerId}`;

const { sent, record } = useRequestRecorder();

/**
 * Answers every customer sub-resource call as Help Scout does: GET with `getBody`, POST with 201 +
 * `Resource-ID`, PUT and DELETE with 204; records each request.
 */
function fakeCustomerApi(getBody: unknown): void {
  server.use(
    http.all(`${API}/v2/customers/*`, async ({ request }) => {
      await record(request);
      if (request.method === "GET") return HttpResponse.json(getBody as object, HAL);
      if (request.method === "POST") {
        return new HttpResponse(null, {
          status: 201,
          headers: { "Resource-ID": String(NEW_ENTRY_ID) },
        });
      }
      return new HttpResponse(null, { status: 204 });
    }),
  );
}

const mailbox = () => createMailboxClient({ accessToken: TOKEN });

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe("customer address", () => {
  const addressBody: S["CustomerAddressRequest"] = {
    city: "Dallas",
    state: "TX",
    postalCode: "74206",
    country: "US",
    lines: ["123 West Main St", "Suite 123"],
  };

  it("GET /address returns the address object", async () => {
    fakeCustomerApi(customerAddress satisfies S["CustomerAddress"]);

    const { data } = await mailbox().GET("/v2/customers/{customerId}/address", {
      params: { path: { customerId } },
    });

    expect(sent).toEqual([
      {
        method: "GET",
        path: `${base}/address`,
        search: "",
        query: {},
        auth: `Bearer ${TOKEN}`,
        contentType: null,
        body: undefined,
      },
    ]);
    expect(data).toEqual(customerAddress);
  });

  it("POST /address sends the address and yields the Resource-ID", async () => {
    fakeCustomerApi({});

    const result = await mailbox().POST("/v2/customers/{customerId}/address", {
      params: { path: { customerId } },
      body: addressBody,
    });

    expect(createdId(result)).toBe(NEW_ENTRY_ID);
    expect(sent).toMatchObject([
      { method: "POST", path: `${base}/address`, contentType: "application/json" },
    ]);
    expect(sent[0]?.body).toEqual(addressBody);
  });

  it("PUT /address replaces the address, answered 204", async () => {
    fakeCustomerApi({});
    const body: S["CustomerAddressRequest"] = {
      ...addressBody,
      city: "Austin",
      postalCode: "73301",
    };

    const result = await mailbox().PUT("/v2/customers/{customerId}/address", {
      params: { path: { customerId } },
      body,
    });

    expect(result.response.status).toBe(204);
    expect(sent).toMatchObject([
      { method: "PUT", path: `${base}/address`, contentType: "application/json" },
    ]);
    expect(sent[0]?.body).toEqual(body);
  });

  it("DELETE /address removes it, answered 204", async () => {
    fakeCustomerApi({});

    const result = await mailbox().DELETE("/v2/customers/{customerId}/address", {
      params: { path: { customerId } },
    });

    expect(result.response.status).toBe(204);
    expect(sent).toMatchObject([{ method: "DELETE", path: `${base}/address`, body: undefined }]);
  });
});

/** One kind of customer entry, with a typed call per operation. */
interface EntryKind {
  /** URL segment of the collection. */
  segment: string;
  entryId: number;
  entry: { id: number; value: string };
  /** What List answers. */
  listBody: unknown;
  createBody: Record<string, unknown>;
  updateBody: Record<string, unknown>;
  list: (client: MailboxClient) => Promise<unknown[]>;
  create: (client: MailboxClient) => Promise<{ response: Response }>;
  update: (client: MailboxClient) => Promise<{ response: Response }>;
  remove: (client: MailboxClient) => Promise<{ response: Response }>;
}

function list<K extends string, T>(key: K, items: T[], segment: string) {
  return {
    _embedded: { [key]: items } as Record<K, T[]>,
    _links: listLinks(`${base}/${segment}`),
    page: onePage(items.length),
  };
}

const emails = {
  create: { type: "work", value: "vbear@mywork.com" },
  update: { type: "home", value: "vernon@home.example" },
} satisfies Record<string, S["CustomerEmailRequest"]>;
const phones = {
  create: { type: "home", value: "222-333-4444" },
  update: { type: "fax", value: "222-333-5555" },
} satisfies Record<string, S["CustomerPhoneRequest"]>;
const chats = {
  create: { type: "skype", value: "vbear.skype" },
  update: { type: "xmpp", value: "vbear@jabber.example" },
} satisfies Record<string, S["CustomerChatHandleRequest"]>;
const socialProfiles = {
  create: { type: "twitter", value: "https://twitter.com/vbear" },
  update: { type: "linkedin", value: "https://www.linkedin.com/in/vbear" },
} satisfies Record<string, S["CustomerSocialProfileRequest"]>;
const websites = {
  create: { value: "https://www.acme.example" },
  update: { value: "https://vbear.example" },
} satisfies Record<string, S["CustomerWebsiteRequest"]>;

const kinds: EntryKind[] = [
  {
    segment: "chats",
    entryId: customerChat.id,
    entry: customerChat,
    listBody: list("chats", [customerChat], "chats") satisfies S["CustomerChatHandleList"],
    createBody: chats.create,
    updateBody: chats.update,
    list: (c) =>
      collect(
        paginate(c, "/v2/customers/{customerId}/chats", { params: { path: { customerId } } }),
      ),
    create: (c) =>
      c.POST("/v2/customers/{customerId}/chats", {
        params: { path: { customerId } },
        body: chats.create,
      }),
    update: (c) =>
      c.PUT("/v2/customers/{customerId}/chats/{chatId}", {
        params: { path: { customerId, chatId: customerChat.id } },
        body: chats.update,
      }),
    remove: (c) =>
      c.DELETE("/v2/customers/{customerId}/chats/{chatId}", {
        params: { path: { customerId, chatId: customerChat.id } },
      }),
  },
  {
    segment: "emails",
    entryId: customerEmail.id,
    entry: customerEmail,
    listBody: list("emails", [customerEmail], "emails") satisfies S["CustomerEmailList"],
    createBody: emails.create,
    updateBody: emails.update,
    list: (c) =>
      collect(
        paginate(c, "/v2/customers/{customerId}/emails", { params: { path: { customerId } } }),
      ),
    create: (c) =>
      c.POST("/v2/customers/{customerId}/emails", {
        params: { path: { customerId } },
        body: emails.create,
      }),
    update: (c) =>
      c.PUT("/v2/customers/{customerId}/emails/{emailId}", {
        params: { path: { customerId, emailId: customerEmail.id } },
        body: emails.update,
      }),
    remove: (c) =>
      c.DELETE("/v2/customers/{customerId}/emails/{emailId}", {
        params: { path: { customerId, emailId: customerEmail.id } },
      }),
  },
  {
    segment: "phones",
    entryId: customerPhone.id,
    entry: customerPhone,
    listBody: list("phones", [customerPhone], "phones") satisfies S["CustomerPhoneList"],
    createBody: phones.create,
    updateBody: phones.update,
    list: (c) =>
      collect(
        paginate(c, "/v2/customers/{customerId}/phones", { params: { path: { customerId } } }),
      ),
    create: (c) =>
      c.POST("/v2/customers/{customerId}/phones", {
        params: { path: { customerId } },
        body: phones.create,
      }),
    update: (c) =>
      c.PUT("/v2/customers/{customerId}/phones/{phoneId}", {
        params: { path: { customerId, phoneId: customerPhone.id } },
        body: phones.update,
      }),
    remove: (c) =>
      c.DELETE("/v2/customers/{customerId}/phones/{phoneId}", {
        params: { path: { customerId, phoneId: customerPhone.id } },
      }),
  },
  {
    segment: "social-profiles",
    entryId: customerSocialProfile.id,
    entry: customerSocialProfile,
    listBody: list(
      "social-profiles",
      [customerSocialProfile],
      "social-profiles",
    ) satisfies S["CustomerSocialProfileList"],
    createBody: socialProfiles.create,
    updateBody: socialProfiles.update,
    list: (c) =>
      collect(
        paginate(c, "/v2/customers/{customerId}/social-profiles", {
          params: { path: { customerId } },
        }),
      ),
    create: (c) =>
      c.POST("/v2/customers/{customerId}/social-profiles", {
        params: { path: { customerId } },
        body: socialProfiles.create,
      }),
    update: (c) =>
      c.PUT("/v2/customers/{customerId}/social-profiles/{socialProfileId}", {
        params: { path: { customerId, socialProfileId: customerSocialProfile.id } },
        body: socialProfiles.update,
      }),
    remove: (c) =>
      c.DELETE("/v2/customers/{customerId}/social-profiles/{socialProfileId}", {
        params: { path: { customerId, socialProfileId: customerSocialProfile.id } },
      }),
  },
  {
    segment: "websites",
    entryId: customerWebsite.id,
    entry: customerWebsite,
    listBody: list("websites", [customerWebsite], "websites") satisfies S["CustomerWebsiteList"],
    createBody: websites.create,
    updateBody: websites.update,
    list: (c) =>
      collect(
        paginate(c, "/v2/customers/{customerId}/websites", { params: { path: { customerId } } }),
      ),
    create: (c) =>
      c.POST("/v2/customers/{customerId}/websites", {
        params: { path: { customerId } },
        body: websites.create,
      }),
    update: (c) =>
      c.PUT("/v2/customers/{customerId}/websites/{websiteId}", {
        params: { path: { customerId, websiteId: customerWebsite.id } },
        body: websites.update,
      }),
    remove: (c) =>
      c.DELETE("/v2/customers/{customerId}/websites/{websiteId}", {
        params: { path: { customerId, websiteId: customerWebsite.id } },
      }),
  },
];

describe.each(kinds)("customer $segment", (kind) => {
  it(`lists with GET ${base}/${kind.segment} and yields the entries`, async () => {
    fakeCustomerApi(kind.listBody);

    const items = await kind.list(mailbox());

    expect(sent).toEqual([
      {
        method: "GET",
        path: `${base}/${kind.segment}`,
        search: "",
        query: {},
        auth: `Bearer ${TOKEN}`,
        contentType: null,
        body: undefined,
      },
    ]);
    expect(items).toEqual([kind.entry]);
  });

  it(`creates with POST ${base}/${kind.segment} and yields the Resource-ID`, async () => {
    fakeCustomerApi({});

    const result = await kind.create(mailbox());

    expect(result.response.status).toBe(201);
    expect(createdId(result)).toBe(NEW_ENTRY_ID);
    expect(sent).toEqual([
      {
        method: "POST",
        path: `${base}/${kind.segment}`,
        search: "",
        query: {},
        auth: `Bearer ${TOKEN}`,
        contentType: "application/json",
        body: kind.createBody,
      },
    ]);
  });

  it(`replaces with PUT ${base}/${kind.segment}/{id}, answered 204`, async () => {
    fakeCustomerApi({});

    const result = await kind.update(mailbox());

    expect(result.response.status).toBe(204);
    expect(sent).toEqual([
      {
        method: "PUT",
        path: `${base}/${kind.segment}/${kind.entryId}`,
        search: "",
        query: {},
        auth: `Bearer ${TOKEN}`,
        contentType: "application/json",
        body: kind.updateBody,
      },
    ]);
  });

  it(`deletes with DELETE ${base}/${kind.segment}/{id}, answered 204`, async () => {
    fakeCustomerApi({});

    const result = await kind.remove(mailbox());

    expect(result.response.status).toBe(204);
    expect(sent).toEqual([
      {
        method: "DELETE",
        path: `${base}/${kind.segment}/${kind.entryId}`,
        search: "",
        query: {},
        auth: `Bearer ${TOKEN}`,
        contentType: null,
        body: undefined,
      },
    ]);
  });
});
