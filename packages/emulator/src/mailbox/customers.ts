import { Hono } from "hono";
import type { EmulatorEnv } from "../types.js";

/** STUB — replaced by the customers routes. */
export function customersRoutes(): Hono<EmulatorEnv> {
  return new Hono<EmulatorEnv>();
}
