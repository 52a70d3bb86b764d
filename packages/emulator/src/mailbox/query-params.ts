import type { Context } from "hono";
import { halList } from "../responses.js";
import { FieldProblems, isDateTime } from "./conversation-validation.js";

/**
 * Reads and checks a request's query parameters; problems are collected (source `QUERY`) so a
 * route answers one 400 listing all of them.
 */
export class QueryReader {
  readonly problems = new FieldProblems("QUERY");
  readonly #c: Context;

  constructor(c: Context) {
    this.#c = c;
  }

  /** A non-empty parameter value. */
  string(name: string): string | undefined {
    const value = this.#c.req.query(name);
    return value === undefined || value === "" ? undefined : value;
  }

  /** A positive integer parameter. */
  int(name: string): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value) || Number(value) < 1) {
      this.problems.add(name, "must be a positive integer", value);
      return undefined;
    }
    return Number(value);
  }

  /** A comma-separated list of positive integers. */
  ints(name: string): number[] | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!/^\d+(,\d+)*$/.test(value)) {
      this.problems.add(name, "must be an id or a comma-separated list of ids", value);
      return undefined;
    }
    return value.split(",").map(Number);
  }

  /** A comma-separated list of non-empty strings. */
  list(name: string): string[] | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const items = value
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item.length > 0);
    return items.length > 0 ? items : undefined;
  }

  /** One of `allowed`, or `fallback` when absent. */
  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.string(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      this.problems.add(name, `must be one of: ${allowed.join(", ")}`, value);
      return fallback;
    }
    return value as T;
  }

  /** An ISO 8601 date-time, as Unix ms. */
  dateTime(name: string): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!isDateTime(value)) {
      this.problems.add(name, "must be an ISO 8601 date-time, e.g. 2024-01-31T10:00:00Z", value);
      return undefined;
    }
    return Date.parse(value);
  }

  /** A boolean (`true`/`false`), false when absent. */
  flag(name: string): boolean {
    const value = this.string(name);
    if (value === undefined) return false;
    if (value !== "true" && value !== "false") {
      this.problems.add(name, "must be true or false", value);
      return false;
    }
    return value === "true";
  }

  /** The 1-based `page` parameter (1 when absent). */
  page(): number {
    return this.int("page") ?? 1;
  }
}

/**
 * A paged HAL list (`halList`) where only the items of the requested page go through `view`
 * (presenting every item of a big list would be wasted work).
 */
export function pagedList<T>(
  c: Context,
  name: string,
  items: readonly T[],
  page: number,
  view: (item: T) => T,
  size = 50,
): Response {
  const shown = [...items];
  const end = Math.min(items.length, page * size);
  for (let index = (page - 1) * size; index < end; index++) {
    const item = items[index];
    if (item !== undefined) shown[index] = view(item);
  }
  return halList(c, name, shown, { page, size });
}
