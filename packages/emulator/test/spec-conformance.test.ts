import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createEmulator } from "../src/index.js";
import { SpecValidator } from "./fixtures/spec-validator.js";

/**
 * Every GET of both specs, called on a freshly seeded emulator with ids from its data: each 200
 * answer must validate against the spec's schema for that operation.
 */
const emulator = createEmulator({ seed: 11, rateLimits: { enabled: false } });
const account = emulator.account();
const token = "conformance-token";
emulator.tokens.access.set(token, {
  accountId: account.id,
  clientId: "acme-app",
  userId: account.ownerUserId,
  expiresAt: emulator.clock.now() + 3_600_000,
});

const first = <T>(items: Iterable<T>): T => {
  for (const item of items) return item;
  throw new Error("the seed left a collection empty");
};
const { mailbox: m, docs: d } = account;
const conversation = first(m.conversations.values());
const threadWithAttachment = [...m.threads.entries()].find(([, threads]) =>
  threads.some((t) => (t._embedded?.attachments?.length ?? 0) > 0),
);
const customer =
  [...m.customers.values()].find((c) => c._embedded?.address && c._embedded.emails?.length) ??
  first(m.customers.values());
const embedded = customer._embedded;
const article = first(d.articles.values());
// No webhook is seeded: subscribe one so GET /v2/webhooks/{webhookId} has something to read.
const webhook = await emulator.fetch(
  new Request("https://emulator.test/v2/webhooks", {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({
      url: "https://example.test/hook",
      events: ["convo.created"],
      secret: "s",
    }),
  }),
);

const params: Record<string, string | undefined> = {
  conversationId: String(threadWithAttachment?.[0] ?? conversation.id),
  threadId: String(threadWithAttachment?.[1].find((t) => t._embedded?.attachments?.length)?.id),
  attachmentId: String(first(m.attachments.keys())),
  customerId: String(customer.id),
  organizationId: String(first(m.organizations.keys())),
  slug: first(m.organizationProperties).slug,
  mailboxId: String(first(m.mailboxes.keys())),
  savedReplyId: String(first(m.savedReplies.values())[0]?.id),
  userId: String(account.ownerUserId),
  teamId: String(first(m.teams.keys())),
  ratingId: String(first(m.ratings.keys())),
  emailId: String(embedded?.emails?.[0]?.id),
  articleId: article.id,
  revisionId: first(d.revisions.values())[0]?.id,
  collectionId: first(d.collections.keys()),
  categoryId: first(d.categories.keys()),
  siteId: first(d.sites.keys()),
  redirectId: first(d.redirects.keys()),
  webhookId: webhook.headers.get("resource-id") ?? undefined,
};

const REPORT_QUERY = `start=2020-01-01T00:00:00Z&end=2030-01-01T00:00:00Z&user=${account.ownerUserId}`;

function calls(specFile: "helpscout-mailbox" | "helpscout-docs") {
  const spec = parse(
    readFileSync(new URL(`../../../specs/${specFile}.openapi.yaml`, import.meta.url), "utf8"),
  ) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(spec.paths)
    .filter(([, item]) => "get" in item)
    .map(([template]) => {
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`);
      let query = template.startsWith("/v2/reports") ? `?${REPORT_QUERY}` : "";
      if (template.endsWith("/fields-drilldown")) {
        query += `&field=tagid&fieldid=${first(m.tags.keys())}`;
      }
      if (template === "/v1/redirects") {
        const redirect = first(d.redirects.values());
        query = `?url=${encodeURIComponent(redirect.urlMapping)}&siteId=${redirect.siteId}`;
      }
      if (template === "/v1/search/articles") query = "?query=*";
      return [template, `${path}${query}`] as const;
    });
}

async function get(url: string, auth: string): Promise<{ status: number; body: unknown }> {
  const response = await emulator.fetch(
    new Request(`https://emulator.test${url}`, {
      headers: { authorization: auth, accept: "application/json" },
    }),
  );
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

describe.each([
  ["helpscout-mailbox", `Bearer ${token}`],
  ["helpscout-docs", `Basic ${Buffer.from("acme-docs-key:X").toString("base64")}`],
] as const)("every GET of %s answers as the spec says", (specFile, auth) => {
  const validator = new SpecValidator(specFile);
  it.each(calls(specFile))("GET %s", async (template, url) => {
    expect(url, "every path parameter has a seeded value").not.toMatch(/\{/);
    const { status, body } = await get(url, auth);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(validator.errors("GET", template, status, body)).toEqual([]);
  });
});

describe("the conformance check itself", () => {
  it("rejects answers that break the spec", () => {
    const validator = new SpecValidator("helpscout-mailbox");
    const broken = { ...conversation, status: "bogus", id: "not-a-number" };
    const errors = validator.errors("GET", "/v2/conversations/{conversationId}", 200, broken);
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(validator.errors("GET", "/v2/nowhere", 200, {})).toEqual([
      "the spec has no GET /v2/nowhere",
    ]);
  });
});
