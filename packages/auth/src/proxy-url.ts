import { invalidProxyRequest } from "./proxy-request-error.js";

/** The two Help Scout APIs a proxied request can go to. */
export type ProxyApi = "docs" | "mailbox";

/** Where each API lives: the hosts the typed clients use too. */
export const PROXY_BASE_URLS: Readonly<Record<ProxyApi, string>> = {
  docs: "https://docsapi.helpscout.net",
  mailbox: "https://api.helpscout.net",
};

/**
 * The path prefixes of each API: Docs `/v1/`; Mailbox `/v2/`, and `/v3/` for the newer reads
 * Help Scout serves on the same host with the same token.
 */
export const PROXY_PATH_PREFIXES: Readonly<Record<ProxyApi, readonly string[]>> = {
  docs: ["/v1/"],
  mailbox: ["/v2/", "/v3/"],
};

/** One query parameter's value; `undefined` and `null` leave the parameter out. */
export type ProxyQueryValue = string | number | boolean | null | undefined;

/** Query parameters: an object (arrays repeat the parameter) or `URLSearchParams`. */
export type ProxyQuery =
  | URLSearchParams
  | Readonly<Record<string, ProxyQueryValue | readonly ProxyQueryValue[]>>;

/** A path's characters: RFC 3986 `pchar`s and `/` — no `?`, `#`, `\`, spaces or controls. */
const PATH_CHARACTERS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;

/**
 * The API a path belongs to by its prefix (`/v1/` Docs, `/v2/` and `/v3/` Mailbox), if any.
 */
export function apiOfPath(path: string): ProxyApi | undefined {
  for (const api of ["docs", "mailbox"] as const) {
    if (PROXY_PATH_PREFIXES[api].some((prefix) => path.startsWith(prefix))) return api;
  }
  return undefined;
}

/**
 * The URL a proxied request goes to: `path` under `baseUrl` (Help Scout's host for `api` unless
 * given), plus `query`. The path is checked first so the request can only reach that API on that
 * host: it must start with the API's prefix, and may not hold a scheme or host (`//evil.example`),
 * `?`/`#`, backslashes, empty segments, `.`/`..` segments or encoded slashes — in plain or
 * percent-encoded form.
 *
 * @throws HelpScoutError `invalid_request` for a path or base URL it refuses.
 */
export function proxyUrl(api: ProxyApi, path: unknown, query?: ProxyQuery, baseUrl?: string): URL {
  const prefixes = PROXY_PATH_PREFIXES[api];
  if (typeof path !== "string" || !prefixes.some((prefix) => path.startsWith(prefix))) {
    throw invalidProxyRequest(
      `the path must start with ${prefixes.map((p) => `"${p}"`).join(" or ")} for the ${api === "docs" ? "Docs" : "Mailbox"} API, got ${describe(path)}.`,
    );
  }
  checkPath(path);
  const base = baseOf(baseUrl ?? PROXY_BASE_URLS[api]);
  const url = new URL(`${base.origin}${base.pathname}${path}`);
  if (url.origin !== base.origin || url.pathname !== `${base.pathname}${path}`) {
    throw invalidProxyRequest(`the path ${describe(path)} does not stay on ${base.origin}.`);
  }
  appendQuery(url, query);
  return url;
}

function checkPath(path: string): void {
  if (!PATH_CHARACTERS.test(path)) {
    throw invalidProxyRequest(
      `the path ${describe(path)} holds characters a path may not (?, #, \\, spaces or controls); pass query parameters in \`query\`.`,
    );
  }
  for (const segment of path.split("/").slice(1, -1)) {
    if (segment === "")
      throw invalidProxyRequest(`the path ${describe(path)} has an empty segment.`);
  }
  for (const segment of path.split("/")) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      throw invalidProxyRequest(`the path ${describe(path)} has a malformed %-escape.`);
    }
    if (decoded === "." || decoded === ".." || /[/\\?#]/.test(decoded)) {
      throw invalidProxyRequest(
        `the path ${describe(path)} may not hold "." or ".." segments or encoded /, \\, ? or #.`,
      );
    }
  }
}

/** The base URL as origin + path without a trailing slash; http(s), no credentials or query. */
function baseOf(baseUrl: string): { origin: string; pathname: string } {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    throw invalidProxyRequest("baseUrl is not a URL.");
  }
  if (base.protocol !== "https:" && base.protocol !== "http:") {
    throw invalidProxyRequest(`baseUrl must be http(s), got ${base.protocol}`);
  }
  if (base.username || base.password || base.search || base.hash) {
    throw invalidProxyRequest("baseUrl may not hold credentials, a query or a fragment.");
  }
  return { origin: base.origin, pathname: base.pathname.replace(/\/+$/, "") };
}

function appendQuery(url: URL, query: ProxyQuery | undefined): void {
  if (query === undefined) return;
  if (query instanceof URLSearchParams) {
    for (const [name, value] of query) url.searchParams.append(name, value);
    return;
  }
  if (typeof query !== "object" || query === null) {
    throw invalidProxyRequest("query must be an object or URLSearchParams.");
  }
  for (const [name, value] of Object.entries(query)) {
    const values: readonly ProxyQueryValue[] = Array.isArray(value) ? value : [value];
    for (const item of values) {
      if (item === undefined || item === null) continue;
      if (!["string", "number", "boolean"].includes(typeof item)) {
        throw invalidProxyRequest(`query parameter "${name}" must be a string, number or boolean.`);
      }
      url.searchParams.append(name, String(item));
    }
  }
}

/** A short, quoted rendering of a rejected path (it is caller input, not a secret). */
function describe(value: unknown): string {
  if (typeof value !== "string") return typeof value;
  const shown = value.length > 120 ? `${value.slice(0, 120)}…` : value;
  return JSON.stringify(shown);
}
