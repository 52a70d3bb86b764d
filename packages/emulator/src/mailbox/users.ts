import { Hono } from "hono";
import type { EmulatorEnv } from "../types.js";

/** STUB — replaced by the users routes. */
export function usersRoutes(): Hono<EmulatorEnv> {
  return new Hono<EmulatorEnv>();
}
