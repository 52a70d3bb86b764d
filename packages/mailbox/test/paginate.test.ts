import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import {
  type Conversation,
  type Customer,
  type components,
  createMailboxClient,
  HelpScoutError,
  paginate,
  paginatePages,
} from "../src/index.js";
import {
  ACCESS_TOKEN,
  conversation,
  conversationList,
  pageOf,
  readRequest,
  type SentRequest,
  thread,
  threadList,
} from "./fixtures/conversations.js";
import { API, server, useMswServer } from "./msw/server.js";

useMswServer();

// No retry: a failing page must surface at once (retries are tested in defaults.test.ts).
const mailbox = createMailboxClient({ accessToken: ACCESS_TOKEN, retry: false });

const queryOf = (request: SentRequest | undefined) => [...(request?.url.searchParams ?? [])];

async function collect<T>(items: AsyncIterable<T>, limit = 50): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) {
    out.push(item);
    // A guard so a paginator that never stops fails the test instead of hanging it.
    if (out.length >= limit) break;
  }
  return out;
}

/** Three pages of active VIP conversations; each `next` keeps the filters, as Help Scout's do. */
function threeFilteredPages(sent: SentRequest[]) {
  const pages = new Map<string | null, components["schemas"]["ConversationList"]>([
    [
      null,
      conversationList(
        [conversation({ id: 1 }), conversation({ id: 2 })],
        pageOf(1, 3, 5),
        `${API}/v2/conversations?status=active&tag=vip&page=2`,
      ),
    ],
    [
      "2",
      conversationList(
        [conversation({ id: 3 }), conversation({ id: 4 })],
        pageOf(2, 3, 5),
        `${API}/v2/conversations?status=active&tag=vip&page=3`,
      ),
    ],
    ["3", conversationList([conversation({ id: 5 })], pageOf(3, 3, 5))],
  ]);
  return http.get(`${API}/v2/conversations`, async ({ request }) => {
    const read = await readRequest(request);
    sent.push(read);
    const body = pages.get(read.url.searchParams.get("page"));
    return body
      ? HttpResponse.json(body)
      : HttpResponse.json({ message: "Not Found" } satisfies components["schemas"]["VndError"], {
          status: 404,
        });
  });
}

