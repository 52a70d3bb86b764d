import { type DocsClient, paginate as paginateDocs, unwrap } from "@terapi/helpscout-docs";
import { type MailboxClient, paginate } from "@terapi/helpscout-mailbox";
import { contentHash } from "@terapi/helpscout-sync";

/** Content hash by record id, per model. */
export type Snapshot = Map<string, Map<string, string>>;

async function hashed<T extends { id: number | string }>(
  items: AsyncIterable<T> | T[],
): Promise<Map<string, string>> {
  const byId = new Map<string, string>();
  for await (const item of items) byId.set(String(item.id), contentHash(item));
  return byId;
}

async function all<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/**
 * What the sync must end up with for the Mailbox models, read straight from the API (run it with
 * faults off): conversations of every status with threads embedded, customers, mailboxes,
 * folders, users, teams, tags and workflows.
 */
export async function mailboxSnapshot(mailbox: MailboxClient): Promise<Snapshot> {
  const mailboxes = await all(paginate(mailbox, "/v2/mailboxes"));
  const folders = [];
  for (const { id } of mailboxes) {
    folders.push(
      ...(await all(
        paginate(mailbox, "/v2/mailboxes/{mailboxId}/folders", {
          params: { path: { mailboxId: id } },
        }),
      )),
    );
  }
  return new Map([
    [
      "conversations",
      await hashed(
        paginate(mailbox, "/v2/conversations", {
          params: { query: { status: "all", embed: "threads" } },
        }),
      ),
    ],
    ["customers", await hashed(paginate(mailbox, "/v2/customers"))],
    ["mailboxes", await hashed(mailboxes)],
    ["folders", await hashed(folders)],
    ["users", await hashed(paginate(mailbox, "/v2/users"))],
    ["teams", await hashed(paginate(mailbox, "/v2/teams"))],
    ["tags", await hashed(paginate(mailbox, "/v2/tags"))],
    ["workflows", await hashed(paginate(mailbox, "/v2/workflows"))],
  ]);
}

/** The same for the Docs models: sites, collections, categories, full articles, redirects. */
export async function docsSnapshot(docs: DocsClient): Promise<Snapshot> {
  const sites = await all(paginateDocs(docs, "/v1/sites"));
  const collections = await all(
    paginateDocs(docs, "/v1/collections", { params: { query: { visibility: "all" } } }),
  );
  const categories = [];
  const articles = [];
  for (const { id: collectionId } of collections) {
    const path = { collectionId };
    categories.push(
      ...(await all(
        paginateDocs(docs, "/v1/collections/{collectionId}/categories", { params: { path } }),
      )),
    );
    for (const ref of await all(
      paginateDocs(docs, "/v1/collections/{collectionId}/articles", {
        params: { path, query: { status: "all" } },
      }),
    )) {
      const { article } = await unwrap(
        docs.GET("/v1/articles/{articleId}", { params: { path: { articleId: ref.id } } }),
      );
      articles.push(article);
    }
  }
  const redirects = [];
  for (const { id: siteId } of sites) {
    redirects.push(
      ...(await all(
        paginateDocs(docs, "/v1/redirects/site/{siteId}", { params: { path: { siteId } } }),
      )),
    );
  }
  return new Map([
    ["sites", await hashed(sites)],
    ["collections", await hashed(collections)],
    ["categories", await hashed(categories)],
    ["articles", await hashed(articles)],
    ["redirects", await hashed(redirects)],
  ]);
}
