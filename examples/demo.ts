/**
 * The main job: a tour of the toolkit.
 *
 *   pnpm demo          starts the Help Scout emulator on 127.0.0.1 (no credentials, no network)
 *                      and runs everything against it
 *   HELPSCOUT_APP_ID=… HELPSCOUT_APP_SECRET=… HELPSCOUT_DOCS_API_KEY=… pnpm demo
 *                      runs the same tour against your Help Scout account (reads only; add
 *                      --write to also create, reply, tag and close one conversation)
 */
import { createServer } from "node:http";
import { HELPSCOUT_PROVIDERS, MemoryConnectionStore, Terapi } from "@terapi/connection";
import { runAction } from "@terapi/helpscout-actions";
import { createDocsClient, paginate as paginateDocs, unwrap } from "@terapi/helpscout-docs";
import { startEmulator } from "@terapi/helpscout-emulator";
import {
  conversationPatch,
  createdId,
  createMailboxClient,
  isHelpScoutError,
  paginatePages,
} from "@terapi/helpscout-mailbox";
import { createWebhookHandler, ensureWebhook } from "@terapi/helpscout-webhooks";

const started = performance.now();
const step = (text: string) => console.log(`• ${text}`);
const real = Boolean(process.env.HELPSCOUT_APP_ID && process.env.HELPSCOUT_APP_SECRET);
const write = !real || process.argv.includes("--write");
const summary: Record<string, string | number> = {};

const emulated = real ? undefined : await startEmulator({ seed: 1 });
const mailboxProvider = HELPSCOUT_PROVIDERS["helpscout-mailbox"];
if (!mailboxProvider) throw new Error("no helpscout-mailbox provider");
const baseUrl = emulated?.url ?? mailboxProvider.baseUrl;
console.log(
  emulated
    ? `Help Scout toolkit demo against the emulator at ${emulated.url} (set HELPSCOUT_APP_ID, HELPSCOUT_APP_SECRET and HELPSCOUT_DOCS_API_KEY to use your account)`
    : "Help Scout toolkit demo against your Help Scout account",
);

