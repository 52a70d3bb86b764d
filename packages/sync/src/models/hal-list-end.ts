import type { MailboxPage } from "@terapi/helpscout-mailbox";
import type { ModifiedSincePage } from "./modified-since-pages.js";

/** The paging parts of a Mailbox HAL list body. */
interface HalListBody {
  page?: { number?: number; totalPages?: number } | undefined;
  _links?: { next?: unknown } | undefined;
}

/**
 * Whether a HAL list answer is its last page: empty, at or past `page.totalPages`, or (without
 * page metadata) without a `next` link.
 */
export function halListEnds(body: HalListBody | undefined, itemCount: number): boolean {
  if (body === undefined || itemCount === 0) return true;
  const { number, totalPages } = body.page ?? {};
  if (typeof number === "number" && typeof totalPages === "number") return number >= totalPages;
  return body._links?.next === undefined;
}

/**
 * The first page of a HAL list read through the Mailbox client's paginator, which refuses a
 * malformed page (no list in `_embedded`, items that are not objects, or no `_embedded` where
 * the page metadata counts items) with `invalid_response` — instead of taking it for the end of
 * the list. The paginator is not asked for more: the caller moves its own cursor.
 */
export async function firstHalPage<Item>(
  pages: AsyncGenerator<MailboxPage<Item>, void, undefined>,
): Promise<ModifiedSincePage<Item>> {
  try {
    const { value } = await pages.next();
    if (!value) return { items: [], last: true };
    const links = value.next === undefined ? {} : { next: { href: value.next } };
    return {
      items: value.items,
      last: halListEnds({ page: value.page, _links: links }, value.items.length),
    };
  } finally {
    await pages.return(undefined);
  }
}
