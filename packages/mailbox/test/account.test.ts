import { HttpResponse, http, type JsonBodyType } from "msw";
import { describe, expect, it } from "vitest";
import {
  type components,
  createdId,
  createMailboxClient,
  HelpScoutError,
  paginate,
  type WebhookEventName,
  workflowPatch,
} from "../src/index.js";
import {
  customField,
  folder,
  halList,
  ids,
  mailbox,
  rating,
  reassignment,
  routing,
  savedReply,
  savedReplySummary,
  tag,
  team,
  user,
  userStatus,
  webhook,
  workflow,
} from "./fixtures/account.js";
import { useRequestRecorder } from "./fixtures/request-recorder.js";
import { API, server, useMswServer } from "./msw/server.js";

type S = components["schemas"];

useMswServer();

const TOKEN = "hs-test-token-5b62";
const BEARER = `Bearer ${TOKEN}`;

const { sent, record } = useRequestRecorder();

type Method = "get" | "post" | "put" | "patch" | "delete";

/** Answers `method path` with `respond` and records every request that reaches it. */
function answer(method: Method, path: string, respond: (request: Request) => Response): void {
  server.use(
    http[method](`${API}${path}`, async ({ request }) => {
      await record(request.clone());
      return respond(request);
    }),
  );
}

const hal = <T extends JsonBodyType>(body: T) =>
  HttpResponse.json(body, { headers: { "Content-Type": "application/hal+json" } });
const noContent = () => new HttpResponse(null, { status: 204 });
const created = (id: number) =>
  new HttpResponse(null, { status: 201, headers: { "Resource-ID": String(id) } });

const client = () => createMailboxClient({ accessToken: TOKEN });

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

const mailboxId = ids.mailbox;
const userId = ids.user;

describe("mailboxes", () => {
  it("lists mailboxes", async () => {
    answer("get", "/v2/mailboxes", () =>
      hal(halList("mailboxes", [mailbox], "/v2/mailboxes") satisfies S["MailboxList"]),
    );

    const { data } = await client().GET("/v2/mailboxes", { params: { query: { page: 1 } } });

    expect(sent).toMatchObject([
      { method: "GET", path: "/v2/mailboxes", search: "?page=1", auth: BEARER },
    ]);
    expect(data?._embedded?.mailboxes).toEqual([mailbox]);
  });

  it("gets one mailbox with its folders and fields links", async () => {
    answer("get", "/v2/mailboxes/:mailboxId", () => hal(mailbox satisfies S["Mailbox"]));

    const { data } = await client().GET("/v2/mailboxes/{mailboxId}", {
      params: { path: { mailboxId } },
    });

    expect(sent).toMatchObject([{ method: "GET", path: `/v2/mailboxes/${mailboxId}` }]);
    expect(data).toEqual(mailbox);
    expect(data?._links?.folders?.href).toBe(`${API}/v2/mailboxes/${mailboxId}/folders`);
  });

  it("lists the custom field definitions of a mailbox", async () => {
    const path = `/v2/mailboxes/${mailboxId}/fields`;
    answer("get", path, () =>
      hal(halList("fields", [customField], path) satisfies S["MailboxCustomFieldList"]),
    );

    const fields = await collect(
      paginate(client(), "/v2/mailboxes/{mailboxId}/fields", { params: { path: { mailboxId } } }),
    );

    expect(sent).toMatchObject([{ method: "GET", path, search: "", auth: BEARER }]);
    expect(fields).toEqual([customField]);
    expect(fields[0]?.options?.map((o) => o.label)).toEqual(["Standard", "Plus"]);
  });

  it("lists the folders of a mailbox", async () => {
    const path = `/v2/mailboxes/${mailboxId}/folders`;
    answer("get", path, () => hal(halList("folders", [folder], path) satisfies S["FolderList"]));

    const folders = await collect(
      paginate(client(), "/v2/mailboxes/{mailboxId}/folders", { params: { path: { mailboxId } } }),
    );

    expect(sent).toMatchObject([{ method: "GET", path }]);
    expect(folders).toEqual([folder]);
  });

  it("gets the routing settings", async () => {
    answer("get", "/v2/mailboxes/:mailboxId/routing", () =>
      hal(routing satisfies S["MailboxRouting"]),
    );

    const { data } = await client().GET("/v2/mailboxes/{mailboxId}/routing", {
      params: { path: { mailboxId } },
    });

    expect(sent).toMatchObject([{ method: "GET", path: `/v2/mailboxes/${mailboxId}/routing` }]);
    expect(data).toEqual(routing);
    expect(data?.rotation?.[1]?.reason).toBe("at_capacity");
  });

  it("replaces the routing settings with PUT", async () => {
    answer("put", "/v2/mailboxes/:mailboxId/routing", noContent);
    const body: S["UpdateMailboxRoutingRequest"] = {
      state: "enabled",
      assignmentLimit: 5,
      assignmentMethod: "balanced",
      userIds: [userId, 12],
    };

    const result = await client().PUT("/v2/mailboxes/{mailboxId}/routing", {
      params: { path: { mailboxId } },
      body,
    });

    expect(result.response.status).toBe(204);
    expect(sent).toMatchObject([
      {
        method: "PUT",
        path: `/v2/mailboxes/${mailboxId}/routing`,
        contentType: "application/json",
        auth: BEARER,
      },
    ]);
    expect(sent[0]?.body).toEqual(body);
  });
});

