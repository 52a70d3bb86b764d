import type { FieldError } from "./errors.js";
import { isSensitiveName, REDACTED } from "./redact.js";

/** What an error body says, whichever API sent it. */
export interface ParsedErrorBody {
  message?: string;
  logRef?: string;
  fieldErrors: FieldError[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const text = (value: unknown): string | undefined =>
  typeof value === "string" && value.trim() !== "" ? value : undefined;

/**
 * Reads Help Scout's error bodies: the Mailbox vnd.error shape (`logRef`, `message`,
 * `_embedded.errors[]`) and the Docs API's looser `{status, message, error, errors}`. Anything else
 * (an HTML page from a proxy, truncated JSON) yields no message rather than failing.
 */
export function parseErrorBody(body: string, contentType: string | null): ParsedErrorBody {
  if (body.trim() === "") return { fieldErrors: [] };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    const kind = contentType?.split(";")[0]?.trim() || "unknown content type";
    return { message: `non-JSON error body (${kind})`, fieldErrors: [] };
  }
  if (!isObject(json)) return { fieldErrors: [] };
  const embedded = isObject(json._embedded) ? json._embedded.errors : undefined;
  const message = text(json.message) ?? text(json.error) ?? text(json.error_description);
  const result: ParsedErrorBody = {
    fieldErrors: [...vndFieldErrors(embedded), ...docsFieldErrors(json.errors)],
  };
  if (message !== undefined) result.message = message;
  const logRef = text(json.logRef);
  if (logRef !== undefined) result.logRef = logRef;
  return result;
}

function vndFieldErrors(errors: unknown): FieldError[] {
  if (!Array.isArray(errors)) return [];
  return errors.filter(isObject).map((entry) => {
    const path = text(entry.path);
    const field: { -readonly [K in keyof FieldError]: FieldError[K] } = {
      message: text(entry.message) ?? "invalid value",
    };
    if (path !== undefined) field.path = path;
    if ("rejectedValue" in entry) {
      field.rejectedValue =
        path !== undefined && isSensitiveName(path) ? REDACTED : entry.rejectedValue;
    }
    const source = text(entry.source);
    if (source !== undefined) field.source = source;
    return field;
  });
}

function docsFieldErrors(errors: unknown): FieldError[] {
  if (Array.isArray(errors)) {
    return errors.flatMap((entry) => {
      const message = text(entry) ?? (isObject(entry) ? text(entry.message) : undefined);
      return message === undefined ? [] : [{ message }];
    });
  }
  if (isObject(errors)) {
    return Object.entries(errors).map(([path, value]) => ({
      path,
      message: Array.isArray(value) ? value.map(String).join("; ") : String(value),
    }));
  }
  return [];
}
