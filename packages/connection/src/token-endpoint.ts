import {
  codeForStatus,
  type FetchFunction,
  HelpScoutError,
  type HelpScoutErrorCode,
  type RequestSummary,
  redactSecrets,
  redactUrl,
} from "@terapi/helpscout-auth";
import { PREFIX } from "./terapi-error.js";

/** A hung token endpoint would hold the refresh lock (and every caller) forever, so give up. */
const TOKEN_REQUEST_TIMEOUT_MS = 30_000;
/** RFC 6749 makes `expires_in` optional; with no provider default either, assume one hour. */
const DEFAULT_LIFETIME_SECONDS = 3600;
/** Request parameters whose values are credentials, scrubbed from every error. */
const SECRET_PARAMS = ["client_secret", "code", "refresh_token", "code_verifier"];

/** One POST to an OAuth 2.0 token endpoint. @internal */
export interface TokenRequest {
  /** The provider's token endpoint. */
  tokenUrl: string;
  /** `form` (`application/x-www-form-urlencoded`) or `json`. */
  encoding: "form" | "json";
  /** `grant_type` and the grant's parameters (`code`, `refresh_token`, `client_id`, …). */
  params: Record<string, string>;
  /** Transport; a plain `fetch`, never the bearer-auth pipeline. Defaults to `globalThis.fetch`. */
  fetch?: FetchFunction | undefined;
  /** Unix milliseconds the expiry is counted from. */
  now: number;
  /** Used when the answer has no `expires_in`. */
  lifetimeSeconds?: number | undefined;
}

/** What a token endpoint issued. @internal */
export interface IssuedToken {
  /** The bearer token. Never logged. */
  accessToken: string;
  /** Present when the endpoint issued (or rotated) one. */
  refreshToken?: string;
  /** ISO 8601. */
  expiresAt: string;
}

type Json = Record<string, unknown>;

/**
 * Sends one token request and reads `{access_token, refresh_token?, expires_in, token_type}`.
 * Every failure is a {@link HelpScoutError} carrying the OAuth `error`/`error_description`, with
 * the client secret, code and tokens scrubbed. `invalid_grant` on a refresh becomes
 * `needs_reauthorization`: the refresh token is dead and only the user can fix it.
 *
 * @see https://developer.helpscout.com/mailbox-api/overview/authentication/
 * @internal
 */
export async function requestToken(request: TokenRequest): Promise<IssuedToken> {
  const secrets = SECRET_PARAMS.flatMap((name) => request.params[name] ?? []);
  const summary: RequestSummary = { method: "POST", url: redactUrl(request.tokenUrl) };
  const form = request.encoding === "form";
  let response: Response;
  try {
    // Looked up per call, not captured, so a fetch patched later (msw, instrumentation) is used.
    response = await (request.fetch ?? globalThis.fetch)(request.tokenUrl, {
      method: "POST",
      headers: {
        accept: "application/json",
        "content-type": form ? "application/x-www-form-urlencoded" : "application/json",
      },
      body: form ? new URLSearchParams(request.params).toString() : JSON.stringify(request.params),
      signal: AbortSignal.timeout(TOKEN_REQUEST_TIMEOUT_MS),
    });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const message = `${PREFIX} POST ${summary.url} got no response (${reason}). Check connectivity.`;
    throw new HelpScoutError({
      code: "network_error",
      message: redactSecrets(message, secrets),
      request: summary,
    });
  }
  const body = parseJson(await response.text().catch(() => ""));
  for (const name of ["access_token", "refresh_token"]) {
    if (typeof body[name] === "string") secrets.push(body[name]);
  }
  const fail = (code: HelpScoutErrorCode, text: string) =>
    new HelpScoutError({
      code,
      status: response.status,
      message: redactSecrets(`${PREFIX} POST ${summary.url} ${text}`, secrets),
      request: summary,
    });
  if (!response.ok) {
    const grant = request.params.grant_type ?? "";
    const { code, hint } = refusal(response.status, body.error, grant);
    const said = [body.error, body.error_description ?? body.message].filter(isText).join(": ");
    throw fail(code, `answered ${response.status}${said ? ` (${said})` : ""}. ${hint}`);
  }
  if (!isText(body.access_token)) {
    throw fail("invalid_response", "answered without an access_token.");
  }
  const seconds = lifetime(body.expires_in) ?? request.lifetimeSeconds ?? DEFAULT_LIFETIME_SECONDS;
  return {
    accessToken: body.access_token,
    ...(isText(body.refresh_token) ? { refreshToken: body.refresh_token } : {}),
    expiresAt: new Date(request.now + seconds * 1000).toISOString(),
  };
}

function refusal(
  status: number,
  error: unknown,
  grant: string,
): { code: HelpScoutErrorCode; hint: string } {
  const rejected = (status === 400 || status === 401) && error === "invalid_grant";
  if (rejected && grant === "refresh_token") {
    return {
      code: "needs_reauthorization",
      hint: "The refresh token is no longer valid: send the user through the authorization URL again.",
    };
  }
  if (rejected && grant === "authorization_code") {
    return {
      code: codeForStatus(status),
      hint: "The code is used or expired: start the flow again.",
    };
  }
  if (error === "invalid_client" || status === 401) {
    return {
      code: codeForStatus(status),
      hint: "Check the integration's clientId and clientSecret.",
    };
  }
  return { code: codeForStatus(status), hint: "The token endpoint refused the request." };
}

function parseJson(text: string): Json {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Json)
      : {};
  } catch {
    return {};
  }
}

function lifetime(value: unknown): number | undefined {
  const seconds = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof seconds === "number" && Number.isFinite(seconds) && seconds > 0
    ? seconds
    : undefined;
}

const isText = (value: unknown): value is string => typeof value === "string" && value !== "";
