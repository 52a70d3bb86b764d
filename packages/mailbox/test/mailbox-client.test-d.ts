import { describe, expectTypeOf, it } from "vitest";
import {
  type Conversation,
  type Customer,
  conversationPatch,
  createMailboxClient,
  type MailboxListItem,
  type MailboxListPath,
  type MailboxPage,
  paginate,
  paginatePages,
  type Thread,
} from "../src/index.js";

const mailbox = createMailboxClient({ accessToken: "token" });

describe("paginate item types", () => {
  it("yields Conversation for /v2/conversations", () => {
    expectTypeOf(paginate(mailbox, "/v2/conversations")).toEqualTypeOf<
      AsyncGenerator<Conversation, void, undefined>
    >();
    expectTypeOf<MailboxListItem<"/v2/conversations">>().toEqualTypeOf<Conversation>();
  });

  it("yields Thread for the threads of a conversation (v2 and v3)", () => {
    const threads = paginate(mailbox, "/v2/conversations/{conversationId}/threads", {
      params: { path: { conversationId: 10 } },
    });
    expectTypeOf(threads).toEqualTypeOf<AsyncGenerator<Thread, void, undefined>>();
    expectTypeOf<
      MailboxListItem<"/v3/conversations/{conversationId}/threads">
    >().toEqualTypeOf<Thread>();
  });

  it("yields Customer for /v2/customers", () => {
    expectTypeOf(paginate(mailbox, "/v2/customers")).toEqualTypeOf<
      AsyncGenerator<Customer, void, undefined>
    >();
  });

  it("gives paginatePages typed pages", () => {
    expectTypeOf(paginatePages(mailbox, "/v2/conversations")).toEqualTypeOf<
      AsyncGenerator<MailboxPage<Conversation>, void, undefined>
    >();
  });

  it("accepts the list filters of the path as init", () => {
    paginate(mailbox, "/v2/conversations", {
      params: { query: { status: "active", tag: "vip", embed: "threads" } },
    });
    paginate(mailbox, "/v2/conversations", {
      // @ts-expect-error `tags` is not a List conversations filter (it is `tag`)
      params: { query: { tags: "vip" } },
    });
  });

  it("only accepts list paths", () => {
    expectTypeOf<"/v2/conversations">().toExtend<MailboxListPath>();
    expectTypeOf<"/v2/users/me">().not.toExtend<MailboxListPath>();
    // @ts-expect-error GET /v2/users/me answers one user, not a HAL list
    paginate(mailbox, "/v2/users/me", {});
    // @ts-expect-error GET /v2/mailboxes/{mailboxId} answers one mailbox
    paginate(mailbox, "/v2/mailboxes/{mailboxId}", { params: { path: { mailboxId: 85 } } });
  });

  it("does not take an entity with embedded arrays for a list", () => {
    expectTypeOf<"/v2/conversations/{conversationId}">().not.toExtend<MailboxListPath>();
    expectTypeOf<"/v2/customers/{customerId}">().not.toExtend<MailboxListPath>();
    const path = { conversationId: 10 };
    // @ts-expect-error one conversation (with _embedded.threads), not a list
    paginate(mailbox, "/v2/conversations/{conversationId}", { params: { path } });
  });

  it("yields defined items where the list's array is optional", () => {
    expectTypeOf<MailboxListItem<"/v3/customers">>().toEqualTypeOf<Customer>();
  });

  it("requires the path parameters of a nested list", () => {
    // @ts-expect-error the threads list needs params.path.conversationId
    paginate(mailbox, "/v2/conversations/{conversationId}/threads");
  });
});

