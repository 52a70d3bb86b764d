import { publishArticle, unpublishArticle } from "./actions/docs/article-status.js";
import { createArticle } from "./actions/docs/create-article.js";
import { createRedirect } from "./actions/docs/create-redirect.js";
import { moveArticle } from "./actions/docs/move-article.js";
import { updateArticle } from "./actions/docs/update-article.js";
import { addNote } from "./actions/mailbox/add-note.js";
import { assignConversation } from "./actions/mailbox/assign-conversation.js";
import { changeConversationStatus } from "./actions/mailbox/change-conversation-status.js";
import { createConversation } from "./actions/mailbox/create-conversation.js";
import { findCustomer } from "./actions/mailbox/find-customer.js";
import { replyToConversation } from "./actions/mailbox/reply-to-conversation.js";
import { runWorkflow } from "./actions/mailbox/run-workflow.js";
import { setConversationCustomFields } from "./actions/mailbox/set-conversation-custom-fields.js";
import { setConversationTags } from "./actions/mailbox/set-conversation-tags.js";
import { snoozeConversation } from "./actions/mailbox/snooze-conversation.js";
import { updateConversationTags } from "./actions/mailbox/update-conversation-tags.js";
import { upsertCustomer } from "./actions/mailbox/upsert-customer.js";
import type { ActionApi, ActionDefinition, ActionRunContext } from "./types.js";

/**
 * Every action, by name: Mailbox actions first, then Docs. Frozen; read it to build your own
 * surface (e.g. only some actions as LLM tools).
 */
export const actionCatalog = Object.freeze({
  [createConversation.name]: createConversation,
  [replyToConversation.name]: replyToConversation,
  [addNote.name]: addNote,
  [assignConversation.name]: assignConversation,
  [changeConversationStatus.name]: changeConversationStatus,
  [setConversationTags.name]: setConversationTags,
  [updateConversationTags.name]: updateConversationTags,
  [snoozeConversation.name]: snoozeConversation,
  [setConversationCustomFields.name]: setConversationCustomFields,
  [upsertCustomer.name]: upsertCustomer,
  [findCustomer.name]: findCustomer,
  [runWorkflow.name]: runWorkflow,
  [createArticle.name]: createArticle,
  [updateArticle.name]: updateArticle,
  [publishArticle.name]: publishArticle,
  [unpublishArticle.name]: unpublishArticle,
  [moveArticle.name]: moveArticle,
  [createRedirect.name]: createRedirect,
});

/** The catalogue's type. */
export type ActionCatalog = typeof actionCatalog;

/** The name of an action of the catalogue, e.g. `"create-conversation"`. */
export type ActionName = keyof ActionCatalog;

/** The input type of an action, by name. */
export type ActionInput<N extends ActionName> =
  ActionCatalog[N] extends ActionDefinition<string, ActionApi, infer I, unknown> ? I : never;

/** The output type of an action, by name. */
export type ActionOutput<N extends ActionName> =
  ActionCatalog[N] extends ActionDefinition<string, ActionApi, never, infer O> ? O : never;

/** Any action of the catalogue, for code that handles them generically. */
export type AnyAction = ActionDefinition<string, ActionApi, never, unknown>;

/** The action with this name, or `undefined` (own names only: `"toString"` is not an action). */
export function getAction(name: string): AnyAction | undefined {
  return Object.hasOwn(actionCatalog, name)
    ? (actionCatalog[name as ActionName] as unknown as AnyAction)
    : undefined;
}

/** Runs an action's `run` with an input of unknown type (already validated by the caller). */
export function runUnchecked(
  action: AnyAction,
  input: unknown,
  context: ActionRunContext<ActionApi>,
): Promise<unknown> {
  return (action.run as (input: unknown, context: ActionRunContext<ActionApi>) => Promise<unknown>)(
    input,
    context,
  );
}