describe("paginate", () => {
  it("follows _links.next across three pages, keeping the filters, and stops at the last", async () => {
    const sent: SentRequest[] = [];
    server.use(threeFilteredPages(sent));

    const items = await collect(
      paginate(mailbox, "/v2/conversations", {
        params: { query: { status: "active", tag: "vip" } },
      }),
    );

    expect(items.map((c) => c.id)).toEqual([1, 2, 3, 4, 5]);
    expect(sent.map(queryOf)).toEqual([
      [
        ["status", "active"],
        ["tag", "vip"],
      ],
      [
        ["status", "active"],
        ["tag", "vip"],
        ["page", "2"],
      ],
      [
        ["status", "active"],
        ["tag", "vip"],
        ["page", "3"],
      ],
    ]);
    expect(sent.every((r) => r.url.origin === API && r.url.pathname === "/v2/conversations")).toBe(
      true,
    );
    expect(new Set(sent.map((r) => r.headers.get("authorization")))).toEqual(
      new Set([`Bearer ${ACCESS_TOKEN}`]),
    );
  });

  it("yields nothing from an empty list (no _embedded) after one request", async () => {
    const sent: SentRequest[] = [];
    server.use(
      http.get(`${API}/v2/conversations`, async ({ request }) => {
        sent.push(await readRequest(request));
        return HttpResponse.json({
          _links: {
            self: { href: `${API}/v2/conversations?status=closed` },
            first: { href: `${API}/v2/conversations?status=closed&page=1` },
          },
          page: pageOf(1, 0, 0),
        } satisfies components["schemas"]["ConversationList"]);
      }),
    );

    const items = await collect(
      paginate(mailbox, "/v2/conversations", { params: { query: { status: "closed" } } }),
    );

    expect(items).toEqual([]);
    expect(sent.map(queryOf)).toEqual([[["status", "closed"]]]);
  });

  it("throws the HelpScoutError of page 2 after yielding page 1", async () => {
    const sent: SentRequest[] = [];
    server.use(
      http.get(`${API}/v2/conversations`, async ({ request }) => {
        const read = await readRequest(request);
        sent.push(read);
        if (read.url.searchParams.get("page") === "2") {
          return HttpResponse.json(
            {
              logRef: "a1b2c3d4-e5f6",
              message: "Internal server error",
            } satisfies components["schemas"]["VndError"],
            { status: 500 },
          );
        }
        return HttpResponse.json(
          conversationList(
            [conversation({ id: 1 }), conversation({ id: 2 })],
            pageOf(1, 2, 4),
            `${API}/v2/conversations?page=2`,
          ),
        );
      }),
    );

    const yielded: Conversation[] = [];
    let thrown: unknown;
    try {
      for await (const item of paginate(mailbox, "/v2/conversations")) yielded.push(item);
    } catch (error) {
      thrown = error;
    }

    expect(yielded.map((c) => c.id)).toEqual([1, 2]);
    expect(thrown).toBeInstanceOf(HelpScoutError);
    expect(thrown).toMatchObject({ status: 500, code: "server_error", logRef: "a1b2c3d4-e5f6" });
    expect(sent.map(queryOf)).toEqual([[], [["page", "2"]]]);
  });

  it("sends a next link that names another host to the client's own host", async () => {
    const sent: SentRequest[] = [];
    const elsewhere: SentRequest[] = [];
    server.use(
      http.get(`${API}/v2/conversations`, async ({ request }) => {
        const read = await readRequest(request);
        sent.push(read);
        return read.url.searchParams.get("page") === "2"
          ? HttpResponse.json(conversationList([conversation({ id: 2 })], pageOf(2, 2, 2)))
          : HttpResponse.json(
              conversationList(
                [conversation({ id: 1 })],
                pageOf(1, 2, 2),
                "https://attacker.example.com/v2/conversations?page=2",
              ),
            );
      }),
      http.get("https://attacker.example.com/*", async ({ request }) => {
        elsewhere.push(await readRequest(request));
        return HttpResponse.json(conversationList([], pageOf(2, 2, 2)));
      }),
    );

    const items = await collect(paginate(mailbox, "/v2/conversations"));

    expect(items.map((c) => c.id)).toEqual([1, 2]);
    expect(elsewhere).toEqual([]);
    expect(sent.map((r) => r.url.href)).toEqual([
      `${API}/v2/conversations`,
      `${API}/v2/conversations?page=2`,
    ]);
    expect(sent[1]?.headers.get("authorization")).toBe(`Bearer ${ACCESS_TOKEN}`);
  });

  it("stops when a page repeats the next link it already followed", async () => {
    const sent: SentRequest[] = [];
    server.use(
      http.get(`${API}/v2/conversations`, async ({ request }) => {
        const read = await readRequest(request);
        sent.push(read);
        const number = Number(read.url.searchParams.get("page") ?? "1");
        return HttpResponse.json(
          conversationList(
            [conversation({ id: number })],
            pageOf(number, 3, 3),
            `${API}/v2/conversations?page=2`,
          ),
        );
      }),
    );

    const items = await collect(paginate(mailbox, "/v2/conversations"), 10);

    expect(items.map((c) => c.id)).toEqual([1, 2]);
    expect(sent.map(queryOf)).toEqual([[], [["page", "2"]]]);
  });

  it("pages the threads of a conversation with the path parameter kept", async () => {
    const sent: SentRequest[] = [];
    server.use(
      http.get(`${API}/v2/conversations/10/threads`, async ({ request }) => {
        const read = await readRequest(request);
        sent.push(read);
        return read.url.searchParams.get("page") === "2"
          ? HttpResponse.json(threadList(10, [thread({ id: 3001 })], pageOf(2, 2, 2)))
          : HttpResponse.json(
              threadList(
                10,
                [thread({ id: 3002, type: "note" })],
                pageOf(1, 2, 2),
                `${API}/v2/conversations/10/threads?page=2`,
              ),
            );
      }),
    );

    const items = await collect(
      paginate(mailbox, "/v2/conversations/{conversationId}/threads", {
        params: { path: { conversationId: 10 } },
      }),
    );

    expect(items.map((t) => [t.id, t.type])).toEqual([
      [3002, "note"],
      [3001, "customer"],
    ]);
    expect(sent.map((r) => `${r.url.pathname}${r.url.search}`)).toEqual([
      "/v2/conversations/10/threads",
      "/v2/conversations/10/threads?page=2",
    ]);
  });

  it("follows the opaque cursor of a v3 list (/v3/customers)", async () => {
    const sent: SentRequest[] = [];
    const customer = (id: number, firstName: string): Customer => ({
      id,
      firstName,
      lastName: "Bear",
      createdAt: "2024-02-01T10:00:00Z",
      updatedAt: "2024-02-01T10:00:00Z",
      _links: { self: { href: `${API}/v2/customers/${id}` } },
    });
    server.use(
      http.get(`${API}/v3/customers`, async ({ request }) => {
        const read = await readRequest(request);
        sent.push(read);
        const body: components["schemas"]["CustomerListV3"] =
          read.url.searchParams.get("cursor") === "eyJpZCI6MjAwfQ=="
            ? { _embedded: { customers: [customer(200, "Bruin")] }, _links: {} }
            : {
                _embedded: { customers: [customer(300, "Vernon"), customer(250, "Ursula")] },
                _links: {
                  self: { href: `${API}/v3/customers?modifiedSince=2024-01-01T00:00:00Z` },
                  next: {
                    href: `${API}/v3/customers?modifiedSince=2024-01-01T00%3A00%3A00Z&cursor=eyJpZCI6MjAwfQ%3D%3D`,
                  },
                },
              };
        return HttpResponse.json(body);
      }),
    );

    const items = await collect(
      paginate(mailbox, "/v3/customers", {
        params: { query: { modifiedSince: "2024-01-01T00:00:00Z" } },
      }),
    );

    expect(items).toEqual([
      customer(300, "Vernon"),
      customer(250, "Ursula"),
      customer(200, "Bruin"),
    ]);
    expect(sent.map(queryOf)).toEqual([
      [["modifiedSince", "2024-01-01T00:00:00Z"]],
      [
        ["modifiedSince", "2024-01-01T00:00:00Z"],
        ["cursor", "eyJpZCI6MjAwfQ=="],
      ],
    ]);
  });
});

