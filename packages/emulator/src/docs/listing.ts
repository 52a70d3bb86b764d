import { docsError, docsPage } from "../responses.js";
import type { DocsContext } from "./store.js";

/** Items per page of every Docs list (List Articles may ask for up to 100 with `pageSize`). */
export const DOCS_PAGE_SIZE = 50;
/** The largest `pageSize` List Articles accepts. */
export const MAX_PAGE_SIZE = 100;

/** Checked list query parameters. */
export interface ListQuery {
  page: number;
  pageSize: number;
  sort: string;
  order: "asc" | "desc";
}

/** What a list endpoint accepts. */
export interface ListOptions {
  /** Allowed `sort` values; without them `sort`/`order` are ignored. */
  sorts?: readonly string[];
  defaultSort?: string;
  /** Whether `pageSize` is accepted (List Articles only). */
  pageSize?: boolean;
}

/** A query parameter that must be one of `values` (its default when absent), or a `400`. */
export function queryEnum<T extends string>(
  c: DocsContext,
  name: string,
  values: readonly T[],
  fallback: T,
): T | Response {
  const value = c.req.query(name);
  if (value === undefined || value === "") return fallback;
  return (values as readonly string[]).includes(value)
    ? (value as T)
    : docsError(c, 400, `${name} must be one of ${values.join(", ")}`);
}

/** `page`, `sort`, `order` and `pageSize`, checked (a `400` for bad values). */
export function readListQuery(c: DocsContext, options: ListOptions = {}): ListQuery | Response {
  const page = positiveInt(c.req.query("page"), 1);
  if (page === undefined) return docsError(c, 400, "page must be a positive integer");
  let pageSize = DOCS_PAGE_SIZE;
  if (options.pageSize) {
    const asked = positiveInt(c.req.query("pageSize"), DOCS_PAGE_SIZE);
    if (asked === undefined || asked > MAX_PAGE_SIZE) {
      return docsError(c, 400, `pageSize must be an integer between 1 and ${MAX_PAGE_SIZE}`);
    }
    pageSize = asked;
  }
  const sorts = options.sorts ?? [];
  const sort = sorts.length ? queryEnum(c, "sort", sorts, options.defaultSort ?? "") : "";
  if (sort instanceof Response) return sort;
  const order = queryEnum(c, "order", ["asc", "desc"] as const, "asc");
  if (order instanceof Response) return order;
  return { page, pageSize, sort, order };
}

function positiveInt(value: string | undefined, fallback: number): number | undefined {
  if (value === undefined || value === "") return fallback;
  if (!/^\d+$/.test(value)) return undefined;
  const number = Number(value);
  return number >= 1 ? number : undefined;
}

/** A sort key: text compares case-insensitively, missing values sort first. */
export type SortKey = string | number | null | undefined;

/** A copy of `items` sorted by `key` (ties keep their order), reversed for `desc`. */
export function sortItems<T>(
  items: readonly T[],
  key: (item: T) => SortKey,
  order: "asc" | "desc",
): T[] {
  const keyed = items.map((item, index) => ({ item, index, key: key(item) }));
  keyed.sort((a, b) => compareKeys(a.key, b.key) || a.index - b.index);
  const sorted = keyed.map(({ item }) => item);
  return order === "desc" ? sorted.reverse() : sorted;
}

function compareKeys(a: SortKey, b: SortKey): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  const left = String(a).toLowerCase();
  const right = String(b).toLowerCase();
  return left < right ? -1 : left > right ? 1 : 0;
}

/** One page of `items` under `{[name]: {page, pages, count, items}}`. */
export function listPage<T>(
  c: DocsContext,
  name: string,
  items: readonly T[],
  size = DOCS_PAGE_SIZE,
): Response {
  return docsPage(c, name, items, { size });
}
