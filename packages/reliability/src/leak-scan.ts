/** One secret found in a text, and in which form. */
export interface Leak {
  /** The name the secret was registered under, e.g. `appSecret`. */
  secret: string;
  /** `plain`, `url-encoded`, `form-encoded`, `base64` or `base64url`. */
  form: string;
}

/**
 * The base64 characters that depend only on `secret`'s bytes when it is encoded at byte offset
 * `offset` (0, 1 or 2) of a longer buffer: what any base64 text that contains the secret, however
 * aligned, must contain (e.g. `Basic base64(key:X)`).
 */
function base64Core(secret: Buffer, offset: number): string {
  const encoded = Buffer.concat([Buffer.alloc(offset), secret]).toString("base64");
  const last = offset + secret.length - 1;
  let core = "";
  for (let k = 0; k * 6 + 5 < (last + 1) * 8; k++) {
    const first = Math.floor((k * 6) / 8);
    const end = Math.floor((k * 6 + 5) / 8);
    if (first >= offset && end <= last) core += encoded[k] ?? "";
  }
  return core;
}

/** Every form of `value` worth looking for. Forms shorter than 12 characters are skipped. */
export function secretForms(value: string): Array<{ form: string; text: string }> {
  const bytes = Buffer.from(value, "utf8");
  const forms = [
    { form: "plain", text: value },
    { form: "url-encoded", text: encodeURIComponent(value) },
    { form: "form-encoded", text: new URLSearchParams({ v: value }).toString().slice(2) },
  ];
  for (const offset of [0, 1, 2]) {
    const core = base64Core(bytes, offset);
    forms.push({ form: "base64", text: core });
    forms.push({ form: "base64url", text: core.replaceAll("+", "-").replaceAll("/", "_") });
  }
  const seen = new Set<string>();
  return forms.filter(({ text }) => text.length >= 12 && !seen.has(text) && seen.add(text));
}

/**
 * Looks for every form of every secret in `text`. Returns one entry per secret and form found,
 * never the secret itself, so the result is safe to print.
 */
export function findLeaks(text: string, secrets: Readonly<Record<string, string>>): Leak[] {
  const leaks: Leak[] = [];
  for (const [secret, value] of Object.entries(secrets)) {
    const found = new Set<string>();
    for (const { form, text: needle } of secretForms(value)) {
      if (!found.has(form) && text.includes(needle)) found.add(form);
    }
    for (const form of found) leaks.push({ secret, form });
  }
  return leaks;
}
