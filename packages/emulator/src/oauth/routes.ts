import { Hono } from "hono";
import type { EmulatorContext, EmulatorEnv } from "../types.js";

/** STUB — replaced by the OAuth routes. */
export function oauthRoutes(_emulator: EmulatorContext): Hono<EmulatorEnv> {
  return new Hono<EmulatorEnv>();
}
