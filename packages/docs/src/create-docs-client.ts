import {
  apiKeyPolicy,
  createHelpScoutFetch,
  type FetchFunction,
  type Policy,
} from "@terapi/helpscout-auth";
import createClient, { type Client, defaultBodySerializer } from "openapi-fetch";
import { formDataBody, hasFileField } from "./form-data-body.js";
import type { paths } from "./generated/docs-api.js";

/** Help Scout's Docs API host; paths carry the `/v1` prefix. */
export const DOCS_BASE_URL = "https://docsapi.helpscout.net";

/** A typed openapi-fetch client for every Docs API v1 endpoint. */
export type DocsClient = Client<paths>;

/** Options of {@link createDocsClient}. */
export interface DocsClientOptions {
  /** The Docs API key (Your Profile → Authentication → API Keys). Never logged. */
  apiKey: string;
  /** Another host, e.g. the local emulator. Defaults to {@link DOCS_BASE_URL}. */
  baseUrl?: string;
  /** The transport under the pipeline; `globalThis.fetch` unless given. */
  fetch?: FetchFunction;
  /** Resends failed attempts; see `@terapi/helpscout-auth`. */
  retry?: Policy;
  /** Waits for the account's rate budget (2000–4000 requests per 10 minutes). */
  throttle?: Policy;
  /** Your own pipeline policies (logging, tracing), run inside `retry`. */
  policies?: readonly Policy[];
}

/**
 * Creates a typed Docs API client over the Help Scout pipeline: Basic auth with the API key on
 * every attempt, and every failed answer thrown as a `HelpScoutError`.
 *
 * Multipart endpoints (`/v1/articles/upload`, `/v1/assets/*`) take a plain object whose `file` is
 * a `Blob`; it is sent as `multipart/form-data` with the API key filled in as the `key` field.
 *
 * @example
 * const docs = createDocsClient({ apiKey: process.env.HELPSCOUT_DOCS_API_KEY! });
 * const { data } = await docs.GET("/v1/sites");
 */
export function createDocsClient(options: DocsClientOptions): DocsClient {
  const fetch = createHelpScoutFetch({
    auth: apiKeyPolicy(options.apiKey),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.throttle ? { throttle: options.throttle } : {}),
    ...(options.policies ? { policies: options.policies } : {}),
  });
  return createClient<paths>({
    baseUrl: options.baseUrl ?? DOCS_BASE_URL,
    fetch,
    bodySerializer: (body: unknown) =>
      hasFileField(body)
        ? formDataBody({ key: options.apiKey, ...body })
        : defaultBodySerializer(body),
  });
}
