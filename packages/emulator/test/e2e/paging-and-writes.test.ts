import { createDocsClient, paginate as paginateDocs } from "@terapi/helpscout-docs";
import {
  createdId,
  createMailboxClient,
  type MailboxClient,
  paginate,
  unwrap,
} from "@terapi/helpscout-mailbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../src/index.js";

let running: RunningEmulator;
let mailbox: MailboxClient;

beforeAll(async () => {
  running = await startEmulator({
    seed: 3,
    size: { conversations: 1500, customers: 400, articles: 230 },
    rateLimits: { enabled: false },
  });
  const form = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: "acme-app",
    client_secret: "acme-secret",
  });
  const token = (await (
    await fetch(`${running.url}/v2/oauth2/token`, { method: "POST", body: form })
  ).json()) as { access_token: string };
  mailbox = createMailboxClient({ accessToken: token.access_token, baseUrl: running.url });
});
afterAll(() => running.close());

describe("the clients against the emulator over real HTTP", () => {
  it("pages 1,500 conversations with threads embedded in 30 requests", async () => {
    const requestsBefore = running.emulator.stats.requests;
    const ids = new Set<number>();
    let threads = 0;
    for await (const conversation of paginate(mailbox, "/v2/conversations", {
      params: { query: { status: "all", embed: "threads" } },
    })) {
      ids.add(conversation.id);
      threads += conversation._embedded?.threads?.length ?? 0;
    }
    expect(ids.size).toBe(1500);
    expect(threads).toBeGreaterThanOrEqual(1500);
    expect(running.emulator.stats.requests - requestsBefore).toBe(30);
  });

  it("pages every Docs article of every collection", async () => {
    const docs = createDocsClient({ apiKey: "acme-docs-key", baseUrl: running.url });
    let articles = 0;
    for await (const collection of paginateDocs(docs, "/v1/collections")) {
      for await (const _ of paginateDocs(docs, "/v1/collections/{collectionId}/articles", {
        params: { path: { collectionId: collection.id }, query: { pageSize: 20 } },
      })) {
        articles += 1;
      }
    }
    expect(articles).toBe(230);
  });

  it("reads back what it wrote: customer, conversation, reply, tags, status", async () => {
    const customerId = createdId(
      await mailbox.POST("/v2/customers", {
        body: {
          firstName: "Grace",
          lastName: "Hopper",
          emails: [{ type: "work", value: "grace@navy.test" }],
        },
      }),
    );
    const conversationId = createdId(
      await mailbox.POST("/v2/conversations", {
        body: {
          subject: "Compiler question",
          type: "email",
          mailboxId: [...running.emulator.account().mailbox.mailboxes.keys()][0] ?? 0,
          status: "active",
          customer: { id: customerId },
          threads: [
            { type: "customer", customer: { id: customerId }, text: "How does COBOL work?" },
          ],
        },
      }),
    );
    const path = { conversationId };
    await mailbox.POST("/v2/conversations/{conversationId}/reply", {
      params: { path },
      body: { text: "Like this.", customer: { id: customerId } },
    });
    await mailbox.PUT("/v2/conversations/{conversationId}/tags", {
      params: { path },
      body: { tags: ["compilers"] },
    });
    await mailbox.PATCH("/v2/conversations/{conversationId}", {
      params: { path },
      body: { op: "replace", path: "/status", value: "pending" },
    });

    const conversation = await unwrap(
      mailbox.GET("/v2/conversations/{conversationId}", {
        params: { path, query: { embed: "threads" } },
      }),
    );
    expect(conversation.status).toBe("pending");
    expect(conversation.tags?.map((t) => t.tag)).toEqual(["compilers"]);
    expect(conversation._embedded?.threads?.map((t) => t.type)).toEqual(["reply", "customer"]);
    const found = [];
    for await (const c of paginate(mailbox, "/v2/conversations", {
      params: { query: { status: "all", query: '(subject:"Compiler question")' } },
    })) {
      found.push(c.id);
    }
    expect(found).toEqual([conversationId]);
    const customer = await unwrap(
      mailbox.GET("/v2/customers/{customerId}", { params: { path: { customerId } } }),
    );
    expect(customer.firstName).toBe("Grace");
  });
});
