export type {
  ConnectionRef,
  FieldError,
  HelpScoutErrorCode,
  TokenSource,
} from "@terapi/helpscout-auth";
export {
  HelpScoutError,
  isHelpScoutError,
  mailboxThrottle,
  retryPolicy,
  unwrap,
} from "@terapi/helpscout-auth";
export type {
  MailboxClient,
  MailboxClientOptions,
  MailboxCredentials,
} from "./create-mailbox-client.js";
export { createMailboxClient, MAILBOX_BASE_URL } from "./create-mailbox-client.js";
export { createdId } from "./created-id.js";
export type { components, operations, paths, webhooks } from "./generated/mailbox-api.js";
export {
  conversationPatch,
  customerPatch,
  customerPropertiesPatch,
  threadPatch,
  workflowPatch,
} from "./json-patch.js";
export type {
  Attachment,
  Conversation,
  ConversationPatch,
  ConversationStatus,
  CreateChatThreadRequest,
  CreateConversationRequest,
  CreateCustomerRequest,
  CreateCustomerThreadRequest,
  CreateNoteThreadRequest,
  CreatePhoneThreadRequest,
  CreateReplyThreadRequest,
  Customer,
  CustomerAddress,
  CustomerChatHandle,
  CustomerEmail,
  CustomerPatchRequest,
  CustomerPhone,
  CustomerPropertyDefinition,
  CustomerRef,
  CustomerSocialProfile,
  CustomerWebsite,
  Folder,
  Mailbox,
  MailboxCustomField,
  MailboxRouting,
  OAuthTokenResponse,
  Organization,
  OrganizationPropertyDefinition,
  OverwriteCustomerRequest,
  PageMetadata,
  PersonRef,
  Rating,
  SavedReply,
  Source,
  SystemUser,
  Tag,
  Team,
  Thread,
  ThreadPatch,
  ThreadType,
  User,
  UserStatus,
  VndError,
  Webhook,
  WebhookEventName,
  WebhookRequest,
  Workflow,
} from "./models.js";
export type { MailboxListInit, MailboxListItem, MailboxListPath, MailboxPage } from "./paginate.js";
export { paginate, paginatePages } from "./paginate.js";