describe("saved replies", () => {
  const path = `/v2/mailboxes/${mailboxId}/saved-replies`;

  it("yields the replies of a bare-array answer through paginate", async () => {
    const second: S["SavedReplySummary"] = { id: 3002, name: "Shipping times" };
    answer("get", path, () =>
      hal([savedReplySummary, second] satisfies S["SavedReplyListResponse"]),
    );

    const replies = await collect(
      paginate(client(), "/v2/mailboxes/{mailboxId}/saved-replies", {
        params: { path: { mailboxId }, query: { includeChatReplies: true } },
      }),
    );

    expect(replies).toEqual([savedReplySummary, second]);
    expect(sent).toMatchObject([
      { method: "GET", path, search: "?includeChatReplies=true", auth: BEARER },
    ]);
  });

  it("yields the replies of a paged HAL answer through paginate", async () => {
    const second: S["SavedReplySummary"] = { id: 3002, name: "Shipping times" };
    answer("get", path, (request) => {
      const page = new URL(request.url).searchParams.get("page");
      const body: S["SavedReplyListResponse"] =
        page === "2"
          ? {
              _embedded: { "saved-replies": [second] },
              _links: { self: { href: `${API}${path}?page=2` } },
              page: { size: 1, totalElements: 2, totalPages: 2, number: 2 },
            }
          : {
              _embedded: { "saved-replies": [savedReplySummary] },
              _links: {
                self: { href: `${API}${path}` },
                next: { href: `${API}${path}?page=2` },
              },
              page: { size: 1, totalElements: 2, totalPages: 2, number: 1 },
            };
      return hal(body);
    });

    const replies = await collect(
      paginate(client(), "/v2/mailboxes/{mailboxId}/saved-replies", {
        params: { path: { mailboxId } },
      }),
    );

    expect(replies).toEqual([savedReplySummary, second]);
    expect(sent.map((s) => `${s.method} ${s.path}${s.search}`)).toEqual([
      `GET ${path}`,
      `GET ${path}?page=2`,
    ]);
  });

  it("gets one saved reply with its email and chat texts", async () => {
    answer("get", `${path}/:savedReplyId`, () => hal(savedReply satisfies S["SavedReply"]));

    const { data } = await client().GET("/v2/mailboxes/{mailboxId}/saved-replies/{savedReplyId}", {
      params: { path: { mailboxId, savedReplyId: ids.savedReply } },
    });

    expect(sent).toMatchObject([{ method: "GET", path: `${path}/${ids.savedReply}` }]);
    expect(data).toEqual(savedReply);
  });

  it("creates a saved reply and yields the Resource-ID", async () => {
    answer("post", path, () => created(3003));
    const body: S["CreateSavedReplyRequest"] = {
      name: "Password reset",
      text: "<p>Use the <b>Forgot password</b> link on the sign-in page.</p>",
      chatText: "Use the Forgot password link on the sign-in page.",
    };

    const result = await client().POST("/v2/mailboxes/{mailboxId}/saved-replies", {
      params: { path: { mailboxId } },
      body,
    });

    expect(createdId(result)).toBe(3003);
    expect(sent).toMatchObject([
      { method: "POST", path, contentType: "application/json", auth: BEARER },
    ]);
    expect(sent[0]?.body).toEqual(body);
  });

  it("replaces a saved reply with PUT", async () => {
    answer("put", `${path}/:savedReplyId`, noContent);
    const body: S["UpdateSavedReplyRequest"] = {
      name: "Refund policy",
      text: "<p>Refunds are issued within 60 days of purchase.</p>",
    };

    const result = await client().PUT("/v2/mailboxes/{mailboxId}/saved-replies/{savedReplyId}", {
      params: { path: { mailboxId, savedReplyId: ids.savedReply } },
      body,
    });

    expect(result.response.status).toBe(204);
    expect(sent).toMatchObject([
      { method: "PUT", path: `${path}/${ids.savedReply}`, contentType: "application/json" },
    ]);
    expect(sent[0]?.body).toEqual(body);
  });

  it("deletes a saved reply", async () => {
    answer("delete", `${path}/:savedReplyId`, noContent);

    const result = await client().DELETE("/v2/mailboxes/{mailboxId}/saved-replies/{savedReplyId}", {
      params: { path: { mailboxId, savedReplyId: ids.savedReply } },
    });

    expect(result.response.status).toBe(204);
    expect(sent).toMatchObject([
      { method: "DELETE", path: `${path}/${ids.savedReply}`, body: undefined },
    ]);
  });
});

