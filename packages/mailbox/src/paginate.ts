import { HelpScoutError } from "@terapi/helpscout-auth";
import type { MaybeOptionalInit } from "openapi-fetch";
import type { MailboxClient } from "./create-mailbox-client.js";
import type { components, paths } from "./generated/mailbox-api.js";

type GetOperation<P extends keyof paths> = paths[P] extends { get: infer O } ? O : never;
type OkBody<O> = O extends { responses: { 200: { content: infer C } } } ? C[keyof C] : never;
type EmbeddedOf<B> = B extends { _embedded?: infer E } ? NonNullable<E> : never;
type ArrayItems<E> = {
  [K in keyof E]-?: NonNullable<E[K]> extends (infer I)[] ? I : never;
}[keyof E];
/** A list body: `_embedded` arrays on something that is not itself an entity (no `id`). */
type ListBody<B> = B extends { id: unknown } ? never : B;

/** Every Mailbox path whose GET answers with a HAL list (`_embedded.<name>[]`). */
export type MailboxListPath = {
  [P in keyof paths]: [ArrayItems<EmbeddedOf<ListBody<OkBody<GetOperation<P>>>>>] extends [never]
    ? never
    : P;
}[keyof paths];

/** The item type of a HAL list, e.g. `Conversation` for `/v2/conversations`. */
export type MailboxListItem<P extends MailboxListPath> = ArrayItems<
  EmbeddedOf<ListBody<OkBody<GetOperation<P>>>>
>;

/** The request options of a list path (path and query parameters, filters, `page` to start at). */
export type MailboxListInit<P extends MailboxListPath> = MaybeOptionalInit<paths[P], "get">;

type InitArgs<P extends MailboxListPath> =
  undefined extends MailboxListInit<P> ? [init?: MailboxListInit<P>] : [init: MailboxListInit<P>];

/** One page of a HAL list. */
export interface MailboxPage<Item> {
  /** The items of this page (`_embedded.<name>`; empty when the list is empty). */
  items: Item[];
  /** Paging state (`size`, `totalElements`, `totalPages`, `number`) where the list has it. */
  page: components["schemas"]["PageMetadata"] | undefined;
  /** The `next` link Help Scout gave, if any (v3 lists carry their cursor here). */
  next: string | undefined;
}

type Query = Record<string, unknown>;
interface LooseInit {
  params?: { query?: Query; path?: Record<string, unknown> };
}

/**
 * Yields each page of a HAL list by following `_links.next` until there is none.
 *
 * The next link's query (which keeps your filters, and carries the cursor on v3 lists) is sent
 * again through the same typed client, to the same path: a link can never send your token to
 * another host.
 */
export async function* paginatePages<P extends MailboxListPath>(
  client: MailboxClient,
  path: P,
  ...[init]: InitArgs<P>
): AsyncGenerator<MailboxPage<MailboxListItem<P>>, void, undefined> {
  const base = (init ?? {}) as LooseInit;
  const seen = new Set<string>();
  let query: Query = { ...base.params?.query };
  for (;;) {
    const request = { ...base, params: { ...base.params, query } };
    const { data } = await client.GET(path as never, request as never);
    const current = toPage(data, path) as MailboxPage<MailboxListItem<P>>;
    yield current;
    if (current.next === undefined || current.items.length === 0 || seen.has(current.next)) return;
    seen.add(current.next);
    query = { ...query, ...queryOf(current.next) };
  }
}

/**
 * Yields every item of a HAL list across all its pages.
 *
 * @example
 * for await (const conversation of paginate(mailbox, "/v2/conversations", {
 *   params: { query: { status: "active", embed: "threads" } },
 * })) console.log(conversation.subject);
 */
export async function* paginate<P extends MailboxListPath>(
  client: MailboxClient,
  path: P,
  ...init: InitArgs<P>
): AsyncGenerator<MailboxListItem<P>, void, undefined> {
  for await (const page of paginatePages(client, path, ...init)) yield* page.items;
}

function toPage(body: unknown, path: string): MailboxPage<unknown> {
  const invalid = (what: string) =>
    new HelpScoutError({
      code: "invalid_response",
      message: `@terapi/helpscout-mailbox: GET ${path} answered ${what}; nothing was read from that page.`,
    });
  // Saved replies may come back as a bare array (unconfirmed in Help Scout's docs).
  if (Array.isArray(body))
    return { items: objectsOnly(body, invalid), page: undefined, next: undefined };
  if (typeof body !== "object" || body === null || !("_links" in body || "_embedded" in body)) {
    throw invalid("without a HAL list (_embedded, _links, page)");
  }
  const hal = body as {
    _embedded?: unknown;
    _links?: { next?: { href?: unknown } };
    page?: components["schemas"]["PageMetadata"];
  };
  let items: unknown[] = [];
  if (hal._embedded !== undefined) {
    const list =
      typeof hal._embedded === "object" && hal._embedded !== null
        ? Object.values(hal._embedded).find(Array.isArray)
        : undefined;
    if (list === undefined) throw invalid("an _embedded that holds no list");
    items = objectsOnly(list, invalid);
  } else if (promisesItems(hal.page)) {
    // Help Scout leaves _embedded out of an empty page only: a page that should hold items but
    // has none would end the listing early (and make a full sync sweep what it did not see).
    throw invalid(
      `a page without _embedded although its page metadata counts ${hal.page?.totalElements} items`,
    );
  }
  const href = hal._links?.next?.href;
  return { items, page: hal.page, next: typeof href === "string" ? href : undefined };
}

/** The list, checked to hold objects only (a `null` or a string is no Help Scout entity). */
function objectsOnly(list: unknown[], invalid: (what: string) => Error): unknown[] {
  if (list.some((item) => typeof item !== "object" || item === null || Array.isArray(item))) {
    throw invalid("a list with items that are not objects");
  }
  return list;
}

/** Whether page metadata says this page lies within a non-empty list. */
function promisesItems(page: components["schemas"]["PageMetadata"] | undefined): boolean {
  const total = page?.totalElements;
  const number = page?.number;
  const pages = page?.totalPages;
  return (
    typeof total === "number" &&
    total > 0 &&
    (typeof number !== "number" || typeof pages !== "number" || number <= pages)
  );
}

/** The query of a link, with repeated parameters kept as arrays. */
function queryOf(href: string): Query {
  const params = new URL(href, "https://api.helpscout.net").searchParams;
  const query: Query = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    query[key] = values.length > 1 ? values : values[0];
  }
  return query;
}
