import type { components } from "./generated/mailbox-api.js";

type S = components["schemas"];

/**
 * Builders for the one-operation body of `PATCH /v2/conversations/{conversationId}`. Each returns
 * exactly one of the op/path/value combinations Help Scout allows, typed from the spec.
 *
 * @example
 * await mailbox.PATCH("/v2/conversations/{conversationId}", {
 *   params: { path: { conversationId } },
 *   body: conversationPatch.status("closed"),
 * });
 */
export const conversationPatch = {
  subject: (value: string): S["ConversationPatchSubject"] => ({
    op: "replace",
    path: "/subject",
    value,
  }),
  primaryCustomer: (customerId: number): S["ConversationPatchPrimaryCustomer"] => ({
    op: "replace",
    path: "/primaryCustomer.id",
    value: customerId,
  }),
  publishDraft: (): S["ConversationPatchDraft"] => ({
    op: "replace",
    path: "/draft",
    value: false,
  }),
  moveToMailbox: (mailboxId: number): S["ConversationPatchMailbox"] => ({
    op: "move",
    path: "/mailboxId",
    value: mailboxId,
  }),
  status: (status: S["ConversationPatchStatus"]["value"]): S["ConversationPatchStatus"] => ({
    op: "replace",
    path: "/status",
    value: status,
  }),
  assign: (userId: number): S["ConversationPatchAssign"] => ({
    op: "replace",
    path: "/assignTo",
    value: userId,
  }),
  unassign: (): S["ConversationPatchUnassign"] => ({ op: "remove", path: "/assignTo" }),
} as const;

/** Builders for `PATCH /v2/conversations/{conversationId}/threads/{threadId}` (one operation). */
export const threadPatch = {
  text: (value: string): S["ThreadPatchText"] => ({ op: "replace", path: "/text", value }),
  hide: (): S["ThreadPatchHidden"] => ({ op: "replace", path: "/hidden", value: true }),
  unhide: (): S["ThreadPatchHidden"] => ({ op: "replace", path: "/hidden", value: false }),
  /** Body of `PATCH …/threads/{threadId}/schedule`: send a scheduled thread now. */
  publishScheduledNow: (): S["ThreadSchedulePublish"] => ({
    op: "replace",
    path: "/state",
    value: "published",
  }),
} as const;

/** Builders for `PATCH /v2/workflows/{workflowId}`. */
export const workflowPatch = {
  activate: (): S["WorkflowPatchStatus"] => ({ op: "replace", path: "/status", value: "active" }),
  deactivate: (): S["WorkflowPatchStatus"] => ({
    op: "replace",
    path: "/status",
    value: "inactive",
  }),
} as const;

type CustomerTextField = S["CustomerPatchField"]["path"] extends `/${infer F}` ? F : never;
type CustomerClearableField = S["CustomerPatchRemoveField"]["path"] extends `/${infer F}`
  ? F
  : never;
type CustomerEntryCollection = "emails" | "phones" | "chats" | "socialProfiles" | "websites";

/**
 * Builders for the operations of `PATCH /v2/customers/{customerId}`, whose body is an array:
 * `body: [customerPatch.set("jobTitle", "CTO"), customerPatch.addEmail({ type: "work", value })]`.
 */
export const customerPatch = {
  set: (field: CustomerTextField, value: string): S["CustomerPatchField"] => ({
    op: "replace",
    path: `/${field}`,
    value,
  }),
  gender: (value: S["Gender"]): S["CustomerPatchGender"] => ({
    op: "replace",
    path: "/gender",
    value,
  }),
  photoType: (value: S["PhotoType"]): S["CustomerPatchPhotoType"] => ({
    op: "replace",
    path: "/photoType",
    value,
  }),
  clear: (field: CustomerClearableField): S["CustomerPatchRemoveField"] => ({
    op: "remove",
    path: `/${field}`,
  }),
  addEmail: (value: S["CustomerEmailRequest"]): S["CustomerPatchAddEmail"] => ({
    op: "add",
    path: "/emails",
    value,
  }),
  addPhone: (value: S["CustomerPhoneRequest"]): S["CustomerPatchAddPhone"] => ({
    op: "add",
    path: "/phones",
    value,
  }),
  addChat: (value: S["CustomerChatHandleRequest"]): S["CustomerPatchAddChat"] => ({
    op: "add",
    path: "/chats",
    value,
  }),
  addSocialProfile: (
    value: S["CustomerSocialProfileRequest"],
  ): S["CustomerPatchAddSocialProfile"] => ({
    op: "add",
    path: "/socialProfiles",
    value,
  }),
  addWebsite: (value: S["CustomerWebsiteRequest"]): S["CustomerPatchAddWebsite"] => ({
    op: "add",
    path: "/websites",
    value,
  }),
  /** Replaces the value of one entry, e.g. `replaceEntryValue("emails", 1001, "new@x.com")`. */
  replaceEntryValue: (
    collection: CustomerEntryCollection,
    entryId: number,
    value: string,
  ): S["CustomerPatchReplaceEntry"] => ({
    op: "replace",
    path: `/${collection}/${entryId}/value`,
    value,
  }),
  /** Deletes one entry by id (a whole collection cannot be removed). */
  removeEntry: (
    collection: CustomerEntryCollection,
    entryId: number,
  ): S["CustomerPatchRemoveEntry"] => ({
    op: "remove",
    path: `/${collection}/${entryId}`,
  }),
} as const;

/** Builders for the operations of `PATCH /v2/customers/{customerId}/properties` (an array). */
export const customerPropertiesPatch = {
  set: (slug: string, value: string | number): S["CustomerPropertyPatchReplace"] => ({
    op: "replace",
    path: `/${slug}`,
    value,
  }),
  clear: (slug: string): S["CustomerPropertyPatchRemove"] => ({ op: "remove", path: `/${slug}` }),
} as const;