describe("users", () => {
  it("lists users filtered by exact email and mailbox", async () => {
    answer("get", "/v2/users", () =>
      hal(halList("users", [user], "/v2/users") satisfies S["UserList"]),
    );

    const { data } = await client().GET("/v2/users", {
      params: { query: { email: "mr.robot@acme.example", mailbox: mailboxId } },
    });

    expect(sent).toMatchObject([
      {
        method: "GET",
        path: "/v2/users",
        query: { email: "mr.robot@acme.example", mailbox: "1" },
        auth: BEARER,
      },
    ]);
    expect(sent[0]?.search).toBe("?email=mr.robot%40acme.example&mailbox=1");
    expect(data?._embedded?.users).toEqual([user]);
  });

  it("gets a user by id", async () => {
    answer("get", "/v2/users/:userId", () => hal(user satisfies S["User"]));

    const { data } = await client().GET("/v2/users/{userId}", { params: { path: { userId } } });

    expect(sent).toMatchObject([{ method: "GET", path: `/v2/users/${userId}` }]);
    expect(data).toEqual(user);
  });

  it("gets the token owner from the literal /v2/users/me", async () => {
    answer("get", "/v2/users/:userId", () => hal(user satisfies S["User"]));

    const { data } = await client().GET("/v2/users/me");

    expect(sent).toEqual([
      {
        method: "GET",
        path: "/v2/users/me",
        search: "",
        query: {},
        auth: BEARER,
        contentType: null,
        body: undefined,
      },
    ]);
    expect(data?.email).toBe("mr.robot@acme.example");
  });

  it("lists the statuses of all users from the literal /v2/users/status", async () => {
    answer("get", "/v2/users/:userId", () =>
      hal(halList("userStatuses", [userStatus], "/v2/users/status") satisfies S["UserStatusList"]),
    );

    const statuses = await collect(paginate(client(), "/v2/users/status"));

    expect(sent).toMatchObject([{ method: "GET", path: "/v2/users/status", search: "" }]);
    expect(statuses).toEqual([userStatus]);
  });

  it("gets a user's status", async () => {
    answer("get", "/v2/users/:userId/status", () => hal(userStatus satisfies S["UserStatus"]));

    const { data } = await client().GET("/v2/users/{userId}/status", {
      params: { path: { userId } },
    });

    expect(sent).toMatchObject([{ method: "GET", path: `/v2/users/${userId}/status` }]);
    expect(data).toEqual(userStatus);
    expect(data?.chat?.mailboxStatuses).toEqual({ "1": "available", "2": "unavailable" });
  });

  it("sets a user's status with a custom status", async () => {
    answer("put", "/v2/users/:userId/status", noContent);
    const body: S["SetUserStatusRequest"] = {
      status: "away",
      customStatus: { text: "On vacation", emoji: "🌴", emojiName: "palm_tree" },
    };

    const result = await client().PUT("/v2/users/{userId}/status", {
      params: { path: { userId } },
      body,
    });

    expect(result.response.status).toBe(204);
    expect(sent).toMatchObject([
      { method: "PUT", path: `/v2/users/${userId}/status`, contentType: "application/json" },
    ]);
    expect(sent[0]?.body).toEqual(body);
  });

  it("gets the conversation reassignment settings", async () => {
    answer("get", "/v2/users/:userId/conversation-reassignment", () =>
      hal(reassignment satisfies S["ConversationReassignment"]),
    );

    const { data } = await client().GET("/v2/users/{userId}/conversation-reassignment", {
      params: { path: { userId } },
    });

    expect(sent).toMatchObject([
      { method: "GET", path: `/v2/users/${userId}/conversation-reassignment`, auth: BEARER },
    ]);
    expect(data).toEqual(reassignment);
  });

  it("replaces the conversation reassignment settings", async () => {
    answer("put", "/v2/users/:userId/conversation-reassignment", noContent);
    const body: S["UpdateConversationReassignmentRequest"] = {
      enabled: true,
      awayDuration: { hours: 0, minutes: 45 },
    };

    const result = await client().PUT("/v2/users/{userId}/conversation-reassignment", {
      params: { path: { userId } },
      body,
    });

    expect(result.response.status).toBe(204);
    expect(sent).toMatchObject([
      {
        method: "PUT",
        path: `/v2/users/${userId}/conversation-reassignment`,
        contentType: "application/json",
      },
    ]);
    expect(sent[0]?.body).toEqual(body);
  });
});

