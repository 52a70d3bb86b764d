import { Hono } from "hono";
import type { EmulatorEnv } from "../types.js";

/** STUB — replaced by the docs routes. */
export function docsRoutes(): Hono<EmulatorEnv> {
  return new Hono<EmulatorEnv>();
}
