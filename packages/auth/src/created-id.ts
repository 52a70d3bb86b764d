/**
 * The id of a resource a create call made: the `Resource-ID` header (Mailbox), else the last path
 * segment of `Location` (Docs, and Mailbox where sent). `undefined` when the answer names neither.
 */
export function createdResourceId(response: Response): string | undefined {
  const header = response.headers.get("resource-id")?.trim();
  if (header) return header;
  const location = response.headers.get("location");
  if (!location) return undefined;
  const path = new URL(location, "http://placeholder.invalid").pathname.replace(/\/+$/, "");
  const last = path.slice(path.lastIndexOf("/") + 1);
  return last === "" ? undefined : decodeURIComponent(last);
}