describe("paginatePages", () => {
  it("exposes each page's items, page metadata and next link", async () => {
    const sent: SentRequest[] = [];
    server.use(threeFilteredPages(sent));

    const pages = await collect(
      paginatePages(mailbox, "/v2/conversations", {
        params: { query: { status: "active", tag: "vip" } },
      }),
    );

    expect(
      pages.map((page) => ({
        ids: page.items.map((c) => c.id),
        page: page.page,
        next: page.next,
      })),
    ).toEqual([
      {
        ids: [1, 2],
        page: { size: 50, totalElements: 5, totalPages: 3, number: 1 },
        next: `${API}/v2/conversations?status=active&tag=vip&page=2`,
      },
      {
        ids: [3, 4],
        page: { size: 50, totalElements: 5, totalPages: 3, number: 2 },
        next: `${API}/v2/conversations?status=active&tag=vip&page=3`,
      },
      {
        ids: [5],
        page: { size: 50, totalElements: 5, totalPages: 3, number: 3 },
        next: undefined,
      },
    ]);
    expect(sent).toHaveLength(3);
  });

  it("starts at the page given in the query", async () => {
    const sent: SentRequest[] = [];
    server.use(threeFilteredPages(sent));

    const pages = await collect(
      paginatePages(mailbox, "/v2/conversations", {
        params: { query: { status: "active", tag: "vip", page: 3 } },
      }),
    );

    expect(pages.map((page) => page.page?.number)).toEqual([3]);
    expect(sent.map(queryOf)).toEqual([
      [
        ["status", "active"],
        ["tag", "vip"],
        ["page", "3"],
      ],
    ]);
  });
});
