import { Hono } from "hono";
import type { EmulatorEnv } from "../types.js";

/** STUB — replaced by the workflows routes. */
export function workflowsRoutes(): Hono<EmulatorEnv> {
  return new Hono<EmulatorEnv>();
}
