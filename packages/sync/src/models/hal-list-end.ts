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
