import type { DocsClient } from "@terapi/helpscout-docs";
import type { MailboxClient } from "@terapi/helpscout-mailbox";

/** The Help Scout API an action calls: the Mailbox API 2.0 or the Docs API v1. */
export type ActionApi = "mailbox" | "docs";

/**
 * A JSON Schema (draft 2020-12) as the catalogue declares it: a plain, JSON-serialisable object.
 * Serve it as is to HTTP clients and LLM tool-calling.
 */
export interface JsonSchema {
  readonly [keyword: string]: unknown;
}

/** What an action's `run` is given: the typed client of its API and an abort signal. */
export type ActionRunContext<Api extends ActionApi> = (Api extends "mailbox"
  ? { readonly mailbox: MailboxClient }
  : { readonly docs: DocsClient }) & {
  /** Aborts the action's requests (each call is sent with it). */
  readonly signal: AbortSignal | undefined;
};

/**
 * One named operation of the catalogue: documented, with a JSON Schema for its input and output,
 * running one or several API calls.
 *
 * @typeParam Name - The action's name (`kebab-case`, a valid tool name for OpenAI and Anthropic).
 * @typeParam Api - Which API it calls.
 * @typeParam Input - The input type, equivalent to `input` (checked by type tests).
 * @typeParam Output - The output type, an instance of `output` (checked by tests).
 * @typeParam InputSchema - The literal type of `input`, for tools that derive types from it.
 * @typeParam OutputSchema - The literal type of `output`.
 */
export interface ActionDefinition<
  Name extends string = string,
  Api extends ActionApi = ActionApi,
  Input = unknown,
  Output = unknown,
  InputSchema extends JsonSchema = JsonSchema,
  OutputSchema extends JsonSchema = JsonSchema,
> {
  /** Unique name, e.g. `create-conversation`: the CLI argument, the URL segment, the tool name. */
  readonly name: Name;
  /** A short human title, e.g. "Create a conversation". */
  readonly title: string;
  /** What it does, its API calls and their semantics; written for people and for LLMs. */
  readonly description: string;
  /** The API it calls, and so which client it needs. */
  readonly api: Api;
  /**
   * True when running it again with the same input leaves the same state (it only sets values,
   * or looks up before it creates), so a run whose outcome is unknown may simply be repeated.
   * False for actions that add something each time (a conversation, a thread, a workflow run).
   */
  readonly rerunSafe: boolean;
  /** JSON Schema (draft 2020-12) of the input; inputs are validated against it before any call. */
  readonly input: InputSchema;
  /** JSON Schema (draft 2020-12) of the output. */
  readonly output: OutputSchema;
  /**
   * Runs the action on an input already validated against `input`. Prefer `runAction()`, which
   * validates, checks the client and reports failures as `ActionError`s.
   */
  run(input: Input, context: ActionRunContext<Api>): Promise<Output>;
}

/** A client, or a function that makes one when an action first needs it (e.g. per connection). */
export type ClientSource<Client> = Client | (() => Client | Promise<Client>);

/**
 * The clients actions run with. Give the one(s) your actions need: Mailbox actions need
 * `mailbox`, Docs actions `docs`. A function is called only when an action of its API runs.
 */
export interface ActionClients {
  /** A Mailbox API client (`createMailboxClient`), or a function returning one. */
  readonly mailbox?: ClientSource<MailboxClient> | undefined;
  /** A Docs API client (`createDocsClient`), or a function returning one. */
  readonly docs?: ClientSource<DocsClient> | undefined;
  /** Aborts the running action's requests. */
  readonly signal?: AbortSignal | undefined;
}
