import { Hono } from "hono";
import type { EmulatorEnv } from "../types.js";

/** STUB — replaced by the threads routes. */
export function threadsRoutes(): Hono<EmulatorEnv> {
  return new Hono<EmulatorEnv>();
}
