/** The kinds of broken answers the suite serves in place of a real one. */
export type Malformation =
  | "truncated JSON"
  | "wrong types: list is a string"
  | "wrong types: items are not objects"
  | "HTML error page, 502"
  | "HTML page, 200"
  | "empty body, 200"
  | "wrong content-type"
  | "HAL page missing _embedded";

/** Every {@link Malformation}, in a stable order. */
export const MALFORMATIONS: readonly Malformation[] = [
  "truncated JSON",
  "wrong types: list is a string",
  "wrong types: items are not objects",
  "HTML error page, 502",
  "HTML page, 200",
  "empty body, 200",
  "wrong content-type",
  "HAL page missing _embedded",
];

/** A broken answer: status, headers and body. */
export interface BrokenAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const HTML_PAGE = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>
<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>`;

type Json = unknown;

const isRecord = (value: Json): value is Record<string, Json> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The body with values of the wrong type where a client reads them: a list (HAL `_embedded`
 * array, Docs envelope `items`) becomes a string or a list of non-objects; an entity under its
 * key (`{article: {...}}`) becomes a string or `null`.
 */
function wrongTypes(text: string, items: boolean): string {
  const body = JSON.parse(text) as Json;
  if (!isRecord(body)) return JSON.stringify(items ? [null] : "not a list");
  const retype = (list: Json[]) =>
    items ? ["not an object", 42, null, true].slice(0, Math.max(1, list.length)) : "not a list";
  const embedded = body._embedded;
  if (isRecord(embedded)) {
    const key = Object.keys(embedded).find((k) => Array.isArray(embedded[k]));
    if (key !== undefined) embedded[key] = retype(embedded[key] as Json[]);
    return JSON.stringify(body);
  }
  const envelope = Object.values(body).find(
    (value) => isRecord(value) && Array.isArray(value.items),
  );
  if (isRecord(envelope)) {
    envelope.items = retype(envelope.items as Json[]);
    return JSON.stringify(body);
  }
  const key = Object.keys(body).find((k) => isRecord(body[k]));
  if (key !== undefined) body[key] = items ? null : "not an object";
  return JSON.stringify(body);
}

/**
 * What a broken network or server makes of a real answer (`status` 200, `text` its JSON body):
 * cut short, retyped, replaced by a proxy's HTML page, emptied, mislabelled, or stripped of its
 * HAL `_embedded` while its page metadata still promises items.
 */
export function malformedAnswer(
  kind: Malformation,
  text: string,
  contentType: string,
): BrokenAnswer {
  const json = { "content-type": contentType };
  switch (kind) {
    case "truncated JSON":
      return { status: 200, headers: json, body: text.slice(0, Math.floor(text.length / 2)) };
    case "wrong types: list is a string":
      return { status: 200, headers: json, body: wrongTypes(text, false) };
    case "wrong types: items are not objects":
      return { status: 200, headers: json, body: wrongTypes(text, true) };
    case "HTML error page, 502":
      return { status: 502, headers: { "content-type": "text/html" }, body: HTML_PAGE };
    case "HTML page, 200":
      return {
        status: 200,
        headers: { "content-type": "text/html; charset=utf-8" },
        body: HTML_PAGE,
      };
    case "empty body, 200":
      return { status: 200, headers: { ...json, "content-length": "0" }, body: "" };
    case "wrong content-type":
      return { status: 200, headers: { "content-type": "text/plain" }, body: text };
    case "HAL page missing _embedded": {
      const { _embedded: _, ...rest } = JSON.parse(text) as Record<string, Json>;
      return { status: 200, headers: json, body: JSON.stringify(rest) };
    }
  }
}
