import { HelpScoutError } from "@terapi/helpscout-auth";
import type { ModelPosition, PageRecord, SyncPage } from "../sync-model.js";

/** A page of any list: its items and, where the API says, its 1-based number. */
export interface NumberedPage<Item> {
  items: Item[];
  /** The page number the API reports (`page.number` / `page`); counted from the start if absent. */
  number?: number | undefined;
}

/**
 * Turns a list's pages into {@link SyncPage}s: each item becomes a record, and each page's
 * checkpoint is `position(number of the next page)`.
 */
export async function* recordPages<Item>(
  pages: AsyncIterable<NumberedPage<Item>>,
  startPage: number,
  toRecord: (item: Item) => PageRecord,
  position: (nextPage: number) => ModelPosition,
): AsyncGenerator<SyncPage, void> {
  let expected = startPage;
  for await (const page of pages) {
    const number = page.number ?? expected;
    expected = number + 1;
    yield { records: page.items.map(toRecord), checkpoint: position(number + 1) };
  }
}

/**
 * The parents to list children of, in a stable order (ascending ids), each with the page to start
 * at: a checkpoint `{ [key]: parentId, page }` resumes at that parent and page and skips those
 * before it.
 */
export function parentsFrom<Id extends number | string>(
  ids: readonly Id[],
  checkpoint: ModelPosition | null,
  key: string,
): Array<{ id: Id; page: number }> {
  const sorted = [...new Set(ids)].sort((a, b) =>
    typeof a === "number" && typeof b === "number" ? a - b : String(a) < String(b) ? -1 : 1,
  );
  const at = checkpoint?.[key];
  const page = typeof checkpoint?.page === "number" && checkpoint.page >= 1 ? checkpoint.page : 1;
  if (at === undefined || at === null) return sorted.map((id) => ({ id, page: 1 }));
  const after = (id: Id) =>
    typeof id === "number" && typeof at === "number"
      ? id - at
      : String(id) < String(at)
        ? -1
        : String(id) > String(at)
          ? 1
          : 0;
  return sorted
    .filter((id) => after(id) >= 0)
    .map((id) => ({ id, page: after(id) === 0 ? page : 1 }));
}

/**
 * Help Scout's id as the record id (text).
 *
 * @throws HelpScoutError `invalid_response` when the id is not a number or a non-empty string:
 *   an answer mangled on the way must not be stored under the id "undefined".
 */
export function recordId(id: number | string): string {
  if ((typeof id === "number" && Number.isFinite(id)) || (typeof id === "string" && id !== "")) {
    return String(id);
  }
  throw new HelpScoutError({
    code: "invalid_response",
    message: `@terapi/helpscout-sync: an item without a usable id (${typeof id}) came back from Help Scout; its page was not stored.`,
  });
}
