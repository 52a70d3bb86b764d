import { describe, expect, it } from "vitest";
import {
  ActionInputError,
  type ActionName,
  isActionInputError,
  listActions,
  runAction,
  validateActionInput,
} from "../src/index.js";
import { emulated, useMsw } from "./fixtures/emulated-clients.js";

useMsw();

/** One wrong input per action, and the field errors it must give. */
const CASES: Record<ActionName, { input: unknown; errors: { path: string; message: string }[] }> = {
  "create-conversation": {
    input: { mailboxId: 1, subject: "", customer: { firstName: "Ada" }, text: "Hi", cc: ["x"] },
    errors: [
      { path: "/subject", message: "must not be empty" },
      { path: "/customer/email", message: "is required when id is not given" },
      { path: "/cc/0", message: "must be an email address" },
    ],
  },
  "reply-to-conversation": {
    input: { conversationId: "12", text: "Hi", status: "open" },
    errors: [
      { path: "/conversationId", message: "must be integer" },
      { path: "/status", message: "must be one of: active, pending, closed" },
    ],
  },
  "add-note": { input: { conversationId: 1 }, errors: [{ path: "/text", message: "is required" }] },
  "assign-conversation": {
    input: { conversationId: 1, userId: 0 },
    errors: [{ path: "/userId", message: "must be >= 1" }],
  },
  "change-conversation-status": {
    input: { conversationId: 1, status: "deleted" },
    errors: [{ path: "/status", message: "must be one of: active, pending, closed, spam" }],
  },
  "set-conversation-tags": {
    input: { conversationId: 1, tags: ["a", "a"] },
    errors: [
      {
        path: "/tags",
        message: "must NOT have duplicate items (items ## 1 and 0 are identical)",
      },
    ],
  },
  "update-conversation-tags": {
    input: { conversationId: 1 },
    errors: [{ path: "", message: "needs at least one of: add, remove" }],
  },
  "snooze-conversation": {
    input: { conversationId: 1, until: "tomorrow" },
    errors: [
      { path: "/until", message: "must be an ISO 8601 date and time, e.g. 2026-01-31T12:00:00Z" },
    ],
  },
  "set-conversation-custom-fields": {
    input: { conversationId: 1, fields: [{ id: 5 }] },
    errors: [{ path: "/fields/0/value", message: "is required" }],
  },
  "upsert-customer": {
    input: { email: "not-an-email", nickname: "x" },
    errors: [
      { path: "/nickname", message: "is not a known field" },
      { path: "/email", message: "must be an email address" },
    ],
  },
  "find-customer": {
    input: { id: 1, email: "a@example.com" },
    errors: [{ path: "", message: "needs exactly one of: id, email" }],
  },
  "run-workflow": {
    input: { workflowId: 1, conversationIds: [] },
    errors: [{ path: "/conversationIds", message: "must NOT have fewer than 1 items" }],
  },
  "create-article": {
    input: { collectionId: "abc", name: "A", text: "B", status: "draft" },
    errors: [
      { path: "/collectionId", message: "must be a Docs id (24 hexadecimal characters)" },
      { path: "/status", message: "must be one of: published, notpublished" },
    ],
  },
  "update-article": {
    input: { articleId: "0123456789abcdef01234567" },
    errors: [{ path: "", message: "needs at least one of: name, text, slug, keywords, related" }],
  },
  "publish-article": { input: {}, errors: [{ path: "/articleId", message: "is required" }] },
  "unpublish-article": {
    input: { articleId: 7 },
    errors: [{ path: "/articleId", message: "must be string" }],
  },
  "move-article": {
    input: { articleId: "0123456789abcdef01234567", categoryIds: "x" },
    errors: [{ path: "/categoryIds", message: "must be array" }],
  },
  "create-redirect": {
    input: { siteId: "0123456789abcdef01234567", urlMapping: "old", type: "article" },
    errors: [
      {
        path: "/documentId",
        message: "is required for an article, category or collection redirect",
      },
      { path: "/urlMapping", message: "must be a path starting with /" },
    ],
  },
};

describe("invalid input", () => {
  it("has a case for every action", () => {
    expect(Object.keys(CASES).sort()).toEqual(
      listActions()
        .map((a) => a.name)
        .sort(),
    );
  });

  it.each(Object.entries(CASES))("%s: field errors, and no request is made", async (name, c) => {
    const env = await emulated();
    const before = env.requests();
    const error = await runAction(name, c.input, env).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionInputError);
    expect(isActionInputError(error)).toBe(true);
    expect(error).toMatchObject({ code: "invalid_input", action: name });
    expect((error as ActionInputError).fieldErrors).toEqual(expect.arrayContaining(c.errors));
    expect((error as ActionInputError).fieldErrors).toHaveLength(c.errors.length);
    expect(validateActionInput(name, c.input)).toEqual((error as ActionInputError).fieldErrors);
    expect(env.requests()).toBe(before);
  });

  it("names every problem in the message, never the values", () => {
    const error = new ActionInputError("upsert-customer", [
      { path: "/email", message: "must be an email address" },
    ]);
    expect(error.message).toBe(
      "@terapi/helpscout-actions: invalid input for upsert-customer: /email must be an email address.",
    );
    const problems = validateActionInput("upsert-customer", { email: "s3cr3t-token" });
    expect(problems).toEqual([{ path: "/email", message: "must be an email address" }]);
    expect(JSON.stringify(problems)).not.toContain("s3cr3t");
  });

  it("refuses input that is not an object", () => {
    expect(validateActionInput("add-note", [1, 2])).toEqual([
      { path: "", message: "must be object" },
    ]);
    expect(validateActionInput("add-note", null)).toEqual([
      { path: "", message: "must be object" },
    ]);
  });

  it("does not modify the input (no defaults filled in)", () => {
    const input = { conversationId: 1, until: "2030-01-01T00:00:00Z" };
    expect(validateActionInput("snooze-conversation", input)).toEqual([]);
    expect(input).toEqual({ conversationId: 1, until: "2030-01-01T00:00:00Z" });
  });
});
