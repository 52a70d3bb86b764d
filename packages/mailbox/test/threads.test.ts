import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import {
  type CreateChatThreadRequest,
  type CreateCustomerThreadRequest,
  type CreateNoteThreadRequest,
  type CreatePhoneThreadRequest,
  type CreateReplyThreadRequest,
  type components,
  createdId,
  createMailboxClient,
  threadPatch,
} from "../src/index.js";
import {
  ACCESS_TOKEN,
  created,
  customerRef,
  pageOf,
  readRequest,
  type SentRequest,
  thread,
  threadList,
} from "./fixtures/conversations.js";
import { API, server, useMswServer } from "./msw/server.js";

useMswServer();

const mailbox = createMailboxClient({ accessToken: ACCESS_TOKEN });

function record(
  method: "get" | "post" | "put" | "patch" | "delete",
  path: string,
  sent: SentRequest[],
  answer: () => Response,
): ReturnType<typeof http.get> {
  return http[method](`${API}${path}`, async ({ request }) => {
    sent.push(await readRequest(request));
    return answer();
  });
}

const noContent = () => new HttpResponse(null, { status: 204 });

function expectJsonWrite(request: SentRequest | undefined, method: string, path: string): void {
  expect(request?.method).toBe(method);
  expect(request?.url.pathname).toBe(path);
  expect(request?.headers.get("content-type")).toBe("application/json");
  expect(request?.headers.get("authorization")).toBe(`Bearer ${ACCESS_TOKEN}`);
}

describe("GET /v2/conversations/{conversationId}/threads (listThreads)", () => {
  it("asks for the page and returns the threads, newest first as sent", async () => {
    const sent: SentRequest[] = [];
    const threads = [
      thread({ id: 3003, type: "note", state: "published", createdAt: "2017-04-22T09:00:00Z" }),
      thread({ id: 3002, type: "message", createdAt: "2017-04-21T15:01:02Z" }),
    ];
    server.use(
      record("get", "/v2/conversations/10/threads", sent, () =>
        HttpResponse.json(threadList(10, threads, pageOf(2, 2, 52))),
      ),
    );

    const { data } = await mailbox.GET("/v2/conversations/{conversationId}/threads", {
      params: { path: { conversationId: 10 }, query: { page: 2 } },
    });

    expect(sent[0]?.url.pathname).toBe("/v2/conversations/10/threads");
    expect(sent[0]?.url.search).toBe("?page=2");
    expect(sent[0]?.headers.get("authorization")).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(data?._embedded?.threads.map((t) => [t.id, t.type])).toEqual([
      [3003, "note"],
      [3002, "message"],
    ]);
    expect(data?.page.number).toBe(2);
  });
});

describe("GET /v3/conversations/{conversationId}/threads (listThreadsV3)", () => {
  it("reads v3 threads, where an AI author keeps type system_user", async () => {
    const sent: SentRequest[] = [];
    const aiReply = thread({
      id: 4001,
      type: "reply",
      source: { type: "api", via: "user" },
      createdBy: { id: 77, type: "system_user", first: "AI", last: "Answers" },
    });
    server.use(
      record("get", "/v3/conversations/10/threads", sent, () =>
        HttpResponse.json(threadList(10, [aiReply], pageOf(1, 1, 1))),
      ),
    );

    const { data } = await mailbox.GET("/v3/conversations/{conversationId}/threads", {
      params: { path: { conversationId: 10 } },
    });

    expect(sent[0]?.url.pathname).toBe("/v3/conversations/10/threads");
    expect(sent[0]?.url.search).toBe("");
    expect(data?._embedded?.threads[0]?.createdBy?.type).toBe("system_user");
  });
});

