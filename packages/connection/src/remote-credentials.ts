import {
  codeForStatus,
  type FetchFunction,
  HelpScoutError,
  type HelpScoutErrorCode,
  parseErrorBody,
  type RequestSummary,
  redactSecrets,
  redactUrl,
} from "@terapi/helpscout-auth";
import { PREFIX } from "./terapi-error.js";

/** A token and when it stops working (Unix ms; `undefined`: until invalidated). @internal */
export interface TimedToken {
  /** An access token or API key. */
  token: string;
  /** Unix milliseconds, or `undefined` when the server gave no expiry. */
  expiresAt: number | undefined;
}

/** Where a remote connection lives. @internal */
export interface RemoteConnection {
  /** The server, e.g. `https://api.nango.dev`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer`; scrubbed from every error. */
  secretKey: string;
  /** Sent as `provider_config_key`. */
  providerConfigKey: string;
  /** The path segment after `/connection/`. */
  connectionId: string;
  /** Transport; `globalThis.fetch` unless given. */
  fetch?: FetchFunction | undefined;
}

type Json = Record<string, unknown>;

/**
 * Asks a terapi/Nango-compatible server for a connection's credentials:
 * `GET {baseUrl}/connection/{connectionId}?provider_config_key=…[&force_refresh=true]` with
 * `Authorization: Bearer <secretKey>`. Reads `credentials` in snake_case or camelCase.
 *
 * @see https://docs.nango.dev/reference/api/connection/get
 * @internal
 */
export async function fetchRemoteCredentials(
  remote: RemoteConnection,
  forceRefresh: boolean,
): Promise<TimedToken> {
  const url = new URL(
    `${remote.baseUrl.replace(/\/+$/, "")}/connection/${encodeURIComponent(remote.connectionId)}`,
  );
  url.searchParams.set("provider_config_key", remote.providerConfigKey);
  if (forceRefresh) url.searchParams.set("force_refresh", "true");
  const secrets = [remote.secretKey];
  const summary: RequestSummary = { method: "GET", url: redactUrl(url.toString()) };
  const fail = (code: HelpScoutErrorCode, text: string, status?: number) =>
    new HelpScoutError({
      code,
      ...(status === undefined ? {} : { status }),
      message: redactSecrets(`${PREFIX} GET ${summary.url} ${text}`, secrets),
      request: summary,
    });
  let response: Response;
  try {
    response = await (remote.fetch ?? globalThis.fetch)(url, {
      headers: { accept: "application/json", authorization: `Bearer ${remote.secretKey}` },
    });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw fail("network_error", `got no response (${reason}). Check baseUrl and connectivity.`);
  }
  const text = await response.text().catch(() => "");
  if (!response.ok) {
    const said = parseErrorBody(text, response.headers.get("content-type")).message ?? nested(text);
    const code = response.status === 404 ? "connection_not_found" : codeForStatus(response.status);
    throw fail(code, `answered ${response.status}${said ? ` (${said})` : ""}.`, response.status);
  }
  const credentials = object(object(parse(text)).credentials);
  const token =
    credentials.type === "API_KEY"
      ? (credentials.api_key ?? credentials.apiKey)
      : (credentials.access_token ?? credentials.accessToken);
  if (typeof token !== "string" || token === "") {
    throw fail("invalid_response", "answered without an access token or API key.", response.status);
  }
  return { token, expiresAt: instant(credentials.expires_at ?? credentials.expiresAt) };
}

/** ISO 8601 text, or a number of seconds (below 10^12) or milliseconds since the epoch. */
function instant(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) {
    return value < 1e12 ? value * 1000 : value;
  }
  if (typeof value !== "string") return undefined;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** Nango's error body: `{ error: { code, message } }`. */
function nested(text: string): string | undefined {
  const message = object(object(parse(text)).error).message;
  return typeof message === "string" ? message : undefined;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function object(value: unknown): Json {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Json)
    : {};
}
