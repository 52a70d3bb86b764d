/** True when `body` is a plain object with at least one `Blob` value (a file to upload). */
export function hasFileField(body: unknown): body is Record<string, unknown> {
  return (
    typeof body === "object" &&
    body !== null &&
    !(body instanceof FormData) &&
    Object.values(body).some((value) => value instanceof Blob)
  );
}

/**
 * Serialises a plain object as `multipart/form-data`: `Blob`s as files (named after the `File`, or
 * `upload`), booleans and numbers as text, arrays as repeated fields; `undefined` and `null` are
 * left out. `fetch` sets the `Content-Type` with its boundary.
 */
export function formDataBody(body: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(body)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) continue;
      if (item instanceof Blob) {
        form.append(name, item, item instanceof File ? item.name : "upload");
      } else {
        form.append(name, String(item));
      }
    }
  }
  return form;
}
