/**
 * A body the pipeline can send. A `ReadableStream` (or an async iterable, turned into one on entry)
 * can be read once only: the pipeline tees it before each send that may need a replay.
 */
export type PipelineBody =
  | string
  | ArrayBuffer
  | ArrayBufferView
  | Blob
  | FormData
  | URLSearchParams
  | ReadableStream<Uint8Array>;

/**
 * A request as the pipeline's policies see it: described, not built. The transport turns it into
 * one `fetch(url, init)` call, so the pipeline costs no `Request` copies on the way down.
 *
 * A policy never changes the request it was given (retry sends the same one again, and policies
 * outside `auth` must never see credentials): it passes `next` a changed copy, e.g. from
 * {@link withHeader}. `headers` is a `Headers` object for reading; treat it as read-only.
 */
export interface PipelineRequest {
  /** The HTTP method, upper-case. */
  readonly method: string;
  /** The absolute URL. */
  readonly url: string;
  /** The headers to send; read-only by convention (see above). */
  readonly headers: Headers;
  /** The body, or `null`. A stream is single-use: see {@link replayable}. */
  readonly body: PipelineBody | null;
  /** Aborts the request and every wait in the pipeline, when the caller gave one. */
  readonly signal: AbortSignal | undefined;
  /**
   * The rest of the caller's `RequestInit` (`redirect`, undici's `dispatcher`, …), handed to the
   * transport as given.
   */
  readonly init: Readonly<Omit<RequestInit, "method" | "headers" | "body" | "signal">>;
}

/** Sends a {@link PipelineRequest}: the next policy, or finally the transport. */
export type RequestHandler = (request: PipelineRequest) => Promise<Response>;

/**
 * One step of the request pipeline (Azure-style): it may pass on a changed copy of the request,
 * call `next` zero or more times, and return or throw.
 *
 * @example
 * const logTiming: Policy = async (request, next) => {
 *   const started = Date.now();
 *   try { return await next(request); } finally { log(request.method, Date.now() - started); }
 * };
 */
export type Policy = (request: PipelineRequest, next: RequestHandler) => Promise<Response>;

/** The standard `fetch` signature, as produced by the pipeline and accepted as its transport. */
export type FetchFunction = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/**
 * Where the Mailbox client's bearer tokens come from. `@terapi/connection` implements it for stored,
 * refreshed OAuth connections; {@link staticTokenSource} wraps a fixed token.
 */
export interface TokenSource {
  /** Resolves a currently valid access token. Never logged or put into an error. */
  getToken(): Promise<string>;
  /**
   * Marks a token as rejected (the API answered 401), so the next `getToken()` fetches a fresh
   * one. Optional: a static token cannot be refreshed, and without `invalidate` a 401 is not
   * replayed.
   *
   * @param rejectedToken - The token Help Scout rejected, when known. A source that already moved
   *   on to a newer token may ignore the call, so 50 requests failing together cause one refresh.
   */
  invalidate?(rejectedToken?: string): void | Promise<void>;
}