describe("create thread endpoints", () => {
  const attachment = {
    fileName: "invoice.txt",
    mimeType: "text/plain",
    data: Buffer.from("Invoice #1234").toString("base64"),
  } satisfies components["schemas"]["AttachmentUpload"];

  it("POST …/reply sends the reply body and returns the thread id", async () => {
    const sent: SentRequest[] = [];
    server.use(
      record("post", "/v2/conversations/10/reply", sent, () =>
        created("/v2/conversations/10/threads", 5001),
      ),
    );
    const body = {
      text: "<p>Your order ships today.</p>",
      customer: { id: 256_809_858 },
      status: "closed",
      user: 9865,
      assignTo: 9865,
      cc: ["boss@acme.com"],
      bcc: ["archive@acme.com"],
      draft: false,
      attachments: [attachment],
    } satisfies CreateReplyThreadRequest;

    const result = await mailbox.POST("/v2/conversations/{conversationId}/reply", {
      params: { path: { conversationId: 10 } },
      body,
    });

    expect(result.response.status).toBe(201);
    expect(createdId(result)).toBe(5001);
    expectJsonWrite(sent[0], "POST", "/v2/conversations/10/reply");
    expect(sent[0]?.body).toEqual(body);
  });

  it("POST …/notes sends the note body and returns the thread id", async () => {
    const sent: SentRequest[] = [];
    server.use(
      record("post", "/v2/conversations/10/notes", sent, () =>
        created("/v2/conversations/10/threads", 5002),
      ),
    );
    const body = {
      text: "Checked with the warehouse: shipped on Monday.",
      user: 9865,
      status: "pending",
    } satisfies CreateNoteThreadRequest;

    const result = await mailbox.POST("/v2/conversations/{conversationId}/notes", {
      params: { path: { conversationId: 10 } },
      body,
    });

    expect(createdId(result)).toBe(5002);
    expectJsonWrite(sent[0], "POST", "/v2/conversations/10/notes");
    expect(sent[0]?.body).toEqual(body);
  });

  it("POST …/customer sends the customer message and returns the thread id", async () => {
    const sent: SentRequest[] = [];
    server.use(
      record("post", "/v2/conversations/10/customer", sent, () =>
        created("/v2/conversations/10/threads", 5003),
      ),
    );
    const body = {
      text: "Any news about my order?",
      customer: customerRef(),
      imported: true,
      createdAt: "2017-04-22T08:00:00Z",
      cc: ["partner@acme.com"],
    } satisfies CreateCustomerThreadRequest;

    const result = await mailbox.POST("/v2/conversations/{conversationId}/customer", {
      params: { path: { conversationId: 10 } },
      body,
    });

    expect(createdId(result)).toBe(5003);
    expectJsonWrite(sent[0], "POST", "/v2/conversations/10/customer");
    expect(sent[0]?.body).toEqual(body);
  });

  it("POST …/phones sends the call notes and returns the thread id", async () => {
    const sent: SentRequest[] = [];
    server.use(
      record("post", "/v2/conversations/10/phones", sent, () =>
        created("/v2/conversations/10/threads", 5004),
      ),
    );
    const body = {
      text: "Called the customer, the parcel is at the depot.",
      customer: { id: 256_809_858 },
    } satisfies CreatePhoneThreadRequest;

    const result = await mailbox.POST("/v2/conversations/{conversationId}/phones", {
      params: { path: { conversationId: 10 } },
      body,
    });

    expect(createdId(result)).toBe(5004);
    expectJsonWrite(sent[0], "POST", "/v2/conversations/10/phones");
    expect(sent[0]?.body).toEqual(body);
  });

  it("POST …/chats sends the chat text and returns the thread id", async () => {
    const sent: SentRequest[] = [];
    server.use(
      record("post", "/v2/conversations/10/chats", sent, () =>
        created("/v2/conversations/10/threads", 5005),
      ),
    );
    const body = {
      text: "Hi! Is anyone there?",
      customer: customerRef({ email: "chat@acme.com" }),
      attachments: [attachment],
    } satisfies CreateChatThreadRequest;

    const result = await mailbox.POST("/v2/conversations/{conversationId}/chats", {
      params: { path: { conversationId: 10 } },
      body,
    });

    expect(createdId(result)).toBe(5005);
    expectJsonWrite(sent[0], "POST", "/v2/conversations/10/chats");
    expect(sent[0]?.body).toEqual(body);
  });
});

