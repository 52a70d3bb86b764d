import type { DocsClient } from "@terapi/helpscout-docs";
import type { MailboxClient } from "@terapi/helpscout-mailbox";
import type { Checkpoint, PageInput, SyncApi, SyncRecord } from "./types.js";

/** A model's place in its listing, kept in {@link Checkpoint.position}. */
export type ModelPosition = Checkpoint["position"];

/** One record as a model yields it: Help Scout's id as text, the raw payload, its modification time. */
export type PageRecord = PageInput["records"][number];

/** One page a model yields: committed with its checkpoint in one transaction. */
export interface SyncPage {
  /** The objects of this page, exactly as the API returned them. */
  records: PageRecord[];
  /** Where the listing resumes once this page is committed. */
  checkpoint: ModelPosition;
  /** Ids the API reported deleted (a webhook, a reconciliation), to mark `deletedAt`. */
  deletedIds?: string[];
}

/** The typed client of an API: {@link MailboxClient} or {@link DocsClient}. */
export type SyncClient<A extends SyncApi> = A extends "mailbox" ? MailboxClient : DocsClient;

/**
 * Parent ids listed earlier in the same run, so child models (folders per mailbox, categories per
 * collection…) do not list their parents again. Each is set only from a complete listing.
 */
export interface ListedParents {
  mailboxIds?: number[];
  siteIds?: string[];
  collectionIds?: string[];
  /** Every category id, once the `categories` model listed them all. */
  categoryIds?: string[];
}

/** What a model's {@link SyncModel.pages} gets from the runner. */
export interface SyncContext<A extends SyncApi = SyncApi> {
  /** The API client (with the account's throttle, retry and auth). */
  client: SyncClient<A>;
  /** Whose account. */
  connectionId: string;
  /** `full`: list everything (the runner sweeps what was not seen); `incremental`: what changed. */
  mode: "full" | "incremental";
  /**
   * Where an incremental listing starts (`modifiedSince`, inclusive): the stored watermark minus a
   * small overlap. `null`: from the beginning (first run, or a full run).
   */
  since: string | null;
  /** Aborts requests in flight. */
  signal: AbortSignal | undefined;
  /** The live stored records of a model of this connection, e.g. to skip unchanged articles. */
  storedRecords(model: string): AsyncIterable<SyncRecord>;
  /** Parent ids listed by earlier models of this run. */
  listed: ListedParents;
}

/**
 * A declared sync of one model: where it reads, how it pages, how it finds deletes.
 *
 * `pages` yields the listing page by page; the runner commits each page together with its
 * `checkpoint`, so a re-run passes the last committed one back as `checkpoint` to resume.
 */
export interface SyncModel<A extends SyncApi = SyncApi> {
  /** Model name, e.g. `conversations` (the `model` of its records). */
  name: string;
  /** Which API it reads. */
  api: A;
  /** The endpoint(s) read, e.g. `GET /v2/conversations?embed=threads&status=all`. */
  endpoint: string;
  /** `incremental`: only what changed since the watermark; `full`: everything on every run. */
  strategy: "incremental" | "full";
  /** How the listing advances and resumes, e.g. `modifiedSince, sortField=modifiedAt asc`. */
  cursor: string;
  /**
   * How deletions are found: `sweep` (mark-and-sweep after each full listing) or
   * `webhook+reconciliation` (webhook events in real time; a `full` run sweeps the rest).
   */
  deletes: "sweep" | "webhook+reconciliation";
  /**
   * The listing, page by page, from `checkpoint` (a position this model yielded before) or from
   * the start when it is `null`.
   */
  pages(ctx: SyncContext<A>, checkpoint: ModelPosition | null): AsyncGenerator<SyncPage, void>;
}

/** A model of either API. */
export type AnySyncModel = SyncModel<"mailbox"> | SyncModel<"docs">;
