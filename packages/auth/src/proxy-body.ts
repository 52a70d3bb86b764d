import { invalidProxyRequest } from "./proxy-request-error.js";

/**
 * A proxied request's body. Sent as is: a string, `Uint8Array`/`ArrayBuffer`, `Blob`, `FormData`
 * (multipart, `fetch` sets the boundary), `URLSearchParams` or a `ReadableStream` of bytes (sent
 * as it is read). Any other value — an object, array, number, boolean or `null` — is sent as
 * JSON with `Content-Type: application/json`.
 */
export type ProxyBody = string | number | boolean | null | object;

/** What {@link proxyBody} made of a body: what `fetch` sends, and a content type to default to. */
export interface ProxyBodyInit {
  body: BodyInit | undefined;
  /** `application/json` for a JSON value; otherwise left to `fetch` or the caller's header. */
  contentType: string | undefined;
}

/**
 * Turns a {@link ProxyBody} into what `fetch` sends.
 *
 * @throws HelpScoutError `invalid_request` for a body on GET or HEAD, or a value JSON cannot hold.
 */
export function proxyBody(body: ProxyBody | undefined, method: string): ProxyBodyInit {
  if (body === undefined) return { body: undefined, contentType: undefined };
  if (method === "GET" || method === "HEAD") {
    throw invalidProxyRequest(`a ${method} request cannot have a body.`);
  }
  if (body instanceof ReadableStream) return { body, contentType: undefined };
  if (
    typeof body === "string" ||
    body instanceof Uint8Array ||
    body instanceof ArrayBuffer ||
    body instanceof Blob ||
    body instanceof FormData ||
    body instanceof URLSearchParams
  ) {
    return { body: body as BodyInit, contentType: undefined };
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(body);
  } catch (cause) {
    throw invalidProxyRequest("the body cannot be sent as JSON (a cycle or a BigInt?).", cause);
  }
  if (json === undefined) throw invalidProxyRequest(`a ${typeof body} cannot be sent as JSON.`);
  return { body: json, contentType: "application/json" };
}
