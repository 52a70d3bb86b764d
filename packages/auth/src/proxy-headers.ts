/**
 * Headers that describe one connection, not the message, and so never travel through a proxy
 * (RFC 9110 §7.6.1): `Connection`, `Keep-Alive`, `Proxy-*`, `TE`, `Trailer`, `Transfer-Encoding`
 * and `Upgrade`. Any other header named in a `Connection` header is dropped too.
 */
export const HOP_BY_HOP_HEADERS: ReadonlySet<string> = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

/**
 * A copy of `headers` fit to forward: hop-by-hop headers ({@link HOP_BY_HOP_HEADERS}, any
 * `Proxy-*`, and those the `Connection` header names) removed, and so is every name in `drop`.
 *
 * @param headers - The incoming headers, in any form `new Headers()` takes.
 * @param drop - More names to remove, e.g. `["authorization", "host"]` (any case).
 * @returns New headers; the input is not changed.
 * @throws TypeError when `headers` holds an invalid name or value.
 * @example
 * const upstream = endToEndHeaders(request.headers, ["authorization", "connection-id"]);
 */
export function endToEndHeaders(
  headers: HeadersInit | undefined,
  drop: Iterable<string> = [],
): Headers {
  const out = new Headers(headers);
  const named = (out.get("connection") ?? "")
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const remove = new Set([...named, ...[...drop].map((name) => name.toLowerCase())]);
  for (const name of [...out.keys()]) {
    if (HOP_BY_HOP_HEADERS.has(name) || name.startsWith("proxy-") || remove.has(name)) {
      out.delete(name);
    }
  }
  return out;
}
