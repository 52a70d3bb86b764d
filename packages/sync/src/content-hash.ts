import { createHash } from "node:crypto";

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * `value` as JSON with every object's keys sorted, so equal values give equal text whatever
 * order their keys came in. Otherwise as `JSON.stringify` (`toJSON` applied, `undefined`
 * properties left out); `undefined` itself gives `null`.
 */
export function canonicalJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, item: unknown) =>
    isObject(item)
      ? // fromEntries defines own properties, so even a "__proto__" key stays a plain key.
        Object.fromEntries(
          Object.keys(item)
            .sort()
            .map((key) => [key, item[key]]),
        )
      : item,
  ) as string | undefined;
  return text ?? "null";
}

/** sha256 (lowercase hex) of a record payload's {@link canonicalJson}: its content hash. */
export function contentHash(payload: unknown): string {
  return sha256(canonicalJson(payload));
}

/** sha256 (lowercase hex) of `text` as UTF-8. */
export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
