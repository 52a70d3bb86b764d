import {
  accountKeyOf,
  apiKeyPolicy,
  type ClientPipelineOptions,
  type ConnectionRef,
  connectionTokenSource,
  createClientFetch,
  DeferredRequest,
  docsThrottle,
  jsonAnswerCheck,
  sharedBudgetStore,
} from "@terapi/helpscout-auth";
import createClient, { type Client, defaultBodySerializer } from "openapi-fetch";
import { formDataBody, hasFileField } from "./form-data-body.js";
import type { paths } from "./generated/docs-api.js";

/** Help Scout's Docs API host; paths carry the `/v1` prefix. */
export const DOCS_BASE_URL = "https://docsapi.helpscout.net";

/** A typed openapi-fetch client for every Docs API v1 endpoint. */
export type DocsClient = Client<paths>;

/** Where the API key comes from: given directly, or from a stored connection. */
export type DocsCredentials =
  | {
      /** The Docs API key (Your Profile → Authentication → API Keys). Never logged. */
      apiKey: string;
      connection?: never;
    }
  | {
      /** An API-key connection in a store, e.g. `{ terapi, providerConfigKey: "helpscout-docs", connectionId }`. */
      connection: ConnectionRef;
      apiKey?: never;
    };

/** Options of {@link createDocsClient}: credentials, host and pipeline. */
export type DocsClientOptions = DocsCredentials &
  ClientPipelineOptions & {
    /** Another host, e.g. the local emulator. Defaults to {@link DOCS_BASE_URL}. */
    baseUrl?: string;
  };

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
  const credential = credentialOf(options);
  const account = options.account ?? accountKeyOf("docs", credential);
  const auth = apiKeyPolicy(
    "connection" in credential ? connectionTokenSource(credential.connection) : credential.secret,
  );
  const fetch = createClientFetch(auth, options, () =>
    docsThrottle({ account, store: sharedBudgetStore }),
  );
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? DOCS_BASE_URL,
    fetch,
    // openapi-fetch's Request stays a description until the pipeline sends it.
    Request: DeferredRequest,
    bodySerializer: (body: unknown) =>
      hasFileField(body)
        ? formDataBody({ ...("secret" in credential ? { key: credential.secret } : {}), ...body })
        : defaultBodySerializer(body),
  });
  // A 2xx that is not JSON (a proxy's HTML page, a body cut short) is an invalid_response.
  client.use(jsonAnswerCheck("@terapi/helpscout-docs"));
  return client;
}

function credentialOf(
  options: DocsClientOptions,
): { secret: string } | { connection: ConnectionRef } {
  if (options.connection) return { connection: options.connection };
  if (typeof options.apiKey === "string") return { secret: options.apiKey };
  throw new TypeError(
    "@terapi/helpscout-docs: pass either `apiKey` or `connection` to createDocsClient.",
  );
}