try {
  // 1. Auth: a client-credentials connection, stored and kept fresh by Terapi.
  const terapi = new Terapi({
    store: new MemoryConnectionStore(),
    integrations: {
      "helpscout-mailbox": {
        clientId: process.env.HELPSCOUT_APP_ID ?? "acme-app",
        clientSecret: process.env.HELPSCOUT_APP_SECRET ?? "acme-secret",
      },
    },
    providers: {
      "helpscout-mailbox": { ...mailboxProvider, baseUrl, tokenUrl: `${baseUrl}/v2/oauth2/token` },
    },
  });
  await terapi.clientCredentials("helpscout-mailbox", "acme");
  step("OAuth client-credentials connection “acme” stored; tokens refresh themselves");
  const mailbox = createMailboxClient({
    connection: { terapi, providerConfigKey: "helpscout-mailbox", connectionId: "acme" },
    baseUrl,
  });

  // 2. Paging: every active conversation with its threads, one request per page of 50.
  let conversations = 0;
  let threads = 0;
  let pages = 0;
  for await (const page of paginatePages(mailbox, "/v2/conversations", {
    params: { query: { status: "active", embed: "threads" } },
  })) {
    pages += 1;
    conversations += page.items.length;
    threads += page.items.reduce((n, c) => n + (c._embedded?.threads?.length ?? 0), 0);
  }
  step(`paged ${conversations} active conversations with ${threads} threads in ${pages} requests`);
  summary["active conversations"] = conversations;
  summary["requests for them"] = pages;

  // 3. Webhooks (emulator only: Help Scout needs a public URL): a local endpoint that verifies
  //    signatures and routes typed events, subscribed idempotently through the API.
  const received: string[] = [];
  const secret = "demo-webhook-secret";
  const webhooks = createWebhookHandler({ secret }).on("convo.created", (conversation) => {
    received.push(`convo.created #${conversation.number} (signature verified)`);
  });
  const receiver = emulated ? createServer((req, res) => void webhooks.node(req, res)) : undefined;
  if (receiver) {
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const address = receiver.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const url = `http://127.0.0.1:${port}/helpscout`;
    const subscription = await ensureWebhook(mailbox, { url, events: ["convo.created"], secret });
    step(`webhook for convo.created → ${url} (${subscription.action})`);
  }

  // 4. Writes: create, reply, tag, close, read back.
  if (write) {
    const { data: mailboxes } = await mailbox.GET("/v2/mailboxes");
    const mailboxId = mailboxes?._embedded?.mailboxes[0]?.id;
    if (mailboxId === undefined) throw new Error("the account has no mailbox");
    const customer = { email: "ada@example.com", firstName: "Ada", lastName: "Lovelace" };
    const conversationId = createdId(
      await mailbox.POST("/v2/conversations", {
        body: {
          subject: "Demo: where is my order?",
          type: "email",
          mailboxId,
          status: "active",
          customer,
          threads: [{ type: "customer", customer, text: "Hi, order #1234 has not arrived." }],
        },
      }),
    );
    const path = { conversationId };
    await mailbox.POST("/v2/conversations/{conversationId}/reply", {
      params: { path },
      body: { text: "It ships today!", customer },
    });
    await mailbox.PUT("/v2/conversations/{conversationId}/tags", {
      params: { path },
      body: { tags: ["demo", "shipping"] },
    });
    await mailbox.PATCH("/v2/conversations/{conversationId}", {
      params: { path },
      body: conversationPatch.status("closed"),
    });
    const done = await unwrap(
      mailbox.GET("/v2/conversations/{conversationId}", {
        params: { path, query: { embed: "threads" } },
      }),
    );
    step(
      `created conversation #${done.number}: ${done._embedded?.threads?.length ?? 0} threads, tags ${done.tags?.map((t) => t.tag).join(", ")}, status ${done.status}`,
    );
    // An action: several calls behind one validated, named operation (also `helpscout action`).
    const upserted = await runAction(
      "upsert-customer",
      { email: "grace@example.com", firstName: "Grace", lastName: "Hopper" },
      { mailbox },
    );
    step(
      `action upsert-customer: customer ${upserted.customer.id} ${upserted.created ? "created" : "updated"}`,
    );
    summary.written = "1 conversation, 1 reply, 2 tags, closed; 1 customer upserted";
  }

  if (emulated) {
    await emulated.emulator.settle();
    await webhooks.idle();
    for (const event of received) step(`webhook received: ${event}`);
    summary["webhooks received"] = received.length;
    receiver?.close();
  }

  // 5. Docs: collections and their articles, paged.
  const docsKey = emulated ? "acme-docs-key" : process.env.HELPSCOUT_DOCS_API_KEY;
  if (docsKey) {
    const docs = createDocsClient({
      apiKey: docsKey,
      ...(emulated ? { baseUrl: emulated.url } : {}),
    });
    let articles = 0;
    let collections = 0;
    for await (const collection of paginateDocs(docs, "/v1/collections")) {
      collections += 1;
      for await (const _ of paginateDocs(docs, "/v1/collections/{collectionId}/articles", {
        params: { path: { collectionId: collection.id } },
      })) {
        articles += 1;
      }
    }
    step(`Docs: ${collections} collections with ${articles} articles`);
    summary["docs articles"] = articles;
  } else {
    step("Docs: skipped (set HELPSCOUT_DOCS_API_KEY to include your knowledge base)");
  }

  if (emulated) {
    const { stats } = emulated.emulator;
    summary["API requests"] = stats.requests;
    summary["429 answers"] = stats.rateLimited;
  }
  summary.seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log("\nSummary");
  console.table(summary);
} catch (error) {
  console.error(isHelpScoutError(error) ? `Failed: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  await emulated?.close();
}
