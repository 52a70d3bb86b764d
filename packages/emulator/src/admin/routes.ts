import { Hono } from "hono";
import type { EmulatorContext, EmulatorEnv } from "../types.js";

/** STUB — replaced by the admin routes. */
export function adminRoutes(_emulator: EmulatorContext): Hono<EmulatorEnv> {
  return new Hono<EmulatorEnv>();
}
