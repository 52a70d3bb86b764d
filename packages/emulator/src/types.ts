import type { components as DocsComponents } from "@terapi/helpscout-docs";
import type { components as MailboxComponents } from "@terapi/helpscout-mailbox";
import type { EmulatorClock } from "./clock.js";
import type { SeededRandom } from "./random.js";

/** Mailbox API schemas, by name. */
export type M = MailboxComponents["schemas"];
/** Docs API schemas, by name. */
export type D = DocsComponents["schemas"];

/** How much data each account is seeded with. */
export interface SeedSize {
  mailboxes: number;
  users: number;
  teams: number;
  tags: number;
  customers: number;
  conversations: number;
  /** Threads per conversation: between 1 and this. */
  maxThreads: number;
  organizations: number;
  sites: number;
  collectionsPerSite: number;
  categoriesPerCollection: number;
  articles: number;
  redirects: number;
}

/** One account's Mailbox data. Threads live with their conversation, newest first. */
export interface MailboxData {
  mailboxes: Map<number, M["Mailbox"]>;
  folders: Map<number, M["Folder"][]>;
  customFields: Map<number, M["MailboxCustomField"][]>;
  routing: Map<number, M["MailboxRouting"]>;
  savedReplies: Map<number, M["SavedReply"][]>;
  users: Map<number, M["User"]>;
  userStatuses: Map<number, M["UserStatus"]>;
  reassignment: Map<number, M["ConversationReassignment"]>;
  teams: Map<number, M["Team"] & { memberIds: number[] }>;
  tags: Map<number, M["Tag"]>;
  customers: Map<number, M["Customer"]>;
  customerProperties: M["CustomerPropertyDefinition"][];
  organizations: Map<number, M["Organization"]>;
  organizationProperties: M["OrganizationPropertyDefinition"][];
  conversations: Map<number, M["Conversation"]>;
  threads: Map<number, M["Thread"][]>;
  attachments: Map<number, { conversationId: number; data: string; attachment: M["Attachment"] }>;
  /** Old conversation id → surviving id (merged conversations answer 301). */
  merged: Map<number, number>;
  workflows: Map<number, M["Workflow"]>;
  webhooks: Map<number, M["Webhook"] & { secret: string }>;
  ratings: Map<number, M["Rating"]>;
  /** The id the next created object of any kind gets. */
  nextId: number;
}

/** One account's Docs data. */
export interface DocsData {
  sites: Map<string, D["Site"]>;
  restrictions: Map<string, D["SiteRestriction"]>;
  collections: Map<string, D["Collection"]>;
  categories: Map<string, D["Category"]>;
  articles: Map<string, D["Article"]>;
  /** Revisions by article id, newest first. */
  revisions: Map<string, D["ArticleRevision"][]>;
  drafts: Map<string, string>;
  redirects: Map<string, D["Redirect"]>;
  nextNumber: number;
}

/** A Help Scout account (company): its data, credentials and rate budget. */
export interface Account {
  id: string;
  /** OAuth apps of this account: client id → client secret. */
  oauthClients: Map<string, string>;
  /** Docs API keys of this account's users: key → user id. */
  docsApiKeys: Map<string, number>;
  /** The user an app's tokens act as (the app's creator). */
  ownerUserId: number;
  mailbox: MailboxData;
  docs: DocsData;
  /** Requests counted in the current window, per API, and the peak demand so far. */
  rate: { mailbox: RateWindow; docs: RateWindow };
}

/** A fixed rate-limit window, and what the account asked of its windows so far. */
export interface RateWindow {
  windowStart: number;
  used: number;
  /** Units asked for in the current window, refused requests included. */
  asked: number;
  /** The most units asked for in any one window so far: above the limit means some were refused. */
  peak: number;
  /** Requests of this account to this API answered 429 (forced or over budget). */
  rateLimited: number;
}

/** Fault injection knobs, settable per run and at `/_emulator/faults`. */
export interface Faults {
  /** Share of API requests (0..1) answered 500/502/503. */
  serverErrorRatio: number;
  /** Share of API requests (0..1) whose connection is reset without an answer (real HTTP only). */
  resetRatio: number;
  /** Added latency per API request, in real milliseconds. */
  latencyMs: number;
  /** The next this-many API requests are answered 429, whatever the budget says. */
  force429: number;
}

/** Rate limits the emulator enforces, per account. */
export interface RateLimits {
  /** Mailbox requests per minute (writes weigh 2). Help Scout's default plan: 200. */
  mailboxPerMinute: number;
  /** Docs requests per 10 minutes: 2000 for one site. */
  docsPerTenMinutes: number;
  /** Off: no 429s and no limit headers. */
  enabled: boolean;
}

/** An access token the token endpoint handed out. */
export interface IssuedToken {
  accountId: string;
  clientId: string;
  userId: number;
  expiresAt: number;
}

/** Shared by every route: the emulator's state and its knobs. */
export interface EmulatorContext {
  clock: EmulatorClock;
  random: SeededRandom;
  accounts: Map<string, Account>;
  faults: Faults;
  rateLimits: RateLimits;
  /** Access tokens, refresh tokens and authorization codes. */
  tokens: {
    access: Map<string, IssuedToken>;
    refresh: Map<string, { accountId: string; clientId: string; userId: number }>;
    codes: Map<string, { accountId: string; clientId: string; userId: number; expiresAt: number }>;
    lifetimeSeconds: number;
  };
  /** Statistics for tests and benchmarks. */
  stats: EmulatorStats;
  /** Delivers a webhook event of an account to its subscribers (signed). */
  emit(account: Account, event: string, payload: unknown): void;
}

/** What the emulator counted. */
export interface EmulatorStats {
  requests: number;
  /** Requests per API answered 429 (forced or over budget). */
  rateLimited: number;
  serverErrors: number;
  resets: number;
  webhookDeliveries: number;
  webhookFailures: number;
}

/** Hono variables set by the auth middleware for the API routes. */
export interface EmulatorEnv {
  Variables: {
    emulator: EmulatorContext;
    account: Account;
    userId: number;
  };
}
