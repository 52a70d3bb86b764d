import { DESCRIPTION, describeNow, fetchInit } from "./pipeline-request.js";
import type { PipelineRequest } from "./types.js";

/**
 * The `Request` class the typed clients hand openapi-fetch (its `Request` option). It holds the
 * call as the {@link PipelineRequest} the pipeline sends, and builds a real `Request` only when
 * something asks for more than that: a middleware reading the body, cloning it, or asking for its
 * `mode`. A typed call therefore costs one `Request` (inside `fetch`) instead of three, and an
 * abort signal is followed only when the caller gave one.
 *
 * To middleware it is a `Request`: `headers` is the very object that will be sent (so
 * `request.headers.set()` in `onRequest` works), `instanceof Request` holds for it, and
 * `instanceof DeferredRequest` also holds for a real `Request` a middleware returns instead (as
 * openapi-fetch checks).
 *
 * @internal Shared by `@terapi/helpscout-docs` and `@terapi/helpscout-mailbox`.
 */
// The interface declares for the type checker what the static block defines: every member of
// Request.prototype that the class itself does not.
export interface DeferredRequest extends Request {}
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the static block defines every member.
export class DeferredRequest {
  readonly [DESCRIPTION]: PipelineRequest;
  #built: Request | undefined;

  constructor(input: RequestInfo | URL, init?: RequestInit) {
    // A Request given as input (not what openapi-fetch does) lends its body as the stream it is.
    this[DESCRIPTION] = describeNow(input, init, true) as PipelineRequest;
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return (
      value instanceof globalThis.Request ||
      (typeof value === "object" && value !== null && DESCRIPTION in value)
    );
  }

  get method(): string {
    return this[DESCRIPTION].method;
  }
  get url(): string {
    return this[DESCRIPTION].url;
  }
  get headers(): Headers {
    return this[DESCRIPTION].headers;
  }
  get signal(): AbortSignal {
    return this[DESCRIPTION].signal ?? this.#real().signal;
  }

  static {
    // `instanceof Request` holds for it. Every other member of Request.prototype is defined here
    // to ask a real Request, built on first need: none falls through to Request.prototype, whose
    // getters refuse an object they did not build.
    const proto = globalThis.Request.prototype;
    const own = DeferredRequest.prototype;
    Object.setPrototypeOf(own, proto);
    const real = (request: DeferredRequest) =>
      request.#real() as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const [name, member] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
      if (Object.hasOwn(own, name)) continue;
      Object.defineProperty(
        own,
        name,
        member.get
          ? {
              get(this: DeferredRequest) {
                return real(this)[name];
              },
            }
          : {
              value(this: DeferredRequest, ...args: unknown[]) {
                return real(this)[name]?.(...args);
              },
            },
      );
    }
  }

  /** The real `Request`, built on first need from the description. */
  #real(): Request {
    this.#built ??= new globalThis.Request(this[DESCRIPTION].url, fetchInit(this[DESCRIPTION]));
    return this.#built;
  }
}
