import type { FetchFunction, PipelineBody, PipelineRequest } from "./types.js";

const PREFIX = "@terapi/helpscout-auth:";
const NO_INIT: PipelineRequest["init"] = Object.freeze({});

/**
 * Where a {@link DeferredRequest} keeps its description; any object holding one under this key is
 * taken as described.
 */
export const DESCRIPTION: unique symbol = Symbol.for("@terapi/helpscout-auth.PipelineRequest");

/** An object that already holds its {@link PipelineRequest}, such as a `DeferredRequest`. */
export interface Described {
  readonly [DESCRIPTION]: PipelineRequest;
}

/**
 * Describes what `fetch(input, init)` would send, as the {@link PipelineRequest} the policies
 * work on. It follows `fetch`'s rules for combining a `Request` with `init` (a member of `init`
 * wins), and checks what `fetch` would refuse before any policy runs, so a mistake fails at once
 * instead of being retried as a network error.
 *
 * A `Request` that carries a body is read into memory: its body can then be sent again (after a
 * 429 or a refreshed token) and is sent with its length. To stream a large body, pass it in
 * `init.body` as a `ReadableStream`.
 *
 * @throws TypeError for a URL that is not absolute, a body on a GET or HEAD, or an invalid header.
 */
export async function describeRequest(
  input: RequestInfo | URL,
  init?: RequestInit,
): Promise<PipelineRequest> {
  return describeNow(input, init);
}

/**
 * {@link describeRequest} without the promise where none is needed: only a `Request`'s body is
 * read asynchronously (or, with `streamBody`, taken as the stream it is).
 *
 * @internal
 */
export function describeNow(
  input: RequestInfo | URL | Described,
  init?: RequestInit,
  streamBody = false,
): PipelineRequest | Promise<PipelineRequest> {
  if (typeof input === "object" && DESCRIPTION in input) {
    return init === undefined ? input[DESCRIPTION] : finish(input[DESCRIPTION], init);
  }
  if (!isRequest(input)) {
    const url = input instanceof URL ? input.href : String(input);
    return finish({ method: "GET", url, headers: undefined, body: null, signal: undefined }, init);
  }
  const parts: Parts = {
    method: input.method,
    url: input.url,
    headers: input.headers,
    body: null,
    signal: input.signal,
    // A Request's redirect mode is the one setting of it that changes what a server-side fetch does.
    ...(input.redirect !== "follow" ? { init: { redirect: input.redirect } } : {}),
  };
  if (input.body === null || init?.body !== undefined) return finish(parts, init);
  if (streamBody) return finish({ ...parts, body: input.body }, init);
  return input.arrayBuffer().then((body) => finish({ ...parts, body }, init));
}

/**
 * A `Request` by its members, not `instanceof`: a server library may have replaced the global
 * `Request` (`@hono/node-server` does), and one made before that is a `Request` all the same.
 */
function isRequest(input: RequestInfo | URL): input is Request {
  return typeof input === "object" && !(input instanceof URL) && typeof input.method === "string";
}

/** What a request is made of before `init` is applied and the whole is checked. */
interface Parts {
  method: string;
  url: string;
  headers: Headers | undefined;
  body: PipelineBody | null;
  signal: AbortSignal | undefined;
  init?: PipelineRequest["init"];
}

function finish(parts: Parts, init: RequestInit | undefined): PipelineRequest {
  if (!URL.canParse(parts.url)) {
    // The URL itself is left out: it may carry a credential in its query.
    throw new TypeError(`${PREFIX} the request URL is not an absolute URL; pass the full address.`);
  }
  const method = (init?.method ?? parts.method).toUpperCase();
  const headers =
    init?.headers !== undefined ? new Headers(init.headers) : (parts.headers ?? new Headers());
  const body = init?.body !== undefined ? bodyOf(init.body) : parts.body;
  if (body !== null && (method === "GET" || method === "HEAD")) {
    throw new TypeError(`${PREFIX} a ${method} request cannot have a body.`);
  }
  const signal = init?.signal !== undefined ? (init.signal ?? undefined) : parts.signal;
  return { method, url: parts.url, headers, body, signal, init: restOf(parts.init, init) };
}

/** A copy of `request` with one header set; the original and its headers are left as they were. */
export function withHeader(request: PipelineRequest, name: string, value: string): PipelineRequest {
  const headers = new Headers(request.headers);
  headers.set(name, value);
  return { ...request, headers };
}

/**
 * For a policy that may send `request` more than once: one request to send now, and one to keep
 * for the next send. Both are `request` itself unless its body is a stream, which is teed, since
 * sending reads it.
 */
export function replayable(
  request: PipelineRequest,
): [send: PipelineRequest, keep: PipelineRequest] {
  if (!(request.body instanceof ReadableStream)) return [request, request];
  const [now, later] = request.body.tee();
  return [
    { ...request, body: now },
    { ...request, body: later },
  ];
}

/** Sends `request` as one `fetch(url, init)` call on `transport`. */
export function sendRequest(transport: FetchFunction, request: PipelineRequest): Promise<Response> {
  return transport(request.url, fetchInit(request));
}

/** The `init` of the one `fetch(url, init)` call that sends `request`. @internal */
export function fetchInit(request: PipelineRequest): RequestInit {
  const init: RequestInit & { duplex?: "half" } = {
    ...request.init,
    method: request.method,
    headers: request.headers,
  };
  if (request.body !== null) {
    init.body = request.body as BodyInit;
    // Node's fetch needs to be told that a streamed body is sent while the answer may arrive.
    if (request.body instanceof ReadableStream) init.duplex = "half";
  }
  if (request.signal !== undefined) init.signal = request.signal;
  return init;
}

function bodyOf(body: BodyInit | null): PipelineBody | null {
  // An async iterable that is no stream (undici accepts one) becomes a stream, so it can be teed.
  if (body !== null && typeof body === "object" && !(body instanceof ReadableStream)) {
    if (Symbol.asyncIterator in body) {
      return (ReadableStream as unknown as StreamFrom).from(body as AsyncIterable<Uint8Array>);
    }
  }
  return body as PipelineBody | null;
}

/** `ReadableStream.from` (Node 20.6+), which the DOM typings lack. */
interface StreamFrom {
  from(iterable: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array>;
}

function restOf(
  base: PipelineRequest["init"] | undefined,
  init: RequestInit | undefined,
): PipelineRequest["init"] {
  if (init === undefined) return base ?? NO_INIT;
  const { method, headers, body, signal, duplex, ...others } = init as RequestInit & {
    duplex?: unknown;
  };
  return Object.keys(others).length > 0 ? { ...base, ...others } : (base ?? NO_INIT);
}
