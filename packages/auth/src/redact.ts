/** What replaces a secret wherever one would otherwise be shown. */
export const REDACTED = "[REDACTED]";

/** Query parameters and field names whose values are credentials. */
const SENSITIVE_NAME =
  /(^|[^a-z0-9])(key|apikey|api_key|token|access_token|refresh_token|secret|client_secret|password|code|signature)$/i;

/** True for a query-parameter or field name that carries a credential. */
export function isSensitiveName(name: string): boolean {
  return SENSITIVE_NAME.test(name);
}

/**
 * A URL fit for errors and logs: user info removed and credential-bearing query parameters
 * (`access_token`, `client_secret`, `key`, `code`, …) replaced by `[REDACTED]`.
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return REDACTED;
  }
  parsed.username = "";
  parsed.password = "";
  for (const name of [...parsed.searchParams.keys()]) {
    if (isSensitiveName(name)) parsed.searchParams.set(name, REDACTED);
  }
  return parsed.toString().replaceAll(encodeURIComponent(REDACTED), REDACTED);
}

/** Replaces every occurrence of each secret (and its base64 form) in `text`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    out = out.split(secret).join(REDACTED);
  }
  return out;
}

/**
 * The credentials a request carries in its `Authorization` header: the bearer token, or the Basic
 * user name (the Docs API key), password and encoded pair. Used to scrub them from error text.
 */
export function secretsOf(request: Request): string[] {
  const header = request.headers.get("authorization");
  if (!header) return [];
  const [scheme, value = ""] = header.split(" ", 2);
  if (scheme?.toLowerCase() === "basic") {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const separator = decoded.indexOf(":");
    const user = separator === -1 ? decoded : decoded.slice(0, separator);
    return [value, user, decoded].filter((s) => s.length > 0);
  }
  return value ? [value] : [];
}
