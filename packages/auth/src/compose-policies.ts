import type { FetchFunction, Policy, RequestHandler } from "./types.js";

/**
 * Composes policies around a transport. The first policy is the outermost: it sees the request
 * first and the response (or error) last.
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
  const send: RequestHandler = (request) => (transport ?? globalThis.fetch)(request);
  const handler = active.reduceRight<RequestHandler>(
    (next, policy) => (request) => policy(request, next),
    send,
  );
  return (input, init) =>
    handler(input instanceof Request && init === undefined ? input : new Request(input, init));
}