describe("teams and tags", () => {
  it("lists teams", async () => {
    answer("get", "/v2/teams", () =>
      hal(halList("teams", [team], "/v2/teams") satisfies S["TeamList"]),
    );

    const teams = await collect(paginate(client(), "/v2/teams"));

    expect(sent).toMatchObject([{ method: "GET", path: "/v2/teams", auth: BEARER }]);
    expect(teams).toEqual([team]);
  });

  it("lists the members of a team as users", async () => {
    const path = `/v2/teams/${ids.team}/members`;
    answer("get", path, () => hal(halList("users", [user], path) satisfies S["UserList"]));

    const { data } = await client().GET("/v2/teams/{teamId}/members", {
      params: { path: { teamId: ids.team }, query: { page: 2 } },
    });

    expect(sent).toMatchObject([{ method: "GET", path, search: "?page=2" }]);
    expect(data?._embedded?.users).toEqual([user]);
  });

  it("lists tags", async () => {
    answer("get", "/v2/tags", () => hal(halList("tags", [tag], "/v2/tags") satisfies S["TagList"]));

    const tags = await collect(paginate(client(), "/v2/tags"));

    expect(sent).toMatchObject([{ method: "GET", path: "/v2/tags", auth: BEARER }]);
    expect(tags).toEqual([tag]);
  });
});

describe("workflows", () => {
  it("lists workflows filtered by mailboxId and type", async () => {
    answer("get", "/v2/workflows", () =>
      hal(halList("workflows", [workflow], "/v2/workflows") satisfies S["WorkflowList"]),
    );

    const { data } = await client().GET("/v2/workflows", {
      params: { query: { mailboxId, type: "manual" } },
    });

    expect(sent).toMatchObject([
      { method: "GET", path: "/v2/workflows", search: "?mailboxId=1&type=manual", auth: BEARER },
    ]);
    expect(data?._embedded?.workflows).toEqual([workflow]);
  });

  it.each([
    ["activate", workflowPatch.activate(), "active"],
    ["deactivate", workflowPatch.deactivate(), "inactive"],
  ] as const)("%s sends one replace /status patch", async (_name, body, status) => {
    answer("patch", "/v2/workflows/:workflowId", noContent);

    const result = await client().PATCH("/v2/workflows/{workflowId}", {
      params: { path: { workflowId: ids.workflow } },
      body,
    });

    expect(result.response.status).toBe(204);
    expect(sent).toMatchObject([
      {
        method: "PATCH",
        path: `/v2/workflows/${ids.workflow}`,
        contentType: "application/json",
      },
    ]);
    expect(sent[0]?.body).toEqual({ op: "replace", path: "/status", value: status });
  });

  it("runs a manual workflow on conversations", async () => {
    answer("post", "/v2/workflows/:workflowId/run", noContent);

    const result = await client().POST("/v2/workflows/{workflowId}/run", {
      params: { path: { workflowId: ids.workflow } },
      body: { conversationIds: [4287, 4288] },
    });

    expect(result.response.status).toBe(204);
    expect(sent).toMatchObject([
      {
        method: "POST",
        path: `/v2/workflows/${ids.workflow}/run`,
        contentType: "application/json",
        auth: BEARER,
      },
    ]);
    expect(sent[0]?.body).toEqual({ conversationIds: [4287, 4288] });
  });
});