describe("listConversations query", () => {
  it("types the documented filters", () => {
    mailbox.GET("/v2/conversations", {
      params: {
        query: {
          page: 2,
          embed: "threads",
          mailbox: "123,567",
          folder: 1,
          status: "all",
          tag: "vip",
          assigned_to: 9865,
          modifiedSince: "2024-01-01T00:00:00Z",
          number: 12,
          sortField: "modifiedAt",
          sortOrder: "asc",
          query: '(subject:"rainbow")',
          customFieldsByIds: "123:blue",
        },
      },
    });
  });

  it("rejects an unknown query parameter", () => {
    mailbox.GET("/v2/conversations", {
      // @ts-expect-error `assignedTo` is spelled `assigned_to` by Help Scout
      params: { query: { assignedTo: 9865 } },
    });
  });

  it("rejects a status the API does not know", () => {
    mailbox.GET("/v2/conversations", {
      // @ts-expect-error `resolved` is not a conversation status
      params: { query: { status: "resolved" } },
    });
  });

  it("rejects an unknown sortField", () => {
    mailbox.GET("/v2/conversations", {
      // @ts-expect-error `updatedAt` is not a sort field (it is `modifiedAt`)
      params: { query: { sortField: "updatedAt" } },
    });
  });
});

describe("path parameters", () => {
  it("requires conversationId", () => {
    mailbox.GET("/v2/conversations/{conversationId}", {
      // @ts-expect-error conversationId is missing
      params: { path: {} },
    });
  });

  it("requires the params object itself", () => {
    // @ts-expect-error the path has a required {conversationId}
    mailbox.DELETE("/v2/conversations/{conversationId}");
  });

  it("types conversationId as a number", () => {
    mailbox.GET("/v2/conversations/{conversationId}", {
      // @ts-expect-error ids are integers
      params: { path: { conversationId: "10" } },
    });
  });
});

describe("create conversation body", () => {
  it("accepts a complete body with assignTo null", () => {
    mailbox.POST("/v2/conversations", {
      body: {
        subject: "Where is my order?",
        type: "email",
        mailboxId: 85,
        status: "active",
        customer: { email: "bear@acme.com" },
        threads: [{ type: "customer", text: "Hello", customer: { email: "bear@acme.com" } }],
        assignTo: null,
      },
    });
  });

  it("rejects a body without mailboxId", () => {
    mailbox.POST("/v2/conversations", {
      // @ts-expect-error mailboxId is required
      body: {
        subject: "Where is my order?",
        type: "email",
        status: "active",
        customer: { email: "bear@acme.com" },
        threads: [{ type: "customer", text: "Hello" }],
      },
    });
  });

  it("rejects a status that a new conversation cannot have", () => {
    mailbox.POST("/v2/conversations", {
      body: {
        subject: "Where is my order?",
        type: "email",
        mailboxId: 85,
        // @ts-expect-error a conversation is created active, closed or pending
        status: "spam",
        customer: { email: "bear@acme.com" },
        threads: [{ type: "customer", text: "Hello" }],
      },
    });
  });
});

describe("JSON Patch bodies", () => {
  it("returns the exact schema types from the builders", () => {
    expectTypeOf(conversationPatch.unassign()).toEqualTypeOf<{ op: "remove"; path: "/assignTo" }>();
  });

  it("rejects conversationPatch.status with a number", () => {
    // @ts-expect-error the status is a string
    conversationPatch.status(2);
  });

  it("rejects an op/path combination the API does not allow", () => {
    mailbox.PATCH("/v2/conversations/{conversationId}", {
      params: { path: { conversationId: 10 } },
      // @ts-expect-error the subject can be replaced, not removed
      body: { op: "remove", path: "/subject" },
    });
  });

  it("rejects a wrong value type for a path", () => {
    mailbox.PATCH("/v2/conversations/{conversationId}", {
      params: { path: { conversationId: 10 } },
      // @ts-expect-error /assignTo takes a user id
      body: { op: "replace", path: "/assignTo", value: "9865" },
    });
  });

  it("rejects an array body where a single operation is expected", () => {
    mailbox.PATCH("/v2/conversations/{conversationId}", {
      params: { path: { conversationId: 10 } },
      // @ts-expect-error Update conversation takes one operation object, not an array
      body: [conversationPatch.subject("New subject")],
    });
  });
});
