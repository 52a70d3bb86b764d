import { docsError } from "../responses.js";
import type { DocsContext } from "./store.js";

/** A parsed JSON request body. */
export type Body = Record<string, unknown>;

/** How one body field is checked. */
export interface FieldRule {
  type: "string" | "integer" | "boolean" | "strings";
  required?: boolean;
  /** `null` is accepted (and means something to the route). */
  nullable?: boolean;
  /** Allowed values of a string field. */
  values?: readonly string[];
  maxLength?: number;
}

/** The JSON object of a request, or a `400` when the body is not a JSON object. */
export async function readBody(c: DocsContext): Promise<Body | Response> {
  const raw = await c.req.text();
  if (raw.trim() === "") return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
      return parsed as Body;
    }
  } catch {
    // answered below
  }
  return docsError(c, 400, "The request body must be a JSON object");
}

/** The first problem with a body's fields, as a message, or undefined when they are fine. */
export function invalidField(body: Body, rules: Record<string, FieldRule>): string | undefined {
  for (const [name, rule] of Object.entries(rules)) {
    const value = body[name];
    if (value === undefined || value === null) {
      if (rule.required) return `${name} is required`;
      if (value === null && !rule.nullable) return `${name} must not be null`;
      continue;
    }
    if (rule.type === "string") {
      if (typeof value !== "string") return `${name} must be a string`;
      if (rule.required && value.trim() === "") return `${name} is required`;
      if (rule.values && !rule.values.includes(value)) {
        return `${name} must be one of ${rule.values.join(", ")}`;
      }
      if (rule.maxLength !== undefined && value.length > rule.maxLength) {
        return `${name} must be at most ${rule.maxLength} characters`;
      }
    } else if (rule.type === "integer") {
      if (typeof value !== "number" || !Number.isInteger(value)) {
        return `${name} must be an integer`;
      }
    } else if (rule.type === "boolean") {
      if (typeof value !== "boolean") return `${name} must be a boolean`;
    } else if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
      return `${name} must be an array of strings`;
    }
  }
  return undefined;
}

/** A string field of a checked body (undefined when absent or null). */
export function text(body: Body, name: string): string | undefined {
  const value = body[name];
  return typeof value === "string" ? value : undefined;
}

/** A string-array field of a checked body (undefined when absent or null). */
export function strings(body: Body, name: string): string[] | undefined {
  const value = body[name];
  return Array.isArray(value) ? value.filter((item) => typeof item === "string") : undefined;
}

/** An integer field of a checked body (undefined when absent or null). */
export function integer(body: Body, name: string): number | undefined {
  const value = body[name];
  return typeof value === "number" ? value : undefined;
}

/** Whether the caller asked for the written object back (`?reload=true`, or in the body). */
export function wantsReload(c: DocsContext, body: Body = {}): boolean {
  const query = c.req.query("reload");
  return query === "true" || query === "1" || body.reload === true || body.reload === "true";
}

/** `201 Created` with the new object's URL in `Location` and no body (Docs creates). */
export function createdResponse(c: DocsContext, path: string): Response {
  const url = new URL(c.req.url);
  return c.body(null, 201, { location: `${url.origin}${path}` });
}

/** `200` with an empty body (Docs updates without `reload`). */
export function emptyOk(c: DocsContext): Response {
  return c.body(null, 200);
}