describe("webhooks", () => {
  const events: WebhookEventName[] = [
    "convo.created",
    "convo.customer.reply.created",
    "customer.deleted",
    "tag.created",
  ];
  const body: S["WebhookRequest"] = {
    url: "https://hooks.acme.example/helpscout",
    events,
    secret: "whsec-test-0123456789",
    notification: false,
    label: "Ops sync",
    payloadVersion: "V2",
    mailboxIds: [mailboxId],
  };

  it("lists webhooks", async () => {
    answer("get", "/v2/webhooks", () =>
      hal(halList("webhooks", [webhook], "/v2/webhooks") satisfies S["WebhookList"]),
    );

    const webhooks = await collect(paginate(client(), "/v2/webhooks"));

    expect(sent).toMatchObject([{ method: "GET", path: "/v2/webhooks", auth: BEARER }]);
    expect(webhooks).toEqual([webhook]);
  });

  it("gets one webhook", async () => {
    answer("get", "/v2/webhooks/:webhookId", () => hal(webhook satisfies S["Webhook"]));

    const { data } = await client().GET("/v2/webhooks/{webhookId}", {
      params: { path: { webhookId: ids.webhook } },
    });

    expect(sent).toMatchObject([{ method: "GET", path: `/v2/webhooks/${ids.webhook}` }]);
    expect(data).toEqual(webhook);
  });

  it("creates a webhook and yields the Resource-ID", async () => {
    answer("post", "/v2/webhooks", () => created(7002));

    const result = await client().POST("/v2/webhooks", { body });

    expect(result.response.status).toBe(201);
    expect(createdId(result)).toBe(7002);
    expect(sent).toMatchObject([
      { method: "POST", path: "/v2/webhooks", contentType: "application/json", auth: BEARER },
    ]);
    expect(sent[0]?.body).toEqual({
      url: "https://hooks.acme.example/helpscout",
      events: ["convo.created", "convo.customer.reply.created", "customer.deleted", "tag.created"],
      secret: "whsec-test-0123456789",
      notification: false,
      label: "Ops sync",
      payloadVersion: "V2",
      mailboxIds: [1],
    });
  });

  it("replaces a webhook with PUT", async () => {
    answer("put", "/v2/webhooks/:webhookId", noContent);
    const update: S["WebhookRequest"] = {
      ...body,
      events: ["satisfaction.ratings"],
      label: "Ratings",
    };

    const result = await client().PUT("/v2/webhooks/{webhookId}", {
      params: { path: { webhookId: ids.webhook } },
      body: update,
    });

    expect(result.response.status).toBe(204);
    expect(sent).toMatchObject([
      { method: "PUT", path: `/v2/webhooks/${ids.webhook}`, contentType: "application/json" },
    ]);
    expect(sent[0]?.body).toEqual(update);
  });

  it("deletes a webhook", async () => {
    answer("delete", "/v2/webhooks/:webhookId", noContent);

    const result = await client().DELETE("/v2/webhooks/{webhookId}", {
      params: { path: { webhookId: ids.webhook } },
    });

    expect(result.response.status).toBe(204);
    expect(sent).toMatchObject([
      { method: "DELETE", path: `/v2/webhooks/${ids.webhook}`, body: undefined },
    ]);
  });
});

describe("ratings", () => {
  it("gets a rating with its customer and user", async () => {
    answer("get", "/v2/ratings/:ratingId", () => hal(rating satisfies S["Rating"]));

    const { data } = await client().GET("/v2/ratings/{ratingId}", {
      params: { path: { ratingId: ids.rating } },
    });

    expect(sent).toMatchObject([
      { method: "GET", path: `/v2/ratings/${ids.rating}`, auth: BEARER },
    ]);
    expect(data).toEqual(rating);
  });

  it("throws a not_found HelpScoutError for an unknown rating", async () => {
    answer("get", "/v2/ratings/:ratingId", () =>
      HttpResponse.json(
        {
          logRef: "0c4e8f1a-9d1b-4a57-b3d5-2a6f9e1c7b00#774",
          message: "Not Found",
        } satisfies S["VndError"],
        { status: 404, headers: { "Correlation-ID": "corr-774" } },
      ),
    );

    const call = client().GET("/v2/ratings/{ratingId}", { params: { path: { ratingId: 1 } } });

    await expect(call).rejects.toBeInstanceOf(HelpScoutError);
    await expect(call).rejects.toMatchObject({
      status: 404,
      code: "not_found",
      logRef: "0c4e8f1a-9d1b-4a57-b3d5-2a6f9e1c7b00#774",
      correlationId: "corr-774",
    });
  });
});
