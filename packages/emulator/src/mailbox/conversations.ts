import { Hono } from "hono";
import type { EmulatorEnv } from "../types.js";

/** STUB — replaced by the conversations routes. */
export function conversationsRoutes(): Hono<EmulatorEnv> {
  return new Hono<EmulatorEnv>();
}
