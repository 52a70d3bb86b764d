import { Hono } from "hono";
import type { EmulatorEnv } from "../types.js";

/** STUB — replaced by the organizations routes. */
export function organizationsRoutes(): Hono<EmulatorEnv> {
  return new Hono<EmulatorEnv>();
}
