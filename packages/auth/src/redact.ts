/** What replaces a secret wherever one would otherwise be shown. */
export const REDACTED = "[REDACTED]";

/** Names ending in these carry credentials: `key`, `apiKey`, `access_token`, `webhookSecret`… */
const SENSITIVE_SUFFIX = /(key|token|secret|password|signature|credentials?)$/i;
/** Whole names that carry credentials although their ending is harmless elsewhere (`postalCode`). */
const SENSITIVE_WHOLE = /^[/]?(code|authorization|auth)$/i;

/**
 * True for a query-parameter or field name (or a field path such as `/secret`) that carries a
 * credential. Errs on the side of hiding: a harmless `monkey` is redacted too.
 */
export function isSensitiveName(name: string): boolean {
  return SENSITIVE_SUFFIX.test(name) || SENSITIVE_WHOLE.test(name);
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
export function secretsOf(request: { readonly headers: Headers }): string[] {
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
