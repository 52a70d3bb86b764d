import { type ActionName, type AnyAction, actionCatalog } from "./catalog.js";
import type { ActionApi, JsonSchema } from "./types.js";

/** What {@link listActions} tells about one action. */
export interface ActionSummary {
  /** The action's name, e.g. `create-conversation`. */
  name: ActionName;
  /** A short human title. */
  title: string;
  /** What it does, its calls and semantics. */
  description: string;
  /** The API it calls. */
  api: ActionApi;
  /** Whether running it again with the same input is safe (see `ActionDefinition.rerunSafe`). */
  rerunSafe: boolean;
  /** JSON Schema (draft 2020-12) of its input. */
  inputSchema: JsonSchema;
  /** JSON Schema (draft 2020-12) of its output. */
  outputSchema: JsonSchema;
}

/** Which actions {@link listActions} and {@link toToolDefinitions} include. */
export interface ActionFilter {
  /** Only actions of this API, e.g. `docs` when you only have a Docs key. */
  api?: ActionApi;
  /** Only these actions, in this order. */
  names?: readonly ActionName[];
}

/**
 * The catalogue: name, title, description, API, re-run safety and the input and output JSON
 * Schemas of each action, Mailbox actions first.
 *
 * @example
 * for (const { name, description } of listActions({ api: "docs" })) console.log(name, description);
 */
export function listActions(filter: ActionFilter = {}): ActionSummary[] {
  return selected(filter).map((action) => ({
    name: action.name as ActionName,
    title: action.title,
    description: action.description,
    api: action.api,
    rerunSafe: action.rerunSafe,
    inputSchema: action.input,
    outputSchema: action.output,
  }));
}

function selected(filter: ActionFilter): AnyAction[] {
  const all = Object.values(actionCatalog) as unknown as AnyAction[];
  const named = filter.names
    ? filter.names.map((name) => all.find((action) => action.name === name)).filter(isAction)
    : all;
  return filter.api ? named.filter((action) => action.api === filter.api) : named;
}

function isAction(action: AnyAction | undefined): action is AnyAction {
  return action !== undefined;
}

/** A tool for OpenAI's Chat Completions / Responses function calling. */
export interface OpenAiToolDefinition {
  type: "function";
  function: { name: ActionName; description: string; parameters: JsonSchema };
}

/** A tool for Anthropic's Messages API tool use. */
export interface AnthropicToolDefinition {
  name: ActionName;
  description: string;
  input_schema: JsonSchema;
}

/**
 * The actions as LLM tool definitions. Action names are valid tool names as they are
 * (`^[a-zA-Z0-9_-]{1,64}$`), so a tool call's name and arguments go straight to `runAction`.
 *
 * @param format - `openai` (`{ type: "function", function: { name, description, parameters } }`)
 *   or `anthropic` (`{ name, description, input_schema }`).
 * @param filter - Which actions; all by default.
 * @example
 * const tools = toToolDefinitions("anthropic", { api: "mailbox" });
 * // … a tool_use block comes back:
 * const output = await runAction(block.name, block.input, { mailbox });
 */
export function toToolDefinitions(format: "openai", filter?: ActionFilter): OpenAiToolDefinition[];
export function toToolDefinitions(
  format: "anthropic",
  filter?: ActionFilter,
): AnthropicToolDefinition[];
export function toToolDefinitions(
  format: "openai" | "anthropic",
  filter: ActionFilter = {},
): OpenAiToolDefinition[] | AnthropicToolDefinition[] {
  const tools = listActions(filter).map((action) => ({
    name: action.name,
    description: `${action.title}. ${action.description}`,
    schema: toolSchema(action.inputSchema),
  }));
  if (format === "openai") {
    return tools.map(({ name, description, schema }) => ({
      type: "function" as const,
      function: { name, description, parameters: schema },
    }));
  }
  return tools.map(({ name, description, schema }) => ({
    name,
    description,
    input_schema: schema,
  }));
}

/** The input schema as a tool's parameters: without `$schema`, which tool APIs do not expect. */
function toolSchema(schema: JsonSchema): JsonSchema {
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}
