import type { Context } from "hono";
import { vndError } from "../responses.js";
import type { M } from "../types.js";

/** A JSON object. */
export type JsonObject = Record<string, unknown>;

/** Whether a value is a JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

/** Whether a value is an ISO 8601 date-time with a zone (`2024-01-31T10:00:00Z`). */
export function isDateTime(value: unknown): value is string {
  return typeof value === "string" && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

/**
 * Collects the field problems of a request, Help Scout style: each becomes one entry of the 400
 * answer's `_embedded.errors` (`path`, `message`, `rejectedValue`, `source`).
 */
export class FieldProblems {
  readonly errors: M["VndFieldError"][] = [];

  constructor(readonly source: "JSON" | "QUERY" | "PATH" = "JSON") {}

  /** Whether nothing was wrong. */
  get ok(): boolean {
    return this.errors.length === 0;
  }

  /** Records a problem. */
  add(path: string, message: string, rejectedValue?: unknown): void {
    this.errors.push({
      path,
      message,
      ...(rejectedValue === undefined ? {} : { rejectedValue }),
      source: this.source,
    });
  }

  /** A required value: false (and a problem) when it is missing, null or an empty string. */
  required(path: string, value: unknown): boolean {
    if (value === undefined || value === null || value === "") {
      this.add(path, "may not be empty", value ?? null);
      return false;
    }
    return true;
  }

  /** A string of at most `max` characters (when present; `required` adds the presence check). */
  string(path: string, value: unknown, options: { required?: boolean; max?: number } = {}): void {
    if (value === undefined || value === null) {
      if (options.required) this.required(path, value);
      return;
    }
    if (typeof value !== "string") {
      this.add(path, "must be a string", value);
      return;
    }
    if (options.required && value.trim() === "") {
      this.add(path, "may not be empty", value);
      return;
    }
    if (options.max !== undefined && value.length > options.max) {
      this.add(path, `size must be between 0 and ${options.max}`, value);
    }
  }

  /** One of `allowed` (when present). */
  oneOf(path: string, value: unknown, allowed: readonly string[], required = false): void {
    if (value === undefined || value === null) {
      if (required) this.required(path, value);
      return;
    }
    if (typeof value !== "string" || !allowed.includes(value)) {
      this.add(path, `must be one of: ${allowed.join(", ")}`, value);
    }
  }

  /** A positive integer id (when present). */
  id(path: string, value: unknown, required = false): void {
    if (value === undefined || value === null) {
      if (required) this.required(path, value);
      return;
    }
    if (!Number.isInteger(value) || (value as number) < 1)
      this.add(path, "must be a valid id", value);
  }

  /** A boolean (when present). */
  boolean(path: string, value: unknown, required = false): void {
    if (value === undefined || value === null) {
      if (required) this.required(path, value);
      return;
    }
    if (typeof value !== "boolean") this.add(path, "must be a boolean", value);
  }

  /** An ISO 8601 date-time (when present). */
  dateTime(path: string, value: unknown, required = false): void {
    if (value === undefined || value === null) {
      if (required) this.required(path, value);
      return;
    }
    if (!isDateTime(value)) this.add(path, "must be an ISO 8601 date-time", value);
  }

  /** An array of strings (when present). */
  strings(path: string, value: unknown): void {
    if (value === undefined || value === null) return;
    if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
      this.add(path, "must be an array of strings", value);
    }
  }

  /** The 400 answer listing the problems. */
  respond(c: Context): Response {
    return vndError(c, 400, "Bad request", this.errors);
  }
}

/** The request's JSON body, or a 400 answer when it is not JSON. */
export async function readJson(c: Context): Promise<{ body: unknown } | Response> {
  const text = await c.req.text();
  try {
    return { body: text.trim() === "" ? undefined : (JSON.parse(text) as unknown) };
  } catch {
    return vndError(c, 400, "Malformed JSON body");
  }
}

/** The request's JSON object body, or a 400 answer when it is not a JSON object. */
export async function readObject(c: Context): Promise<JsonObject | Response> {
  const read = await readJson(c);
  if (read instanceof Response) return read;
  if (!isObject(read.body)) return vndError(c, 400, "The request body must be a JSON object");
  return read.body;
}
