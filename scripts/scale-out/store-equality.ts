import {
  createDocsClient,
  type DocsClient,
  paginate as docsPages,
  unwrap,
} from "@terapi/helpscout-docs";
import { createMailboxClient, type MailboxClient, paginate } from "@terapi/helpscout-mailbox";
import { canonicalJson, type RecordStore } from "@terapi/helpscout-sync";

/** Payloads by id, per model: what the API answers, or what the store holds. */
type Snapshot = Map<string, Map<string, string>>;

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const byId = (items: ReadonlyArray<{ id: number | string }>) =>
  new Map(items.map((item) => [String(item.id), canonicalJson(item)]));

/** Every model of one account, as the emulator's API lists it now (rate limits off). */
async function apiSnapshot(mailbox: MailboxClient, docs: DocsClient): Promise<Snapshot> {
  const mailboxes = await all(paginate(mailbox, "/v2/mailboxes"));
  const folders = [];
  for (const { id } of mailboxes) {
    const path = { mailboxId: id };
    folders.push(
      ...(await all(paginate(mailbox, "/v2/mailboxes/{mailboxId}/folders", { params: { path } }))),
    );
  }
  const sites = await all(docsPages(docs, "/v1/sites"));
  const collections = await all(
    docsPages(docs, "/v1/collections", { params: { query: { visibility: "all" } } }),
  );
  const categories = [];
  const articles = [];
  for (const { id: collectionId } of collections) {
    const path = { collectionId };
    categories.push(
      ...(await all(
        docsPages(docs, "/v1/collections/{collectionId}/categories", { params: { path } }),
      )),
    );
    const refs = await all(
      docsPages(docs, "/v1/collections/{collectionId}/articles", {
        params: { path, query: { status: "all" } },
      }),
    );
    for (const ref of refs) {
      const answer = docs.GET("/v1/articles/{articleId}", {
        params: { path: { articleId: ref.id } },
      });
      articles.push((await unwrap(answer)).article);
    }
  }
  const redirects = [];
  for (const { id: siteId } of sites) {
    redirects.push(
      ...(await all(
        docsPages(docs, "/v1/redirects/site/{siteId}", { params: { path: { siteId } } }),
      )),
    );
  }
  const conversations = paginate(mailbox, "/v2/conversations", {
    params: { query: { status: "all", embed: "threads" } },
  });
  return new Map([
    ["mailboxes", byId(mailboxes)],
    ["folders", byId(folders)],
    ["users", byId(await all(paginate(mailbox, "/v2/users")))],
    ["teams", byId(await all(paginate(mailbox, "/v2/teams")))],
    ["tags", byId(await all(paginate(mailbox, "/v2/tags")))],
    ["workflows", byId(await all(paginate(mailbox, "/v2/workflows")))],
    ["customers", byId(await all(paginate(mailbox, "/v2/customers")))],
    ["conversations", byId(await all(conversations))],
    ["sites", byId(sites)],
    ["collections", byId(collections)],
    ["categories", byId(categories)],
    ["articles", byId(articles.flatMap((article) => (article ? [article] : [])))],
    ["redirects", byId(redirects)],
  ]);
}

/** The live records of one account, per model, through the records API. */
async function storeSnapshot(store: RecordStore, connectionId: string, models: string[]) {
  const snapshot: Snapshot = new Map();
  for (const model of models) {
    const records = new Map<string, string>();
    let cursor: string | undefined;
    do {
      const page = await store.listRecords({
        connectionId,
        model,
        limit: 1000,
        ...(cursor ? { cursor } : {}),
      });
      for (const record of page.records) records.set(record.id, canonicalJson(record.payload));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    snapshot.set(model, records);
  }
  return snapshot;
}

/** What {@link compareStoreWithEmulator} found. */
export interface StoreComparison {
  /** Live records in the store, all accounts together. */
  records: number;
  /** `account model: why`, for every model whose records differ from the API's. */
  differences: string[];
}

/**
 * Compares, account by account and model by model, the live records in the store with what the
 * emulator's API answers (same ids, same payloads as canonical JSON). Turn the emulator's rate
 * limits off first: this reads every account in full.
 */
export async function compareStoreWithEmulator(options: {
  store: RecordStore;
  emulatorUrl: string;
  ids: readonly string[];
}): Promise<StoreComparison> {
  const { store, emulatorUrl, ids } = options;
  const differences: string[] = [];
  let records = 0;
  for (const id of ids) {
    const token = await fetch(`${emulatorUrl}/v2/oauth2/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: `${id}-app`,
        client_secret: `${id}-secret`,
      }),
    });
    const { access_token: accessToken } = (await token.json()) as { access_token: string };
    const expected = await apiSnapshot(
      createMailboxClient({ accessToken, baseUrl: emulatorUrl, throttle: false }),
      createDocsClient({ apiKey: `${id}-docs-key`, baseUrl: emulatorUrl, throttle: false }),
    );
    const stored = await storeSnapshot(store, id, [...expected.keys()]);
    for (const [model, payloads] of expected) {
      const have = stored.get(model) ?? new Map<string, string>();
      records += have.size;
      const missing = [...payloads.keys()].filter((key) => !have.has(key));
      const extra = [...have.keys()].filter((key) => !payloads.has(key));
      const changed = [...payloads].filter(
        ([key, json]) => have.has(key) && have.get(key) !== json,
      );
      if (missing.length + extra.length + changed.length > 0) {
        differences.push(
          `${id} ${model}: ${missing.length} missing, ${extra.length} extra, ${changed.length} different`,
        );
      }
    }
  }
  return { records, differences };
}
