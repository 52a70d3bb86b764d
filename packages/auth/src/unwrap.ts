/** The result shape of an openapi-fetch call. */
export interface ClientResult<Data> {
  data?: Data;
  error?: unknown;
  response: Response;
}

/**
 * Awaits an openapi-fetch call and returns its body, typed as present. The pipeline already throws
 * a `HelpScoutError` for every failed answer, so this only removes the `undefined` from the type.
 * An empty body (204, or a write without `reload=true`) resolves to `undefined` at run time only
 * where the spec says the body may be absent.
 *
 * @example
 * const { article } = await unwrap(docs.GET("/v1/articles/{articleId}", { params: { path: { articleId } } }));
 */
export async function unwrap<Data>(call: Promise<ClientResult<Data>>): Promise<Data> {
  const { data, error } = await call;
  if (error !== undefined) throw error;
  return data as Data;
}
