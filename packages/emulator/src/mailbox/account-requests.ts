import type { Context } from "hono";
import { vndError } from "../responses.js";
import type { M } from "../types.js";

/** A JSON object as parsed from a request body. */
export type JsonObject = Record<string, unknown>;

/** Where a rejected value came from, as vnd.error `source` says it. */
export type ErrorSource = "JSON" | "QUERY";

/** Collects the field errors of one request, then answers 400 with all of them. */
export class FieldErrors {
  readonly list: M["VndFieldError"][] = [];

  constructor(readonly source: ErrorSource = "JSON") {}

  /** Records one problem of `path`; `rejectedValue` is left out when the value was missing. */
  add(path: string, message: string, rejectedValue?: unknown): void {
    this.list.push({
      path,
      message,
      ...(rejectedValue === undefined ? {} : { rejectedValue }),
      source: this.source,
    });
  }

  /** True when nothing was recorded. */
  get empty(): boolean {
    return this.list.length === 0;
  }

  /** The 400 vnd.error answer listing every recorded problem. */
  respond(c: Context): Response {
    return vndError(c, 400, "Bad request", this.list);
  }
}

/** The JSON object body of the request, or a 400 answer when it is not one. */
export async function readJsonObject(c: Context): Promise<JsonObject | Response> {
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    return vndError(c, 400, "Bad request: the body is not valid JSON");
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    return vndError(c, 400, "Bad request: the body must be a JSON object");
  }
  return body as JsonObject;
}

/** A path parameter as a positive integer id; `undefined` when it is not one. */
export function pathId(c: Context, name: string): number | undefined {
  const raw = c.req.param(name) ?? "";
  return /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : undefined;
}

/** The 404 vnd.error answer for a missing object. */
export function notFound(c: Context, what: string): Response {
  return vndError(c, 404, `${what} not found`);
}

/** A required string field; records `NotEmpty`/type problems. */
export function requiredString(
  body: JsonObject,
  path: string,
  errors: FieldErrors,
  maxLength?: number,
): string | undefined {
  const value = body[path];
  if (value === undefined || value === null || value === "") {
    errors.add(path, "may not be empty");
    return undefined;
  }
  if (typeof value !== "string") {
    errors.add(path, "must be a string", value);
    return undefined;
  }
  if (maxLength !== undefined && value.length > maxLength) {
    errors.add(path, `size must be between 1 and ${maxLength}`, value);
    return undefined;
  }
  return value;
}

/** An optional string field (absent or null gives `undefined`). */
export function optionalString(
  body: JsonObject,
  path: string,
  errors: FieldErrors,
): string | undefined {
  const value = body[path];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") {
    errors.add(path, "must be a string", value);
    return undefined;
  }
  return value;
}

/** A field that must be one of `values`; `required` decides whether absence is a problem. */
export function enumField<T extends string>(
  body: JsonObject,
  path: string,
  values: readonly T[],
  errors: FieldErrors,
  required = true,
): T | undefined {
  const value = body[path];
  if (value === undefined || value === null) {
    if (required) errors.add(path, "may not be null");
    return undefined;
  }
  if (typeof value !== "string" || !(values as readonly string[]).includes(value)) {
    errors.add(path, `must be one of: ${values.join(", ")}`, value);
    return undefined;
  }
  return value as T;
}

/** An integer field within `[min, max]`; `required` decides whether absence is a problem. */
export function intField(
  body: JsonObject,
  path: string,
  errors: FieldErrors,
  range: { min?: number; max?: number; required?: boolean } = {},
): number | undefined {
  const value = body[path];
  if (value === undefined || value === null) {
    if (range.required ?? true) errors.add(path, "may not be null");
    return undefined;
  }
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = range;
  if (typeof value !== "number" || !Number.isInteger(value)) {
    errors.add(path, "must be an integer", value);
    return undefined;
  }
  if (value < min || value > max) {
    errors.add(path, `must be between ${min} and ${max}`, value);
    return undefined;
  }
  return value;
}

/** A field that must be an array of integers (each problem is reported as `path[i]`). */
export function intArrayField(
  body: JsonObject,
  path: string,
  errors: FieldErrors,
  required = true,
): number[] | undefined {
  const value = body[path];
  if (value === undefined || value === null) {
    if (required) errors.add(path, "may not be null");
    return undefined;
  }
  if (!Array.isArray(value)) {
    errors.add(path, "must be an array", value);
    return undefined;
  }
  const bad = value.findIndex((item) => typeof item !== "number" || !Number.isInteger(item));
  if (bad >= 0) {
    errors.add(`${path}[${bad}]`, "must be an integer", value[bad]);
    return undefined;
  }
  return value as number[];
}

/** An optional boolean field. */
export function booleanField(
  body: JsonObject,
  path: string,
  errors: FieldErrors,
  required = false,
): boolean | undefined {
  const value = body[path];
  if (value === undefined || value === null) {
    if (required) errors.add(path, "may not be null");
    return undefined;
  }
  if (typeof value !== "boolean") {
    errors.add(path, "must be a boolean", value);
    return undefined;
  }
  return value;
}

/** The `page` query parameter (1-based, default 1), or a 400 answer when it is not a page. */
export function pageQuery(c: Context): number | Response {
  const raw = c.req.query("page");
  if (raw === undefined || raw === "") return 1;
  if (!/^[1-9]\d{0,8}$/.test(raw)) {
    const errors = new FieldErrors("QUERY");
    errors.add("page", "must be an integer of at least 1", raw);
    return errors.respond(c);
  }
  return Number(raw);
}
