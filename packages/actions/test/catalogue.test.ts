import { describe, expect, it } from "vitest";
import { actionCatalog, getAction, listActions, toToolDefinitions } from "../src/index.js";
import { validateAgainst } from "../src/input-validator.js";

const actions = listActions();

describe("the catalogue", () => {
  it("has the issue's operations, Mailbox first, with unique kebab-case names", () => {
    expect(actions.map((a) => a.name)).toEqual([
      "create-conversation",
      "reply-to-conversation",
      "add-note",
      "assign-conversation",
      "change-conversation-status",
      "set-conversation-tags",
      "update-conversation-tags",
      "snooze-conversation",
      "set-conversation-custom-fields",
      "upsert-customer",
      "find-customer",
      "run-workflow",
      "create-article",
      "update-article",
      "publish-article",
      "unpublish-article",
      "move-article",
      "create-redirect",
    ]);
    for (const { name } of actions) expect(name).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it.each(actions)(
    "$name: schemas compile in Ajv's strict mode; input is a closed object",
    (action) => {
      expect(() => validateAgainst(action.inputSchema, {})).not.toThrow();
      expect(() => validateAgainst(action.outputSchema, {})).not.toThrow();
      expect(action.inputSchema).toMatchObject({
        $schema: "https://json-schema.org/draft/2020-12/schema",
        type: "object",
        additionalProperties: false,
      });
      expect(action.outputSchema).toMatchObject({ type: "object", additionalProperties: false });
      expect(action.title.length).toBeGreaterThan(0);
      expect(action.description.length).toBeLessThanOrEqual(1024 - action.title.length - 2);
      expect(JSON.parse(JSON.stringify(action.inputSchema))).toEqual(action.inputSchema);
    },
  );

  it("says which actions may be re-run after an unknown outcome", () => {
    const unsafe = actions.filter((a) => !a.rerunSafe).map((a) => a.name);
    expect(unsafe).toEqual([
      "create-conversation",
      "reply-to-conversation",
      "add-note",
      "run-workflow",
      "create-article",
    ]);
  });

  it("filters by API and by names", () => {
    expect(listActions({ api: "docs" }).map((a) => a.name)).toEqual([
      "create-article",
      "update-article",
      "publish-article",
      "unpublish-article",
      "move-article",
      "create-redirect",
    ]);
    expect(listActions({ names: ["find-customer", "add-note"] }).map((a) => a.name)).toEqual([
      "find-customer",
      "add-note",
    ]);
  });

  it("finds only its own actions by name", () => {
    expect(getAction("add-note")).toBe(actionCatalog["add-note"]);
    expect(getAction("toString")).toBeUndefined();
    expect(getAction("__proto__")).toBeUndefined();
    expect(Object.isFrozen(actionCatalog)).toBe(true);
    expect(Object.isFrozen(actionCatalog["add-note"])).toBe(true);
  });
});

describe("toToolDefinitions", () => {
  it("gives OpenAI function tools with the input schema as parameters", () => {
    const tools = toToolDefinitions("openai");
    expect(tools).toHaveLength(actions.length);
    const note = tools.find((t) => t.function.name === "add-note");
    expect(note).toEqual({
      type: "function",
      function: {
        name: "add-note",
        description: expect.stringMatching(/^Add a note\. Adds an internal note/),
        parameters: expect.objectContaining({
          type: "object",
          required: ["conversationId", "text"],
        }),
      },
    });
    expect(note?.function.parameters).not.toHaveProperty("$schema");
    for (const tool of tools) expect(tool.function.name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
  });

  it("gives Anthropic tools with input_schema", () => {
    const tools = toToolDefinitions("anthropic", { api: "docs" });
    expect(tools.map((t) => t.name)).toContain("publish-article");
    const publish = tools.find((t) => t.name === "publish-article");
    expect(publish?.input_schema).toEqual({
      type: "object",
      additionalProperties: false,
      required: ["articleId"],
      properties: { articleId: expect.objectContaining({ type: "string" }) },
    });
  });
});
