import { createDocsClient, unwrap as unwrapDocs } from "@terapi/helpscout-docs";
import { type RunningEmulator, startEmulator } from "@terapi/helpscout-emulator";
import { createMailboxClient, unwrap } from "@terapi/helpscout-mailbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ActionClients, createActionsHandler } from "../src/index.js";
import { emulatorToken } from "./fixtures/emulated-clients.js";
import { picks } from "./fixtures/seed-picks.js";

/**
 * Every action through the HTTP handler, against the emulator over real HTTP (with its rate
 * limits on: the clients pace themselves), reading each result back through a client.
 */
let server: RunningEmulator;
let clients: ActionClients & Required<Pick<ActionClients, "mailbox" | "docs">>;
let reader: {
  mailbox: ReturnType<typeof createMailboxClient>;
  docs: ReturnType<typeof createDocsClient>;
};
const handle = createActionsHandler();

beforeAll(async () => {
  server = await startEmulator({
    seed: 23,
    size: { conversations: 30, customers: 20, articles: 12 },
  });
  const accessToken = await emulatorToken(server.url);
  const make = () => ({
    mailbox: createMailboxClient({ accessToken, baseUrl: server.url }),
    docs: createDocsClient({ apiKey: "acme-docs-key", baseUrl: server.url }),
  });
  clients = make();
  reader = make();
});
afterAll(() => server.close());

async function call<T = Record<string, unknown>>(name: string, input: unknown): Promise<T> {
  const response = await handle(
    new Request(`http://proxy.local/actions/${name}`, {
      method: "POST",
      body: JSON.stringify(input),
    }),
    clients,
  );
  const body = (await response.json()) as { output?: T; error?: unknown };
  expect(body.error, `${name}: ${JSON.stringify(body.error)}`).toBeUndefined();
  expect(response.status).toBe(200);
  return body.output as T;
}

const readConversation = (conversationId: number) =>
  unwrap(
    reader.mailbox.GET("/v2/conversations/{conversationId}", {
      params: { path: { conversationId }, query: { embed: "threads" } },
    }),
  );

describe("every action over real HTTP", () => {
  it("Mailbox: a conversation's life, a customer, a workflow", async () => {
    const seed = picks(server.emulator.account());
    const created = await call<{ conversation: { id: number }; customerCreated: boolean }>(
      "create-conversation",
      {
        mailboxId: seed.manualWorkflow.mailboxId,
        subject: "Over HTTP",
        customer: { email: "http.person@example.com", firstName: "Http" },
        text: "Hello over the wire",
      },
    );
    expect(created.customerCreated).toBe(true);
    const conversationId = created.conversation.id;
    const { threadId: replyId } = await call<{ threadId: number }>("reply-to-conversation", {
      conversationId,
      text: "Reply over HTTP",
    });
    const { threadId: noteId } = await call<{ threadId: number }>("add-note", {
      conversationId,
      text: "Note over HTTP",
    });
    await call("assign-conversation", { conversationId, userId: seed.user.id });
    await call("set-conversation-tags", { conversationId, tags: ["one", "two"] });
    await call("update-conversation-tags", { conversationId, add: ["three"], remove: ["one"] });
    const field = seed
      .customFields(seed.manualWorkflow.mailboxId)
      .find((f) => f.type === "singleline");
    if (!field) throw new Error("the seed has no single-line custom field");
    await call("set-conversation-custom-fields", {
      conversationId,
      fields: [{ id: field.id, value: "over http" }],
    });
    const until = new Date(server.emulator.clock.now() + 86_400_000)
      .toISOString()
      .replace(/\.\d+Z$/, "Z");
    await call("snooze-conversation", { conversationId, until });
    await call("run-workflow", {
      workflowId: seed.manualWorkflow.id,
      conversationIds: [conversationId],
    });
    await call("change-conversation-status", { conversationId, status: "pending" });

    const stored = await readConversation(conversationId);
    expect(stored).toMatchObject({
      subject: "Over HTTP",
      status: "pending",
      assignee: { id: seed.user.id },
      snooze: { snoozedUntil: until },
    });
    expect(stored.tags?.map((t) => t.tag).sort()).toEqual(["three", "two"]);
    expect(stored.customFields?.find((f) => f.id === field.id)?.value).toBe("over http");
    const threads = stored._embedded?.threads ?? [];
    expect(threads.map((t) => t.id)).toEqual(expect.arrayContaining([replyId, noteId]));
    expect(threads.some((t) => t.action?.type === "manual-workflow")).toBe(true);

    const upserted = await call<{ customer: { id: number }; created: boolean }>("upsert-customer", {
      email: "http.person@example.com",
      jobTitle: "Tester",
    });
    expect(upserted.created).toBe(false);
    expect(upserted.customer.id).toBe(stored.primaryCustomer?.id);
    const found = await call<{ found: boolean; customer: { jobTitle?: string } }>("find-customer", {
      email: "http.person@example.com",
    });
    expect(found).toMatchObject({ found: true, customer: { jobTitle: "Tester" } });
  });

  it("Docs: an article's life and a redirect", async () => {
    const seed = picks(server.emulator.account());
    const collection = seed.collections[0]!;
    const [first, second] = seed.categoriesOf(collection.id);
    const { article } = await call<{ article: { id: string } }>("create-article", {
      collectionId: collection.id,
      name: "Over HTTP",
      text: "<p>v1</p>",
      categories: [first!.id],
    });
    await call("update-article", { articleId: article.id, text: "<p>v2</p>" });
    await call("publish-article", { articleId: article.id });
    await call("move-article", { articleId: article.id, categoryIds: [second!.id] });
    const read = async () =>
      (
        await unwrapDocs(
          reader.docs.GET("/v1/articles/{articleId}", {
            params: { path: { articleId: article.id } },
          }),
        )
      ).article;
    expect(await read()).toMatchObject({
      text: "<p>v2</p>",
      status: "published",
      categories: [second!.id],
    });
    await call("unpublish-article", { articleId: article.id });
    expect((await read()).status).toBe("notpublished");

    const { redirect, created } = await call<{ redirect: { id: string }; created: boolean }>(
      "create-redirect",
      { siteId: seed.site.id, urlMapping: "/over/http", type: "article", documentId: article.id },
    );
    expect(created).toBe(true);
    const stored = await unwrapDocs(
      reader.docs.GET("/v1/redirects/{redirectId}", {
        params: { path: { redirectId: redirect.id } },
      }),
    );
    expect(stored.redirect).toMatchObject({ urlMapping: "/over/http", documentId: article.id });
  });
});
