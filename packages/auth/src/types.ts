/**
 * A `fetch` that takes a fully built `Request`. Every policy and the pipeline's final transport have
 * this shape, so a policy can wrap any of them.
 */
export type RequestHandler = (request: Request) => Promise<Response>;

/**
 * One step of the request pipeline (Azure-style): it may change the request, call `next` zero or
 * more times, and return or throw.
 *
 * @example
 * const logTiming: Policy = async (request, next) => {
 *   const started = Date.now();
 *   try { return await next(request); } finally { log(request.method, Date.now() - started); }
 * };
 */
export type Policy = (request: Request, next: RequestHandler) => Promise<Response>;

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
