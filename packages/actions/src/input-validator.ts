import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { ActionFieldError } from "./action-errors.js";
import type { JsonSchema } from "./types.js";

let ajv: Ajv2020 | undefined;
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

/**
 * The validator of a schema, compiled on first use and kept for the life of the process. Ajv in
 * strict mode: a schema with an unknown keyword or a loose construct fails to compile, which the
 * catalogue's tests catch.
 */
function validatorFor(schema: JsonSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (validate === undefined) {
    ajv ??= createAjv();
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

function createAjv(): Ajv2020 {
  // `verbose` keeps each error's parent schema, to turn an `anyOf` of `required`s into one message.
  // `strictRequired` is off: `anyOf: [{ required: ["id"] }, …]` names properties declared beside it.
  const instance = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    verbose: true,
  });
  addFormats.default(instance);
  return instance;
}

/**
 * Checks a value against a JSON Schema (draft 2020-12, formats such as `email`, `date-time` and
 * `uri`) and returns every problem as a field error; empty when the value is valid. The value is
 * not modified (no defaults filled in, no coercion).
 *
 * @param schema - The schema; compiled once, on first use.
 * @param value - Any value, typically parsed JSON.
 */
export function validateAgainst(schema: JsonSchema, value: unknown): ActionFieldError[] {
  const validate = validatorFor(schema);
  if (validate(value)) return [];
  return fieldErrorsOf(validate.errors ?? []);
}

/** Ajv's errors as field errors: one clear message per problem, at a JSON Pointer. */
function fieldErrorsOf(errors: readonly ErrorObject[]): ActionFieldError[] {
  // A failed `anyOf`/`oneOf` also reports each branch's failure: keep only the summary.
  const combinators = errors
    .filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf")
    .map((e) => `${e.schemaPath}/`);
  const out: ActionFieldError[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (error.keyword === "if") continue; // the failing `then` is reported on its own
    if (combinators.some((prefix) => error.schemaPath.startsWith(prefix))) continue;
    const field = fieldErrorOf(error);
    const key = `${field.path}\u0000${field.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(field);
    }
  }
  return out;
}

const FORMAT_MESSAGES: Record<string, string> = {
  email: "must be an email address",
  "date-time": "must be an ISO 8601 date and time, e.g. 2026-01-31T12:00:00Z",
  date: "must be a date, e.g. 2026-01-31",
  uri: "must be an absolute URL, e.g. https://example.com/page",
};

/** Messages for the patterns the catalogue uses, instead of quoting the regular expression. */
const PATTERN_MESSAGES: Record<string, string> = {
  "^[0-9a-fA-F]{24}$": "must be a Docs id (24 hexadecimal characters)",
  "^/": "must be a path starting with /",
  "^[A-Za-z0-9-]+$": "must contain only letters, digits and hyphens",
};

function fieldErrorOf(error: ErrorObject): ActionFieldError {
  const at = error.instancePath;
  const params = error.params as Record<string, unknown>;
  // A rule that applies under a condition (if/then/else) explains itself in its `description`.
  const explained = (error.parentSchema as { description?: unknown } | undefined)?.description;
  if (/\/(then|else)(\/|$)/.test(error.schemaPath) && typeof explained === "string") {
    const path = error.keyword === "required" ? child(at, String(params.missingProperty)) : at;
    return { path, message: explained };
  }
  switch (error.keyword) {
    case "required":
      return { path: child(at, String(params.missingProperty)), message: "is required" };
    case "dependentRequired":
      return {
        path: child(at, String(params.missingProperty)),
        message: `is required when ${String(params.property)} is given`,
      };
    case "additionalProperties":
      return {
        path: child(at, String(params.additionalProperty)),
        message: "is not a known field",
      };
    case "enum":
      return {
        path: at,
        message: `must be one of: ${(params.allowedValues as unknown[]).map(String).join(", ")}`,
      };
    case "format":
      return { path: at, message: FORMAT_MESSAGES[String(params.format)] ?? `${error.message}` };
    case "pattern":
      return { path: at, message: PATTERN_MESSAGES[String(params.pattern)] ?? `${error.message}` };
    case "minLength":
      return {
        path: at,
        message: params.limit === 1 ? "must not be empty" : `${error.message}`,
      };
    case "anyOf":
    case "oneOf":
      return { path: at, message: combinatorMessage(error) };
    default:
      return { path: at, message: error.message ?? `fails the "${error.keyword}" rule` };
  }
}

/** "needs one of: id, email" when every branch only requires fields, else Ajv's message. */
function combinatorMessage(error: ErrorObject): string {
  const branches = (error.parentSchema as { anyOf?: unknown; oneOf?: unknown } | undefined)?.[
    error.keyword as "anyOf" | "oneOf"
  ];
  if (!Array.isArray(branches)) return error.message ?? "matches none of the allowed forms";
  const required: string[] = [];
  for (const branch of branches) {
    const keys = Object.keys(branch as object);
    const names = (branch as { required?: unknown }).required;
    if (keys.length !== 1 || !Array.isArray(names) || names.length !== 1) {
      return error.message ?? "matches none of the allowed forms";
    }
    required.push(String(names[0]));
  }
  return error.keyword === "oneOf"
    ? `needs exactly one of: ${required.join(", ")}`
    : `needs at least one of: ${required.join(", ")}`;
}

/** The JSON Pointer of a property of the value at `pointer`. */
function child(pointer: string, property: string): string {
  return `${pointer}/${property.replace(/~/g, "~0").replace(/\//g, "~1")}`;
}
