import { readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { components } from "../src/index.js";
import {
  mailbox,
  folder as mailboxFolder,
  rating,
  routing,
  savedReply,
  tag,
  team,
  user,
  userStatus,
  webhook,
  workflow,
} from "./fixtures/account.js";
import {
  customer,
  customerConversation,
  customerPropertyDefinition,
  organization,
  organizationPropertyDefinition,
  systemUser,
} from "./fixtures/customers.js";
import { referenceEndpoints } from "./fixtures/reference-endpoints.js";

type S = components["schemas"];

type Json = Record<string, unknown>;
interface OpenApiDoc {
  paths: Record<string, Record<string, Json>>;
  webhooks: Record<string, { post: Json }>;
  components: { schemas: Record<string, Json>; responses: Record<string, Json> };
}

const SPEC_ID = "https://spec.test/helpscout-mailbox.openapi.json";
const spec = parse(
  readFileSync(new URL("../../../specs/helpscout-mailbox.openapi.yaml", import.meta.url), "utf8"),
) as OpenApiDoc;

// The whole document is registered as one schema so that every `#/components/...` ref resolves;
// its OpenAPI top-level keys are declared as (inert) keywords so strict mode stays on for the rest.
const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
addFormats.default(ajv);
ajv.addVocabulary([
  "openapi",
  "info",
  "jsonSchemaDialect",
  "servers",
  "tags",
  "paths",
  "webhooks",
  "components",
  "security",
  "externalDocs",
]);
ajv.addSchema(spec, SPEC_ID);

/** Validates `payload` against the schema at `pointer` in the spec; returns the errors (none = valid). */
function errorsOf(pointer: string, payload: unknown): ErrorObject[] {
  const validate = ajv.compile({ $ref: `${SPEC_ID}#${pointer}` });
  return validate(payload) ? [] : (validate.errors ?? []);
}
const schemaErrors = (name: string, payload: unknown) =>
  errorsOf(`/components/schemas/${name}`, payload);

const API = "https://api.helpscout.net";

// §5.2: one thread of each type. Replies arrive as `message` (`reply` is seen in clients).
const agent = {
  id: 4,
  type: "user",
  first: "Mr",
  last: "Robot",
  email: "mr.robot@acme.example",
} satisfies S["PersonRef"];
const vernon = {
  id: 163487350,
  first: "Vernon",
  last: "Bear",
  email: "vbear@mywork.com",
  photoUrl: "https://secure.gravatar.com/avatar/7f1c2a.jpg",
} satisfies S["PersonRef"];
const threadBase = {
  status: "active",
  state: "published",
  createdAt: "2024-02-01T09:30:00Z",
  customer: vernon,
} satisfies Partial<S["Thread"]>;

const threads = {
  customer: {
    ...threadBase,
    id: 8810,
    type: "customer",
    body: "<p>Hi, I ordered two weeks ago and nothing arrived.</p>",
    source: { type: "email", via: "customer" },
    createdBy: { ...vernon, type: "customer" },
    to: ["support@acme.example"],
    cc: [],
    bcc: [],
    _embedded: {
      attachments: [
        {
          id: 12391,
          filename: "receipt.png",
          mimeType: "image/png",
          width: 640,
          height: 480,
          size: 22_870,
          state: "valid",
          _links: {
            data: { href: `${API}/v2/conversations/4287/attachments/12391/data` },
            web: { href: "https://secure.helpscout.net/file/12391/receipt.png" },
          },
        },
      ],
    },
    _links: { createdByCustomer: { href: `${API}/v2/customers/163487350` } },
  },
  message: {
    ...threadBase,
    id: 8811,
    type: "message",
    status: "closed",
    body: "<p>Your parcel left our warehouse today.</p>",
    source: { type: "web", via: "user" },
    createdBy: agent,
    assignedTo: agent,
    savedReplyId: 3001,
    to: ["vbear@mywork.com"],
    openedAt: "2024-02-01T11:00:00Z",
    rating: { customerId: 163487350, rating: "great", comments: "Fast and friendly" },
  },
  reply: {
    ...threadBase,
    id: 8812,
    type: "reply",
    state: "draft",
    body: "<p>Following up on your order.</p>",
    createdBy: agent,
    scheduled: {
      scheduledBy: 4,
      createdAt: "2024-02-01T12:00:00Z",
      scheduledFor: "2024-02-02T09:00:00Z",
      unscheduleOnCustomerReply: true,
    },
  },
  note: {
    ...threadBase,
    id: 8813,
    type: "note",
    status: "nochange",
    body: "<p>Checked with the carrier.</p>",
    createdBy: agent,
  },
  chat: {
    ...threadBase,
    id: 8814,
    type: "chat",
    body: "Is anyone there?",
    source: { type: "chat", via: "customer" },
    createdBy: { ...vernon, type: "customer" },
  },
  beaconchat: {
    ...threadBase,
    id: 8815,
    type: "beaconchat",
    body: "Chat transcript",
    source: { type: "beacon", via: "customer" },
  },
  phone: {
    ...threadBase,
    id: 8816,
    type: "phone",
    body: "<p>Called about the delivery.</p>",
    createdBy: agent,
  },
  forwardparent: {
    ...threadBase,
    id: 8817,
    type: "forwardparent",
    body: "<p>Forwarding to the carrier.</p>",
    createdBy: agent,
    to: ["claims@carrier.example"],
  },
  forwardchild: {
    ...threadBase,
    id: 8818,
    type: "forwardchild",
    state: "hidden",
    body: "<p>Forwarded message</p>",
    createdBy: agent,
  },
  lineitem: {
    id: 8819,
    type: "lineitem",
    status: "closed",
    state: "published",
    createdAt: "2024-02-01T13:00:00Z",
    createdBy: agent,
    action: {
      type: "manual-workflow",
      text: "Mr ran the Escalate to Tier 2 workflow",
      associatedEntities: { workflow: 9001 },
    },
    source: { type: "workflows", via: "user" },
  },
} satisfies Record<string, S["Thread"]>;

const conversationWithThreads = {
  ...customerConversation,
  threads: Object.keys(threads).length,
  assignee: agent,
  closedBy: 4,
  closedByUser: { ...agent, photoUrl: "https://d33v4339jhl8k0.cloudfront.net/users/4.jpg" },
  closedAt: "2024-02-01T13:00:00Z",
  customerWaitingSince: {
    time: "2024-02-01T09:30:00Z",
    friendly: "20 hours ago",
    latestReplyFrom: "customer",
  },
  snooze: {
    snoozedBy: 4,
    snoozedUntil: "2024-02-03T09:00:00Z",
    unsnoozeOnCustomerReply: true,
  },
  nextEvent: { time: "2024-02-03T09:00:00Z", eventType: "snooze", userId: 4 },
  _embedded: { threads: Object.values(threads) },
} satisfies S["Conversation"];

const conversationList = {
  _embedded: { conversations: [customerConversation, conversationWithThreads] },
  _links: {
    self: { href: `${API}/v2/conversations?status=active&page=2` },
    first: { href: `${API}/v2/conversations?status=active&page=1` },
    previous: { href: `${API}/v2/conversations?status=active&page=1` },
    next: { href: `${API}/v2/conversations?status=active&page=3` },
    last: { href: `${API}/v2/conversations?status=active&page=9` },
    page: { href: `${API}/v2/conversations?status=active{&page}`, templated: true },
  },
  page: { size: 25, totalElements: 220, totalPages: 9, number: 2 },
} satisfies S["ConversationList"];

const vndError = {
  logRef: "a8e2c5b4-4f0e-4b58-9b1c-7c1a1e0f7d11#23912",
  message: "Bad request",
  _embedded: {
    errors: [
      {
        path: "subject",
        message: "may not be empty",
        rejectedValue: "",
        source: "JSON",
        _links: {
          about: { href: "https://developer.helpscout.com/mailbox-api/overview/errors#NotEmpty" },
        },
      },
    ],
  },
  _links: { about: { href: "https://developer.helpscout.com/mailbox-api/overview/errors" } },
} satisfies S["VndError"];

const tokenResponse = {
  token_type: "bearer",
  access_token: "test-access-token",
  expires_in: 172800,
  refresh_token: "test-refresh-token",
} satisfies S["OAuthTokenResponse"];

/** §5 objects as Help Scout sends them, by the spec's component name. */
const examples: [name: string, payload: unknown][] = [
  ["Conversation", conversationWithThreads],
  ["Conversation", customerConversation],
  ...Object.values(threads).map((thread): [string, unknown] => ["Thread", thread]),
  ["Customer", customer],
  // §5.3: responses may capitalise the gender.
  ["Customer", { ...customer, gender: "Male" }],
  ["Mailbox", mailbox],
  ["Folder", mailboxFolder],
  ["MailboxRouting", routing],
  ["SavedReply", savedReply],
  ["User", user],
  ["SystemUser", systemUser],
  ["Team", team],
  ["Tag", tag],
  ["Workflow", workflow],
  ["Webhook", webhook],
  ["Rating", rating],
  ["Organization", organization],
  ["OrganizationPropertyDefinition", organizationPropertyDefinition],
  ["CustomerPropertyDefinition", customerPropertyDefinition],
  ["UserStatus", userStatus],
  ["ConversationList", conversationList],
  ["VndError", vndError],
  ["OAuthTokenResponse", tokenResponse],
];

describe("§5 objects validate against the spec's component schemas", () => {
  it("has an example thread of every documented thread type", () => {
    const threadType = spec.components.schemas.ThreadType as { anyOf: { enum?: string[] }[] };
    expect(Object.keys(threads).sort()).toEqual([...(threadType.anyOf[0]?.enum ?? [])].sort());
  });

  it.each(examples)("%s example is valid", (name, payload) => {
    expect(schemaErrors(name, payload)).toEqual([]);
  });
});

describe("the schemas reject invalid payloads", () => {
  const { _embedded: _threads, ...conversation } = conversationWithThreads;
  const { id: _id, ...threadWithoutId } = threads.customer;
  const { rating: _rating, ...ratingWithoutValue } = rating;
  const { page: _page, ...listWithoutPage } = conversationList;

  it.each<[string, string, unknown, Partial<ErrorObject>]>([
    [
      "a Conversation with status bogus",
      "Conversation",
      { ...conversation, status: "bogus" },
      { instancePath: "/status", keyword: "enum" },
    ],
    [
      "a Thread without id",
      "Thread",
      threadWithoutId,
      { keyword: "required", params: { missingProperty: "id" } },
    ],
    [
      "a Customer email entry without value",
      "Customer",
      { ...customer, _embedded: { emails: [{ id: 1001, type: "work" }] } },
      { instancePath: "/_embedded/emails/0", keyword: "required" },
    ],
    [
      "a Webhook in state paused",
      "Webhook",
      { ...webhook, state: "paused" },
      { instancePath: "/state", keyword: "enum" },
    ],
    [
      "a Rating without its value",
      "Rating",
      ratingWithoutValue,
      { keyword: "required", params: { missingProperty: "rating" } },
    ],
    [
      "a ConversationList without page",
      "ConversationList",
      listWithoutPage,
      { keyword: "required", params: { missingProperty: "page" } },
    ],
    [
      "a page number sent as a string",
      "PageMetadata",
      { size: 50, totalElements: 1, totalPages: 1, number: "1" },
      { instancePath: "/number", keyword: "type" },
    ],
    [
      "a User with a malformed email",
      "User",
      { ...user, email: "mr.robot" },
      { instancePath: "/email", keyword: "format" },
    ],
    [
      "a Mailbox with a non-ISO createdAt",
      "Mailbox",
      { ...mailbox, createdAt: "yesterday" },
      { instancePath: "/createdAt", keyword: "format" },
    ],
    [
      "a token response without access_token",
      "OAuthTokenResponse",
      { token_type: "bearer", expires_in: 172800 },
      { keyword: "required", params: { missingProperty: "access_token" } },
    ],
    [
      "a deleted-resource payload with a string id",
      "DeletedResourcePayload",
      { id: "4287" },
      { instancePath: "/id", keyword: "type" },
    ],
  ])("rejects %s", (_label, name, payload, expected) => {
    expect(schemaErrors(name, payload)).toContainEqual(expect.objectContaining(expected));
  });
});

describe("webhook payloads (§6.1) validate against each event's request body", () => {
  const deleted = { id: 4287 } satisfies S["DeletedResourcePayload"];
  const beaconChat = {
    id: "5f0c3a1e9b7d2c001a4e6f11",
    customer: { email: "vbear@mywork.com" },
  } satisfies S["BeaconChatPayload"];
  const surveyResponse = {
    id: 991,
    conversationId: 4287,
    rating: "great",
  } satisfies S["SurveyResponsePayload"];

  const payloads: Record<string, unknown> = {
    "convo.assigned": customerConversation,
    "convo.created": conversationWithThreads,
    "convo.deleted": deleted,
    "convo.merged": customerConversation,
    "convo.moved": customerConversation,
    "convo.status": { ...customerConversation, status: "closed" },
    "convo.tags": customerConversation,
    "convo.custom-fields": customerConversation,
    "convo.customer.reply.created": conversationWithThreads,
    "convo.agent.reply.created": conversationWithThreads,
    "convo.note.created": conversationWithThreads,
    "customer.created": customer,
    "customer.updated": customer,
    "customer.deleted": { id: 163487350 },
    "satisfaction.ratings": rating,
    "beacon.chat.created": beaconChat,
    "beacon.chat.customer.replied": beaconChat,
    "tag.created": tag,
    "tag.updated": tag,
    "tag.deleted": { id: 501 },
    "message.survey.response.received": surveyResponse,
    "convo.ai-answers.created": customerConversation,
    "convo.ai-answers-email.reply.created": conversationWithThreads,
    "convo.ai-answers-email.resolution": customerConversation,
    "organization.created": organization,
    "organization.updated": organization,
    "organization.deleted": { id: 120 },
    "user.status.changed": userStatus,
  };

  it("has one example per webhook event in the spec and in WebhookEventName", () => {
    const eventName = spec.components.schemas.WebhookEventName as { anyOf: { enum?: string[] }[] };
    expect(Object.keys(spec.webhooks).sort()).toEqual(Object.keys(payloads).sort());
    expect([...(eventName.anyOf[0]?.enum ?? [])].sort()).toEqual(Object.keys(payloads).sort());
  });

  it.each(Object.entries(payloads))("%s payload is valid", (event, payload) => {
    const pointer = `/webhooks/${event}/post/requestBody/content/application~1json/schema`;
    expect(errorsOf(pointer, payload)).toEqual([]);
  });

  it("rejects a conversation payload for a *.deleted event", () => {
    const pointer = "/webhooks/convo.deleted/post/requestBody/content/application~1json/schema";
    expect(errorsOf(pointer, { id: "4287" })).not.toEqual([]);
  });
});

describe("the spec's operations", () => {
  const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
  const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => methods.includes(method))
      .map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );

  it("has every endpoint of the reference list with its method, path and operationId", () => {
    expect(referenceEndpoints).toHaveLength(131);
    const inSpec = operations.map(({ method, path, operation }) => [
      method,
      path,
      operation.operationId,
    ]);
    const missing = referenceEndpoints.filter(
      (endpoint) =>
        !inSpec.some(
          (op) => op[0] === endpoint[0] && op[1] === endpoint[1] && op[2] === endpoint[2],
        ),
    );
    expect(missing).toEqual([]);
  });

  it("has no operation outside the reference list", () => {
    const listed = new Set(referenceEndpoints.map(([method, path]) => `${method} ${path}`));
    const extra = operations
      .map(({ method, path }) => `${method} ${path}`)
      .filter((key) => !listed.has(key));
    expect(extra).toEqual([]);
  });

  /** Follows `$ref`s to `#/components/...` inside the spec. */
  function resolve(node: Json): Json {
    let current = node;
    for (let hops = 0; typeof current.$ref === "string" && hops < 10; hops++) {
      const ref = current.$ref as string;
      const [kind, name] = ref.replace("#/components/", "").split("/");
      const target = (spec.components as unknown as Record<string, Record<string, Json>>)[
        kind ?? ""
      ]?.[name ?? ""];
      if (target === undefined) throw new Error(`unresolved ${ref}`);
      current = target;
    }
    return current;
  }

  /** A JSON body schema that says something: properties, a ref, a union or an array. */
  function isRealSchema(schema: Json | undefined): boolean {
    if (schema === undefined) return false;
    if (typeof schema.$ref === "string" && !isRealSchema(resolve(schema))) return false;
    const properties = schema.properties as Json | undefined;
    return (
      typeof schema.$ref === "string" ||
      Array.isArray(schema.oneOf) ||
      Array.isArray(schema.anyOf) ||
      schema.type === "array" ||
      (properties !== undefined && Object.keys(properties).length > 0)
    );
  }

  it("gives every 2xx body a real schema (no empty placeholders)", () => {
    const placeholders: string[] = [];
    let bodies = 0;
    for (const { method, path, operation } of operations) {
      const responses = operation.responses as Record<string, Json>;
      for (const [status, reference] of Object.entries(responses)) {
        if (!status.startsWith("2")) continue;
        const response = resolve(reference);
        const content = (response.content ?? {}) as Record<string, { schema?: Json }>;
        for (const [mediaType, { schema }] of Object.entries(content)) {
          bodies++;
          const json = mediaType.endsWith("json");
          const ok = json ? isRealSchema(schema) : typeof schema?.type === "string";
          if (!ok) placeholders.push(`${method} ${path} ${status} ${mediaType}`);
        }
      }
    }
    expect(bodies).toBeGreaterThan(60);
    expect(placeholders).toEqual([]);
  });

  it("answers 204 and 201 without a body", () => {
    const withBody: string[] = [];
    for (const { method, path, operation } of operations) {
      const responses = operation.responses as Record<string, Json>;
      for (const status of ["201", "202", "204"]) {
        const reference = responses[status];
        if (reference !== undefined && resolve(reference).content !== undefined) {
          withBody.push(`${method} ${path} ${status}`);
        }
      }
    }
    expect(withBody).toEqual([]);
  });
});
