import { HelpScoutError } from "@terapi/helpscout-auth";
import type { MaybeOptionalInit } from "openapi-fetch";
import type { DocsClient } from "./create-docs-client.js";
import type { paths } from "./generated/docs-api.js";

/** One page of a Docs list: `{page, pages, count, items}` under the plural key. */
export interface DocsPage<Item> {
  /** The page number (1-based). */
  page: number;
  /** Total number of pages. */
  pages: number;
  /** Total number of items across all pages. */
  count: number;
  /** The items of this page. */
  items: Item[];
}

type GetOperation<P extends keyof paths> = paths[P] extends { get: infer O } ? O : never;
type OkJson<O> = O extends { responses: { 200: { content: { "application/json": infer B } } } }
  ? B
  : never;
type PageIn<B> = { [K in keyof B]: B[K] extends DocsPage<unknown> ? B[K] : never }[keyof B];

/** Every Docs path whose GET answers with a paged list. */
export type DocsListPath = {
  [P in keyof paths]: [PageIn<OkJson<GetOperation<P>>>] extends [never] ? never : P;
}[keyof paths];

/** The item type of a paged Docs list, e.g. `ArticleRef` for `/v1/collections/{collectionId}/articles`. */
export type DocsListItem<P extends DocsListPath> =
  PageIn<OkJson<GetOperation<P>>> extends DocsPage<infer Item> ? Item : never;

/** The request options of a list path (path and query parameters); `page` is where to start. */
export type DocsListInit<P extends DocsListPath> = MaybeOptionalInit<paths[P], "get">;

type InitArgs<P extends DocsListPath> =
  undefined extends DocsListInit<P> ? [init?: DocsListInit<P>] : [init: DocsListInit<P>];

interface LooseInit {
  params?: { query?: Record<string, unknown>; path?: Record<string, unknown> };
}

/**
 * Yields each page of a Docs list, from `params.query.page` (default 1) to the last page. Errors
 * (a failed request, a body without the page envelope) are thrown from the iterator.
 */
export async function* paginatePages<P extends DocsListPath>(
  client: DocsClient,
  path: P,
  ...[init]: InitArgs<P>
): AsyncGenerator<DocsPage<DocsListItem<P>>, void, undefined> {
  const base = (init ?? {}) as LooseInit;
  let page = Number(base.params?.query?.page ?? 1);
  for (;;) {
    const request = { ...base, params: { ...base.params, query: { ...base.params?.query, page } } };
    const { data } = await client.GET(path as never, request as never);
    const current = findPage(data, path, page) as DocsPage<DocsListItem<P>>;
    yield current;
    // Stop on the last page, and on an empty page so a wrong `pages` count cannot loop forever.
    if (page >= current.pages || current.items.length === 0) return;
    page += 1;
  }
}

/**
 * Yields every item of a Docs list across all its pages.
 *
 * @example
 * for await (const article of paginate(docs, "/v1/collections/{collectionId}/articles", {
 *   params: { path: { collectionId }, query: { status: "published" } },
 * })) console.log(article.name);
 */
export async function* paginate<P extends DocsListPath>(
  client: DocsClient,
  path: P,
  ...init: InitArgs<P>
): AsyncGenerator<DocsListItem<P>, void, undefined> {
  for await (const page of paginatePages(client, path, ...init)) yield* page.items;
}

function findPage(body: unknown, path: string, page: number): DocsPage<unknown> {
  const invalid = (what: string) =>
    new HelpScoutError({
      code: "invalid_response",
      message: `@terapi/helpscout-docs: GET ${path} (page ${page}) answered ${what}; nothing was read from that page.`,
    });
  if (typeof body === "object" && body !== null) {
    for (const value of Object.values(body)) {
      if (!isPage(value)) continue;
      // A null or a string is no Docs object: an answer with such items was mangled on the way.
      if (
        value.items.some((item) => typeof item !== "object" || item === null || Array.isArray(item))
      ) {
        throw invalid("a list with items that are not objects");
      }
      return value;
    }
  }
  throw invalid("without a {page, pages, count, items} envelope");
}

function isPage(value: unknown): value is DocsPage<unknown> {
  if (typeof value !== "object" || value === null) return false;
  const page = value as Record<string, unknown>;
  return Array.isArray(page.items) && typeof page.pages === "number";
}
