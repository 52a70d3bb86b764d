import { type MailboxPage, paginatePages } from "@terapi/helpscout-mailbox";
import type { ModelPosition, PageRecord, SyncContext, SyncModel, SyncPage } from "../sync-model.js";
import { type NumberedPage, parentsFrom, recordId, recordPages } from "./listing-pages.js";
import { stampOf } from "./timestamps.js";

type Ctx = SyncContext<"mailbox">;
type Item = { id: number };

const numbered = async function* <T>(
  pages: AsyncIterable<MailboxPage<T>>,
): AsyncGenerator<NumberedPage<T>, void> {
  for await (const page of pages) yield { items: page.items, number: page.page?.number };
};

const startPage = (checkpoint: ModelPosition | null) =>
  typeof checkpoint?.page === "number" && checkpoint.page >= 1 ? checkpoint.page : 1;

const toRecord =
  (stampKeys: readonly string[]) =>
  (item: Item): PageRecord => ({
    id: recordId(item.id),
    payload: item,
    lastModifiedAt: stampOf(item, stampKeys),
  });

interface AccountListOptions {
  name: string;
  endpoint: string;
  /** Payload fields holding the modification time, first found wins. */
  stampKeys: readonly string[];
  list(ctx: Ctx, page: number): AsyncIterable<MailboxPage<Item>>;
  /** Told every id of a complete listing, e.g. to share the mailbox ids with child models. */
  listed?(ctx: Ctx, ids: number[]): void;
}

/** A full-listing model of one account-wide HAL list (position `{ page }`). */
function accountList(options: AccountListOptions): SyncModel<"mailbox"> {
  return {
    name: options.name,
    api: "mailbox",
    endpoint: options.endpoint,
    strategy: "full",
    cursor: "page number (full listing every run)",
    deletes: "sweep",
    async *pages(ctx, checkpoint) {
      const first = startPage(checkpoint);
      const ids: number[] = [];
      const pages = recordPages(
        numbered(options.list(ctx, first)),
        first,
        toRecord(options.stampKeys),
        (page) => ({ page }),
      );
      for await (const page of pages) {
        for (const record of page.records) ids.push(Number(record.id));
        yield page;
      }
      if (first === 1) options.listed?.(ctx, ids);
    },
  };
}

/** Every mailbox id of the account: from this run's `mailboxes` listing, or listed now. */
async function mailboxIds(ctx: Ctx): Promise<number[]> {
  if (ctx.listed.mailboxIds) return ctx.listed.mailboxIds;
  const ids: number[] = [];
  for await (const page of paginatePages(ctx.client, "/v2/mailboxes", { signal: ctx.signal })) {
    for (const mailbox of page.items) ids.push(mailbox.id);
  }
  ctx.listed.mailboxIds = ids;
  return ids;
}

/** Mailboxes (inboxes): `GET /v2/mailboxes`. */
export const mailboxesModel = accountList({
  name: "mailboxes",
  endpoint: "GET /v2/mailboxes",
  stampKeys: ["updatedAt", "createdAt"],
  list: (ctx, page) =>
    paginatePages(ctx.client, "/v2/mailboxes", { params: { query: { page } }, signal: ctx.signal }),
  listed: (ctx, ids) => {
    ctx.listed.mailboxIds = ids;
  },
});

/**
 * Folders of every mailbox: `GET /v2/mailboxes/{mailboxId}/folders`, mailboxes in id order
 * (position `{ mailboxId, page }`). Folder ids are unique across mailboxes.
 */
export const foldersModel: SyncModel<"mailbox"> = {
  name: "folders",
  api: "mailbox",
  endpoint: "GET /v2/mailboxes/{mailboxId}/folders (each mailbox)",
  strategy: "full",
  cursor: "mailbox id, then page number (full listing every run)",
  deletes: "sweep",
  async *pages(ctx, checkpoint): AsyncGenerator<SyncPage, void> {
    for (const parent of parentsFrom(await mailboxIds(ctx), checkpoint, "mailboxId")) {
      const mailboxId = parent.id;
      yield* recordPages(
        numbered(
          paginatePages(ctx.client, "/v2/mailboxes/{mailboxId}/folders", {
            params: { path: { mailboxId }, query: { page: parent.page } },
            signal: ctx.signal,
          }),
        ),
        parent.page,
        toRecord(["updatedAt"]),
        (page) => ({ mailboxId, page }),
      );
    }
  },
};

/** Users: `GET /v2/users`. */
export const usersModel = accountList({
  name: "users",
  endpoint: "GET /v2/users",
  stampKeys: ["updatedAt", "createdAt"],
  list: (ctx, page) =>
    paginatePages(ctx.client, "/v2/users", { params: { query: { page } }, signal: ctx.signal }),
});

/** Teams: `GET /v2/teams`. */
export const teamsModel = accountList({
  name: "teams",
  endpoint: "GET /v2/teams",
  stampKeys: ["updatedAt", "createdAt"],
  list: (ctx, page) =>
    paginatePages(ctx.client, "/v2/teams", { params: { query: { page } }, signal: ctx.signal }),
});

/** Tags of every mailbox: `GET /v2/tags`. */
export const tagsModel = accountList({
  name: "tags",
  endpoint: "GET /v2/tags",
  stampKeys: ["updatedAt", "createdAt"],
  list: (ctx, page) =>
    paginatePages(ctx.client, "/v2/tags", { params: { query: { page } }, signal: ctx.signal }),
});

/** Workflows (manual and automatic) of every mailbox: `GET /v2/workflows`. */
export const workflowsModel = accountList({
  name: "workflows",
  endpoint: "GET /v2/workflows",
  stampKeys: ["modifiedAt", "createdAt"],
  list: (ctx, page) =>
    paginatePages(ctx.client, "/v2/workflows", { params: { query: { page } }, signal: ctx.signal }),
});

/** The account models in sync order (mailboxes before the folders that need their ids). */
export const mailboxAccountModels: readonly SyncModel<"mailbox">[] = [
  mailboxesModel,
  foldersModel,
  usersModel,
  teamsModel,
  tagsModel,
  workflowsModel,
];
