import type { ModelPosition, PageRecord, SyncPage } from "../sync-model.js";
import { helpScoutTime, laterOf } from "./timestamps.js";

/** One answer of a list sorted by modification time, oldest first. */
export interface ModifiedSincePage<Item> {
  items: Item[];
  /** No page follows this one. */
  last: boolean;
}

/** What {@link modifiedSincePages} pages through. */
export interface ModifiedSinceListing<Item> {
  /** Where to start when there is no checkpoint: `modifiedSince`, or `null` for everything. */
  since: string | null;
  /** A position {@link modifiedSincePages} yielded before, to resume from. */
  checkpoint: ModelPosition | null;
  /** One request: `sortField=modifiedAt&sortOrder=asc` plus these. */
  fetchPage(query: { modifiedSince?: string; page: number }): Promise<ModifiedSincePage<Item>>;
  /** The record of an item; its `lastModifiedAt` must be the time the list sorts and filters by. */
  toRecord(item: Item): PageRecord;
}

/**
 * Pages a Mailbox list sorted by `modifiedAt` ascending by moving `modifiedSince` forward (keyset
 * paging): each request asks for page 1 of what changed since the newest time seen so far.
 *
 * Unlike page numbers, this cannot skip a record when others change while it runs (a changed
 * record leaves its place and the pages behind it shift by one). `modifiedSince` is inclusive, so
 * the newest records of a page come again on the next one (unchanged, so they are not rewritten):
 * about 49 new conversations per request of 50. When a whole page shares one time, the next
 * request asks for the next page of that time instead.
 *
 * The position is `{ modifiedSince, page }`.
 */
export async function* modifiedSincePages<Item>(
  listing: ModifiedSinceListing<Item>,
): AsyncGenerator<SyncPage, void> {
  const start = listing.checkpoint;
  let since =
    start === null
      ? listing.since
      : typeof start.modifiedSince === "string"
        ? start.modifiedSince
        : null;
  let page = typeof start?.page === "number" && start.page >= 1 ? start.page : 1;
  for (;;) {
    const answer = await listing.fetchPage({
      ...(since === null ? {} : { modifiedSince: since }),
      page,
    });
    const records = answer.items.map((item) => listing.toRecord(item));
    let newest: string | null = null;
    for (const record of records) newest = laterOf(newest, record.lastModifiedAt);
    const next = newest === null ? null : helpScoutTime(newest);
    const moved = next !== null && (since === null || Date.parse(next) > Date.parse(since));
    const position = moved
      ? { modifiedSince: next, page: 1 }
      : { modifiedSince: since, page: page + 1 };
    yield { records, checkpoint: position };
    if (answer.last || records.length === 0) return;
    since = position.modifiedSince;
    page = position.page;
  }
}
