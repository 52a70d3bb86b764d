export type {
  ActionErrorCode,
  ActionErrorInit,
  ActionFieldError,
} from "./action-errors.js";
export {
  ActionError,
  ActionInputError,
  isActionError,
  isActionInputError,
} from "./action-errors.js";
export type {
  ArticleStatusInput,
  ArticleStatusOutput,
} from "./actions/docs/article-status.js";
export { publishArticle, unpublishArticle } from "./actions/docs/article-status.js";
export type { CreateArticleInput, CreateArticleOutput } from "./actions/docs/create-article.js";
export { createArticle } from "./actions/docs/create-article.js";
export type { CreateRedirectInput, CreateRedirectOutput } from "./actions/docs/create-redirect.js";
export { createRedirect } from "./actions/docs/create-redirect.js";
export type { ArticleOutput } from "./actions/docs/docs-schemas.js";
export type { MoveArticleInput, MoveArticleOutput } from "./actions/docs/move-article.js";
export { moveArticle } from "./actions/docs/move-article.js";
export type {
  ArticleChanges,
  UpdateArticleInput,
  UpdateArticleOutput,
} from "./actions/docs/update-article.js";
export { updateArticle } from "./actions/docs/update-article.js";
export type { AddNoteInput, AddNoteOutput } from "./actions/mailbox/add-note.js";
export { addNote } from "./actions/mailbox/add-note.js";
export type {
  AssignConversationInput,
  AssignConversationOutput,
} from "./actions/mailbox/assign-conversation.js";
export { assignConversation } from "./actions/mailbox/assign-conversation.js";
export type {
  ChangeConversationStatusInput,
  ChangeConversationStatusOutput,
  SettableConversationStatus,
} from "./actions/mailbox/change-conversation-status.js";
export { changeConversationStatus } from "./actions/mailbox/change-conversation-status.js";
export type {
  ConversationCustomerInput,
  CreateConversationInput,
  CreateConversationOutput,
} from "./actions/mailbox/create-conversation.js";
export { createConversation } from "./actions/mailbox/create-conversation.js";
export type { FindCustomerInput, FindCustomerOutput } from "./actions/mailbox/find-customer.js";
export { findCustomer } from "./actions/mailbox/find-customer.js";
export type { ThreadOutput } from "./actions/mailbox/mailbox-schemas.js";
export type {
  ReplyToConversationInput,
  ReplyToConversationOutput,
} from "./actions/mailbox/reply-to-conversation.js";
export { replyToConversation } from "./actions/mailbox/reply-to-conversation.js";
export type { RunWorkflowInput, RunWorkflowOutput } from "./actions/mailbox/run-workflow.js";
export { runWorkflow } from "./actions/mailbox/run-workflow.js";
export type {
  SetConversationCustomFieldsInput,
  SetConversationCustomFieldsOutput,
} from "./actions/mailbox/set-conversation-custom-fields.js";
export { setConversationCustomFields } from "./actions/mailbox/set-conversation-custom-fields.js";
export type {
  SetConversationTagsInput,
  SetConversationTagsOutput,
} from "./actions/mailbox/set-conversation-tags.js";
export { setConversationTags } from "./actions/mailbox/set-conversation-tags.js";
export type {
  SnoozeConversationInput,
  SnoozeConversationOutput,
} from "./actions/mailbox/snooze-conversation.js";
export { snoozeConversation } from "./actions/mailbox/snooze-conversation.js";
export type {
  UpdateConversationTagsInput,
  UpdateConversationTagsOutput,
} from "./actions/mailbox/update-conversation-tags.js";
export { updateConversationTags } from "./actions/mailbox/update-conversation-tags.js";
export type {
  UpsertCustomerInput,
  UpsertCustomerOutput,
} from "./actions/mailbox/upsert-customer.js";
export { upsertCustomer } from "./actions/mailbox/upsert-customer.js";
export type { ActionsHandler, ActionsHandlerOptions } from "./actions-handler.js";
export { createActionsHandler } from "./actions-handler.js";
export type {
  ActionCatalog,
  ActionInput,
  ActionName,
  ActionOutput,
  AnyAction,
} from "./catalog.js";
export { actionCatalog, getAction } from "./catalog.js";
export type {
  ActionFilter,
  ActionSummary,
  AnthropicToolDefinition,
  OpenAiToolDefinition,
} from "./list-actions.js";
export { listActions, toToolDefinitions } from "./list-actions.js";
export { runAction, validateActionInput } from "./run-action.js";
export type {
  ActionApi,
  ActionClients,
  ActionDefinition,
  ActionRunContext,
  ClientSource,
  JsonSchema,
} from "./types.js";