describe("PATCH /v2/conversations/{conversationId}/threads/{threadId} (updateThread)", () => {
  it.each([
    [
      "text",
      threadPatch.text("<p>Edited reply</p>"),
      { op: "replace", path: "/text", value: "<p>Edited reply</p>" },
    ],
    ["hide", threadPatch.hide(), { op: "replace", path: "/hidden", value: true }],
    ["unhide", threadPatch.unhide(), { op: "replace", path: "/hidden", value: false }],
  ] as const)("sends threadPatch.%s as the body and gets 204", async (_, patch, expected) => {
    const sent: SentRequest[] = [];
    server.use(record("patch", "/v2/conversations/10/threads/3002", sent, noContent));

    const { response } = await mailbox.PATCH(
      "/v2/conversations/{conversationId}/threads/{threadId}",
      {
        params: { path: { conversationId: 10, threadId: 3002 } },
        body: patch,
      },
    );

    expect(response.status).toBe(204);
    expectJsonWrite(sent[0], "PATCH", "/v2/conversations/10/threads/3002");
    expect(sent[0]?.body).toStrictEqual(expected);
  });
});

describe("GET …/threads/{threadId}/original-source (getThreadOriginalSource)", () => {
  it("returns the raw RFC 822 source from the JSON {original}", async () => {
    const sent: SentRequest[] = [];
    const original =
      "Received: from mail.acme.com\r\nFrom: Vernon Bear <bear@acme.com>\r\nSubject: Where is my order?\r\n\r\nHey there, my order has not arrived yet.";
    server.use(
      record("get", "/v2/conversations/10/threads/3002/original-source", sent, () =>
        HttpResponse.json({ original } satisfies components["schemas"]["ThreadOriginalSource"]),
      ),
    );

    const { data } = await mailbox.GET(
      "/v2/conversations/{conversationId}/threads/{threadId}/original-source",
      { params: { path: { conversationId: 10, threadId: 3002 } } },
    );

    expect(sent[0]?.method).toBe("GET");
    expect(sent[0]?.url.pathname).toBe("/v2/conversations/10/threads/3002/original-source");
    expect(data).toEqual({ original });
  });
});

describe("/v2/conversations/{conversationId}/threads/{threadId}/schedule", () => {
  const path = "/v2/conversations/10/threads/3005/schedule";

  it("schedules a draft with PUT {scheduledFor, unscheduleOnCustomerReply, sendAsCreator}", async () => {
    const sent: SentRequest[] = [];
    server.use(record("put", path, sent, noContent));
    const body = {
      scheduledFor: "2030-06-01T09:00:00Z",
      unscheduleOnCustomerReply: true,
      sendAsCreator: false,
    } satisfies components["schemas"]["ScheduleThreadRequest"];

    const { response } = await mailbox.PUT(
      "/v2/conversations/{conversationId}/threads/{threadId}/schedule",
      { params: { path: { conversationId: 10, threadId: 3005 } }, body },
    );

    expect(response.status).toBe(204);
    expectJsonWrite(sent[0], "PUT", path);
    expect(sent[0]?.body).toEqual({
      scheduledFor: "2030-06-01T09:00:00Z",
      unscheduleOnCustomerReply: true,
      sendAsCreator: false,
    });
  });

  it("sends a scheduled thread now with PATCH threadPatch.publishScheduledNow()", async () => {
    const sent: SentRequest[] = [];
    server.use(record("patch", path, sent, noContent));

    const { response } = await mailbox.PATCH(
      "/v2/conversations/{conversationId}/threads/{threadId}/schedule",
      {
        params: { path: { conversationId: 10, threadId: 3005 } },
        body: threadPatch.publishScheduledNow(),
      },
    );

    expect(response.status).toBe(204);
    expectJsonWrite(sent[0], "PATCH", path);
    expect(sent[0]?.body).toStrictEqual({ op: "replace", path: "/state", value: "published" });
  });

  it("unschedules with DELETE", async () => {
    const sent: SentRequest[] = [];
    server.use(record("delete", path, sent, noContent));

    const { response } = await mailbox.DELETE(
      "/v2/conversations/{conversationId}/threads/{threadId}/schedule",
      { params: { path: { conversationId: 10, threadId: 3005 } } },
    );

    expect(response.status).toBe(204);
    expect(sent.map((r) => [r.method, r.url.pathname, r.body])).toEqual([
      ["DELETE", path, undefined],
    ]);
  });
});
