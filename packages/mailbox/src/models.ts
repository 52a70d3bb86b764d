import type { components } from "./generated/mailbox-api.js";

type Schemas = components["schemas"];

/** A conversation (ticket), with `_embedded.threads` when asked with `embed=threads`. */
export type Conversation = Schemas["Conversation"];
/** Status of a conversation. */
export type ConversationStatus = Schemas["ConversationStatus"];
/** One thread (message, note, line item…) of a conversation. */
export type Thread = Schemas["Thread"];
/** Kind of thread; open: Help Scout adds types over time. */
export type ThreadType = Schemas["ThreadType"];
/** A file attached to a thread. */
export type Attachment = Schemas["Attachment"];
/** A person as embedded in conversations and threads. */
export type PersonRef = Schemas["PersonRef"];
/** The customer reference sent when creating conversations and threads. */
export type CustomerRef = Schemas["CustomerRef"];
/** Where a conversation or thread came from. */
export type Source = Schemas["Source"];
/** A customer with its embedded entries (emails, phones, address…). */
export type Customer = Schemas["Customer"];
/** An email entry of a customer. */
export type CustomerEmail = Schemas["CustomerEmail"];
/** A phone entry of a customer. */
export type CustomerPhone = Schemas["CustomerPhone"];
/** A chat handle entry of a customer. */
export type CustomerChatHandle = Schemas["CustomerChatHandle"];
/** A social profile entry of a customer. */
export type CustomerSocialProfile = Schemas["CustomerSocialProfile"];
/** A website entry of a customer. */
export type CustomerWebsite = Schemas["CustomerWebsite"];
/** The address of a customer. */
export type CustomerAddress = Schemas["CustomerAddress"];
/** A customer property definition. */
export type CustomerPropertyDefinition = Schemas["CustomerPropertyDefinition"];
/** An organization (company) customers belong to. */
export type Organization = Schemas["Organization"];
/** An organization property definition. */
export type OrganizationPropertyDefinition = Schemas["OrganizationPropertyDefinition"];
/** A mailbox (inbox). */
export type Mailbox = Schemas["Mailbox"];
/** A folder of a mailbox. */
export type Folder = Schemas["Folder"];
/** A custom field definition of a mailbox. */
export type MailboxCustomField = Schemas["MailboxCustomField"];
/** The routing settings of a mailbox. */
export type MailboxRouting = Schemas["MailboxRouting"];
/** A saved reply of a mailbox. */
export type SavedReply = Schemas["SavedReply"];
/** A Help Scout user. */
export type User = Schemas["User"];
/** A system user (AI agent), from the v3 API. */
export type SystemUser = Schemas["SystemUser"];
/** A user's email and chat availability. */
export type UserStatus = Schemas["UserStatus"];
/** A team of users. */
export type Team = Schemas["Team"];
/** A tag. */
export type Tag = Schemas["Tag"];
/** A workflow of a mailbox. */
export type Workflow = Schemas["Workflow"];
/** A webhook subscription. */
export type Webhook = Schemas["Webhook"];
/** The name of a webhook event; open: Help Scout adds events over time. */
export type WebhookEventName = Schemas["WebhookEventName"];
/** A satisfaction rating. */
export type Rating = Schemas["Rating"];
/** The body of a Mailbox API error answer (vnd.error). */
export type VndError = Schemas["VndError"];
/** The paging state of a HAL list. */
export type PageMetadata = Schemas["PageMetadata"];
/** The token endpoint's answer. */
export type OAuthTokenResponse = Schemas["OAuthTokenResponse"];
/** Body of Create Conversation. */
export type CreateConversationRequest = Schemas["CreateConversationRequest"];
/** Body of Create Reply. */
export type CreateReplyThreadRequest = Schemas["CreateReplyThreadRequest"];
/** Body of Create Note. */
export type CreateNoteThreadRequest = Schemas["CreateNoteThreadRequest"];
/** Body of Create Customer Thread. */
export type CreateCustomerThreadRequest = Schemas["CreateCustomerThreadRequest"];
/** Body of Create Phone Thread. */
export type CreatePhoneThreadRequest = Schemas["CreatePhoneThreadRequest"];
/** Body of Create Chat Thread. */
export type CreateChatThreadRequest = Schemas["CreateChatThreadRequest"];
/** Body of Create Customer. */
export type CreateCustomerRequest = Schemas["CreateCustomerRequest"];
/** Body of Overwrite Customer (PUT; omitted fields are nulled). */
export type OverwriteCustomerRequest = Schemas["OverwriteCustomerRequest"];
/** Body of Create and Update Webhook. */
export type WebhookRequest = Schemas["WebhookRequest"];
/** One operation of Update Conversation. */
export type ConversationPatch = Schemas["ConversationPatch"];
/** One operation of Update Thread. */
export type ThreadPatch = Schemas["ThreadPatch"];
/** The operations of Update Customer. */
export type CustomerPatchRequest = Schemas["CustomerPatchRequest"];
