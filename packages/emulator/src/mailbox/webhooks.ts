import { Hono } from "hono";
import type { EmulatorEnv } from "../types.js";

/** STUB — replaced by the webhooks routes. */
export function webhooksRoutes(): Hono<EmulatorEnv> {
  return new Hono<EmulatorEnv>();
}
