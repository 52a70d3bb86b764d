import { Hono } from "hono";
import type { EmulatorEnv } from "../types.js";

/** STUB — replaced by the mailboxes routes. */
export function mailboxesRoutes(): Hono<EmulatorEnv> {
  return new Hono<EmulatorEnv>();
}
