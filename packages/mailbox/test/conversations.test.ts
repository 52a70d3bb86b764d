import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import {
  type ConversationPatch,
  type CreateConversationRequest,
  type components,
  conversationPatch,
  createdId,
  createMailboxClient,
} from "../src/index.js";
import {
  ACCESS_TOKEN,
  conversation,
  conversationList,
  created,
  customerRef,
  pageOf,
  readRequest,
  type SentRequest,
  thread,
} from "./fixtures/conversations.js";
import { API, server, useMswServer } from "./msw/server.js";

useMswServer();

const mailbox = createMailboxClient({ accessToken: ACCESS_TOKEN });

/** Answers one write with `204 No Content` and records what was sent. */
function noContent(
  method: "put" | "patch" | "delete",
  path: string,
  sent: SentRequest[],
): ReturnType<typeof http.put> {
  return http[method](`${API}${path}`, async ({ request }) => {
    sent.push(await readRequest(request));
    return new HttpResponse(null, { status: 204 });
  });
}

function expectJsonWrite(request: SentRequest | undefined, method: string, path: string): void {
  expect(request?.method).toBe(method);
  expect(request?.url.pathname).toBe(path);
  expect(request?.url.search).toBe("");
  expect(request?.headers.get("content-type")).toBe("application/json");
  expect(request?.headers.get("authorization")).toBe(`Bearer ${ACCESS_TOKEN}`);
}

