import { describeNow, sendRequest } from "./pipeline-request.js";
import type { FetchFunction, Policy, RequestHandler } from "./types.js";

/**
 * Composes policies around a transport. The first policy is the outermost: it sees the request
 * first and the response (or error) last.
 *
 * The policies work on a {@link PipelineRequest} described once from the call's arguments, and the
 * transport is called once per send as `transport(url, init)`: no `Request` is built on the way
 * down, which is most of what a pipeline of `Request` copies would cost.
 *
 * @param policies - Outermost first; `undefined` entries are skipped so optional stages
 *   (throttle, retry) can be passed conditionally.
 * @param transport - The final network call, `globalThis.fetch` unless given.
 * @returns A standard `fetch` function that runs every request through the policies.
 */
export function composePolicies(
  policies: ReadonlyArray<Policy | undefined>,
  transport?: FetchFunction,
): FetchFunction {
  const active = policies.filter((policy): policy is Policy => policy !== undefined);
  // Looked up per call, not captured, so a fetch patched later (msw, instrumentation) is used.
  const send: RequestHandler = (request) => sendRequest(transport ?? globalThis.fetch, request);
  const handler = active.reduceRight<RequestHandler>(
    (next, policy) => (request) => policy(request, next),
    send,
  );
  // No async layer of its own on the way down; anything thrown becomes a rejection, as from fetch.
  return (input, init) => {
    try {
      const request = describeNow(input, init);
      return request instanceof Promise ? request.then(handler) : handler(request);
    } catch (error) {
      return Promise.reject(error);
    }
  };
}
