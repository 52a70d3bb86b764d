import type { Context } from "hono";
import type { D, M } from "./types.js";

const HAL = "application/hal+json";

/** A Mailbox vnd.error answer (`logRef`, `message`, `_embedded.errors`). */
export function vndError(
  c: Context,
  status: 400 | 401 | 403 | 404 | 405 | 409 | 412 | 413 | 429 | 500 | 502 | 503,
  message: string,
  errors: M["VndFieldError"][] = [],
): Response {
  const body: M["VndError"] = {
    logRef: `${Math.random().toString(16).slice(2, 10)}#${status}`,
    message,
    ...(errors.length ? { _embedded: { errors } } : {}),
  };
  return c.body(JSON.stringify(body), status, { "content-type": "application/vnd.error+json" });
}

/** A Docs API error answer (`{status, message}`, the legacy v1 shape). */
export function docsError(
  c: Context,
  status: 400 | 401 | 402 | 403 | 404 | 405 | 422 | 429 | 500 | 502 | 503,
  message: string,
): Response {
  const body: D["DocsError"] = { status, message };
  return c.json(body, status);
}

/** An entity as `application/hal+json`. */
export function hal(c: Context, body: unknown, status: 200 = 200): Response {
  return c.body(JSON.stringify(body), status, { "content-type": HAL });
}

/**
 * A paged HAL list of `items` under `_embedded[name]`, with `page` metadata and `_links` that keep
 * the request's query parameters (as Help Scout does since 2018). `page` is 1-based.
 */
export function halList<T>(
  c: Context,
  name: string,
  items: readonly T[],
  options: { size?: number; page?: number } = {},
): Response {
  const size = options.size ?? 50;
  const page = Math.max(1, options.page ?? Number(c.req.query("page") ?? 1));
  const totalPages = Math.ceil(items.length / size);
  const slice = items.slice((page - 1) * size, page * size);
  const link = (n: number) => {
    const url = new URL(c.req.url);
    url.searchParams.set("page", String(n));
    return { href: url.toString() };
  };
  const self = new URL(c.req.url);
  const links: M["HalListLinks"] = {
    self: { href: self.toString() },
    first: link(1),
    ...(totalPages > 0 ? { last: link(totalPages) } : {}),
    ...(page < totalPages ? { next: link(page + 1) } : {}),
    ...(page > 1 ? { previous: link(page - 1) } : {}),
    page: { href: `${self.origin}${self.pathname}{?page}`, templated: true },
  };
  return hal(c, {
    ...(slice.length ? { _embedded: { [name]: slice } } : {}),
    _links: links,
    page: { size, totalElements: items.length, totalPages, number: page },
  });
}

/** A Docs list: `{[name]: {page, pages, count, items}}`. */
export function docsPage<T>(
  c: Context,
  name: string,
  items: readonly T[],
  options: { size?: number } = {},
): Response {
  const size = options.size ?? 50;
  const page = Math.max(1, Number(c.req.query("page") ?? 1));
  const pages = Math.ceil(items.length / size);
  return c.json({
    [name]: {
      page,
      pages,
      count: items.length,
      items: items.slice((page - 1) * size, page * size),
    },
  });
}

/** `201 Created` with `Resource-ID` and `Location`, no body (Mailbox creates). */
export function created(c: Context, id: number | string, path: string): Response {
  const url = new URL(c.req.url);
  return c.body(null, 201, { "resource-id": String(id), location: `${url.origin}${path}` });
}

/** `204 No Content`. */
export function noContent(c: Context): Response {
  return c.body(null, 204);
}