describe("GET /v2/conversations (listConversations)", () => {
  it("sends no query string when no filter is given and returns the typed page", async () => {
    const sent: SentRequest[] = [];
    const page = conversationList(
      [conversation({ id: 10 }), conversation({ id: 11 })],
      pageOf(1, 1, 2),
    );
    server.use(
      http.get(`${API}/v2/conversations`, async ({ request }) => {
        sent.push(await readRequest(request));
        return HttpResponse.json(page);
      }),
    );

    const { data } = await mailbox.GET("/v2/conversations");

    expect(sent).toHaveLength(1);
    expect(sent[0]?.url.search).toBe("");
    expect(sent[0]?.headers.get("authorization")).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(data?._embedded?.conversations.map((c) => c.id)).toEqual([10, 11]);
    expect(data?.page).toEqual({ size: 50, totalElements: 2, totalPages: 1, number: 1 });
  });

  it("sends every filter under the name and in the format Help Scout expects", async () => {
    const sent: SentRequest[] = [];
    server.use(
      http.get(`${API}/v2/conversations`, async ({ request }) => {
        sent.push(await readRequest(request));
        return HttpResponse.json(conversationList([conversation()], pageOf(2, 2, 51)));
      }),
    );

    await mailbox.GET("/v2/conversations", {
      params: {
        query: {
          page: 2,
          embed: "threads",
          mailbox: "123,567",
          folder: 1_234_567,
          status: "pending",
          tag: "vip,urgent",
          assigned_to: 9865,
          modifiedSince: "2024-01-01T00:00:00Z",
          number: 12,
          sortField: "modifiedAt",
          sortOrder: "asc",
          query: '(subject:"rainbow")',
          customFieldsByIds: "123:blue,234:99",
        },
      },
    });

    expect(sent).toHaveLength(1);
    const url = sent[0]?.url;
    expect(url?.pathname).toBe("/v2/conversations");
    expect([...(url?.searchParams ?? [])]).toEqual([
      ["page", "2"],
      ["embed", "threads"],
      ["mailbox", "123,567"],
      ["folder", "1234567"],
      ["status", "pending"],
      ["tag", "vip,urgent"],
      ["assigned_to", "9865"],
      ["modifiedSince", "2024-01-01T00:00:00Z"],
      ["number", "12"],
      ["sortField", "modifiedAt"],
      ["sortOrder", "asc"],
      ["query", '(subject:"rainbow")'],
      ["customFieldsByIds", "123:blue,234:99"],
    ]);
  });

  it("percent-encodes the advanced search query so quotes, colons and spaces survive", async () => {
    const sent: SentRequest[] = [];
    server.use(
      http.get(`${API}/v2/conversations`, async ({ request }) => {
        sent.push(await readRequest(request));
        return HttpResponse.json(conversationList([], pageOf(1, 0, 0)));
      }),
    );
    const query = '(subject:"rainbow" AND modifiedAt:[2024-01-01T00:00:00Z TO *])';

    await mailbox.GET("/v2/conversations", { params: { query: { query, status: "all" } } });

    const raw = sent[0]?.url.search ?? "";
    expect(raw).not.toMatch(/["\s]/);
    expect(raw).toContain(
      "subject%3A%22rainbow%22%20AND%20modifiedAt%3A%5B2024-01-01T00%3A00%3A00Z",
    );
    expect(sent[0]?.url.searchParams.get("query")).toBe(query);
    expect(sent[0]?.url.searchParams.get("status")).toBe("all");
  });
});

describe("GET /v2/conversations/{conversationId} (getConversation)", () => {
  it("asks for embed=threads and hands the embedded threads to the caller", async () => {
    const sent: SentRequest[] = [];
    const threads = [
      thread({ id: 2_198_262_393, type: "reply", createdAt: "2017-04-21T15:01:02Z" }),
      thread({ id: 2_198_262_392 }),
    ];
    const body = conversation({ id: 10, _embedded: { threads } });
    server.use(
      http.get(`${API}/v2/conversations/10`, async ({ request }) => {
        sent.push(await readRequest(request));
        return HttpResponse.json(body, { headers: { "Content-Type": "application/hal+json" } });
      }),
    );

    const { data, response } = await mailbox.GET("/v2/conversations/{conversationId}", {
      params: { path: { conversationId: 10 }, query: { embed: "threads" } },
    });

    expect(response.redirected).toBe(false);
    expect(sent[0]?.url.pathname).toBe("/v2/conversations/10");
    expect(sent[0]?.url.search).toBe("?embed=threads");
    expect(data?.subject).toBe("Where is my order?");
    expect(data?._embedded?.threads?.map((t) => [t.id, t.type])).toEqual([
      [2_198_262_393, "reply"],
      [2_198_262_392, "customer"],
    ]);
  });

  it("follows the 301 of a merged conversation and returns the surviving one", async () => {
    const sent: SentRequest[] = [];
    server.use(
      http.get(`${API}/v2/conversations/1`, async ({ request }) => {
        sent.push(await readRequest(request));
        return new HttpResponse(null, {
          status: 301,
          headers: { Location: "/v2/conversations/2" },
        });
      }),
      http.get(`${API}/v2/conversations/2`, async ({ request }) => {
        sent.push(await readRequest(request));
        return HttpResponse.json(conversation({ id: 2, number: 1002 }));
      }),
    );

    const { data, response } = await mailbox.GET("/v2/conversations/{conversationId}", {
      params: { path: { conversationId: 1 } },
    });

    expect(response.status).toBe(200);
    expect(response.redirected).toBe(true);
    expect(data?.id).toBe(2);
    expect(data?.number).toBe(1002);
    expect(sent.map((request) => request.url.pathname)).toEqual([
      "/v2/conversations/1",
      "/v2/conversations/2",
    ]);
    expect(sent.map((request) => request.headers.get("authorization"))).toEqual([
      `Bearer ${ACCESS_TOKEN}`,
      `Bearer ${ACCESS_TOKEN}`,
    ]);
  });
});

describe("GET /v3/conversations/{conversationId} (getConversationV3)", () => {
  it("reads the v3 conversation, where an AI assignee keeps type system_user", async () => {
    const sent: SentRequest[] = [];
    const body = conversation({
      id: 10,
      assignee: { id: 77, type: "system_user", first: "AI", last: "Answers" },
    });
    server.use(
      http.get(`${API}/v3/conversations/10`, async ({ request }) => {
        sent.push(await readRequest(request));
        return HttpResponse.json(body);
      }),
    );

    const { data } = await mailbox.GET("/v3/conversations/{conversationId}", {
      params: { path: { conversationId: 10 }, query: { embed: "threads" } },
    });

    expect(sent[0]?.url.pathname).toBe("/v3/conversations/10");
    expect(sent[0]?.url.search).toBe("?embed=threads");
    expect(data?.assignee).toEqual({ id: 77, type: "system_user", first: "AI", last: "Answers" });
  });
});

describe("POST /v2/conversations (createConversation)", () => {
  it("sends the whole body as JSON, keeps assignTo: null, and reads the id from Resource-ID", async () => {
    const sent: SentRequest[] = [];
    server.use(
      http.post(`${API}/v2/conversations`, async ({ request }) => {
        sent.push(await readRequest(request));
        return created("/v2/conversations", 123_456_789);
      }),
    );
    const body = {
      subject: "Where is my order?",
      type: "email",
      mailboxId: 85,
      status: "active",
      customer: customerRef(),
      threads: [
        {
          type: "customer",
          customer: customerRef(),
          text: "Hey there, my order has not arrived yet.",
        },
        { type: "note", text: "Checked with the warehouse.", user: 9865 },
      ],
      tags: ["vip", "shipping"],
      fields: [{ id: 8, value: "7" }],
      assignTo: null,
      imported: false,
      autoReply: true,
    } satisfies CreateConversationRequest;

    const result = await mailbox.POST("/v2/conversations", { body });

    expect(result.response.status).toBe(201);
    expect(result.data).toBeUndefined();
    expect(createdId(result)).toBe(123_456_789);
    expectJsonWrite(sent[0], "POST", "/v2/conversations");
    expect(sent[0]?.body).toEqual(body);
    expect(sent[0]?.body).toHaveProperty("assignTo", null);
  });
});

describe("PATCH /v2/conversations/{conversationId} (updateConversation)", () => {
  const cases: [string, ConversationPatch, Record<string, unknown>][] = [
    [
      "subject",
      conversationPatch.subject("Order #1234 is late"),
      { op: "replace", path: "/subject", value: "Order #1234 is late" },
    ],
    [
      "primaryCustomer",
      conversationPatch.primaryCustomer(256_809_858),
      { op: "replace", path: "/primaryCustomer.id", value: 256_809_858 },
    ],
    [
      "publishDraft",
      conversationPatch.publishDraft(),
      { op: "replace", path: "/draft", value: false },
    ],
    [
      "moveToMailbox",
      conversationPatch.moveToMailbox(86),
      { op: "move", path: "/mailboxId", value: 86 },
    ],
    [
      "status",
      conversationPatch.status("closed"),
      { op: "replace", path: "/status", value: "closed" },
    ],
    ["assign", conversationPatch.assign(9865), { op: "replace", path: "/assignTo", value: 9865 }],
    ["unassign", conversationPatch.unassign(), { op: "remove", path: "/assignTo" }],
  ];

  it.each(cases)(
    "sends conversationPatch.%s as one JSON object and gets 204",
    async (_, patch, expected) => {
      const sent: SentRequest[] = [];
      server.use(noContent("patch", "/v2/conversations/10", sent));

      const { data, response } = await mailbox.PATCH("/v2/conversations/{conversationId}", {
        params: { path: { conversationId: 10 } },
        body: patch,
      });

      expect(response.status).toBe(204);
      expect(data).toBeUndefined();
      expect(sent).toHaveLength(1);
      expectJsonWrite(sent[0], "PATCH", "/v2/conversations/10");
      expect(sent[0]?.body).toStrictEqual(expected);
    },
  );
});

describe("DELETE /v2/conversations/{conversationId} (deleteConversation)", () => {
  it("sends DELETE without a body and resolves on 204", async () => {
    const sent: SentRequest[] = [];
    server.use(noContent("delete", "/v2/conversations/10", sent));

    const { response } = await mailbox.DELETE("/v2/conversations/{conversationId}", {
      params: { path: { conversationId: 10 } },
    });

    expect(response.status).toBe(204);
    expect(sent.map((r) => [r.method, r.url.pathname, r.body])).toEqual([
      ["DELETE", "/v2/conversations/10", undefined],
    ]);
    expect(sent[0]?.headers.get("authorization")).toBe(`Bearer ${ACCESS_TOKEN}`);
  });
});

describe("PUT /v2/conversations/{conversationId}/tags and /fields", () => {
  it("replaces the tag list with the names given", async () => {
    const sent: SentRequest[] = [];
    server.use(noContent("put", "/v2/conversations/10/tags", sent));
    const body = {
      tags: ["vip", "shipping"],
    } satisfies components["schemas"]["UpdateConversationTagsRequest"];

    const { response } = await mailbox.PUT("/v2/conversations/{conversationId}/tags", {
      params: { path: { conversationId: 10 } },
      body,
    });

    expect(response.status).toBe(204);
    expectJsonWrite(sent[0], "PUT", "/v2/conversations/10/tags");
    expect(sent[0]?.body).toEqual({ tags: ["vip", "shipping"] });
  });

  it("clears all tags with an empty list", async () => {
    const sent: SentRequest[] = [];
    server.use(noContent("put", "/v2/conversations/10/tags", sent));

    await mailbox.PUT("/v2/conversations/{conversationId}/tags", {
      params: { path: { conversationId: 10 } },
      body: { tags: [] },
    });

    expect(sent[0]?.body).toEqual({ tags: [] });
  });

  it("replaces the custom field values", async () => {
    const sent: SentRequest[] = [];
    server.use(noContent("put", "/v2/conversations/10/fields", sent));
    const body = {
      fields: [
        { id: 8, value: "7" },
        { id: 9, value: "2024-05-31" },
      ],
    } satisfies components["schemas"]["UpdateConversationCustomFieldsRequest"];

    const { response } = await mailbox.PUT("/v2/conversations/{conversationId}/fields", {
      params: { path: { conversationId: 10 } },
      body,
    });

    expect(response.status).toBe(204);
    expectJsonWrite(sent[0], "PUT", "/v2/conversations/10/fields");
    expect(sent[0]?.body).toEqual({
      fields: [
        { id: 8, value: "7" },
        { id: 9, value: "2024-05-31" },
      ],
    });
  });
});

describe("/v2/conversations/{conversationId}/snooze", () => {
  it("snoozes with PUT {snoozedUntil, unsnoozeOnCustomerReply}", async () => {
    const sent: SentRequest[] = [];
    server.use(noContent("put", "/v2/conversations/10/snooze", sent));
    const body = {
      snoozedUntil: "2030-06-01T09:00:00Z",
      unsnoozeOnCustomerReply: true,
    } satisfies components["schemas"]["SnoozeConversationRequest"];

    const { response } = await mailbox.PUT("/v2/conversations/{conversationId}/snooze", {
      params: { path: { conversationId: 10 } },
      body,
    });

    expect(response.status).toBe(204);
    expectJsonWrite(sent[0], "PUT", "/v2/conversations/10/snooze");
    expect(sent[0]?.body).toEqual({
      snoozedUntil: "2030-06-01T09:00:00Z",
      unsnoozeOnCustomerReply: true,
    });
  });

  it("unsnoozes with DELETE", async () => {
    const sent: SentRequest[] = [];
    server.use(noContent("delete", "/v2/conversations/10/snooze", sent));

    const { response } = await mailbox.DELETE("/v2/conversations/{conversationId}/snooze", {
      params: { path: { conversationId: 10 } },
    });

    expect(response.status).toBe(204);
    expect(sent.map((r) => [r.method, r.url.pathname, r.body])).toEqual([
      ["DELETE", "/v2/conversations/10/snooze", undefined],
    ]);
  });
});
