/**
 * A Help Scout time as ISO 8601 with milliseconds, or `null`. Accepts ISO strings and numbers
 * (the Docs API's timestamps may be epoch numbers: seconds, or milliseconds when that large).
 */
export function isoTime(value: unknown): string | null {
  let ms: number;
  if (typeof value === "number" && Number.isFinite(value)) {
    ms = value > 1e11 ? value : value * 1000;
  } else if (typeof value === "string" && value !== "") {
    ms = Date.parse(value);
  } else {
    return null;
  }
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The first of `keys` of `payload` that holds a time, as {@link isoTime}. */
export function stampOf(payload: unknown, keys: readonly string[]): string | null {
  if (typeof payload !== "object" || payload === null) return null;
  const record = payload as Record<string, unknown>;
  for (const key of keys) {
    const time = isoTime(record[key]);
    if (time !== null) return time;
  }
  return null;
}

/** The later of two ISO times (`null` is earlier than any time). */
export function laterOf(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/**
 * A time as Help Scout's query parameters take it: ISO 8601 UTC to the second (`…T12:00:00Z`),
 * rounded down, `offsetMs` added first.
 */
export function helpScoutTime(iso: string, offsetMs = 0): string {
  const ms = Math.floor((Date.parse(iso) + offsetMs) / 1000) * 1000;
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
