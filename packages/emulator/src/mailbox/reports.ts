import { Hono } from "hono";
import type { EmulatorEnv } from "../types.js";

/** STUB — replaced by the reports routes. */
export function reportsRoutes(): Hono<EmulatorEnv> {
  return new Hono<EmulatorEnv>();
}
