import { Hono } from "hono";
import type { EmulatorEnv } from "../types.js";
import { conversationsRoutes } from "./conversations.js";
import { customersRoutes } from "./customers.js";
import { mailboxesRoutes } from "./mailboxes.js";
import { organizationsRoutes } from "./organizations.js";
import { reportsRoutes } from "./reports.js";
import { teamsTagsRoutes } from "./teams-tags.js";
import { threadsRoutes } from "./threads.js";
import { usersRoutes } from "./users.js";
import { ratingsRoutes, webhooksRoutes } from "./webhooks.js";
import { workflowsRoutes } from "./workflows.js";

/**
 * Every Mailbox API route (v2 and the v3 reads), one module per resource group:
 * conversations (+ tags, fields, snooze, attachments), threads (+ schedule, original source),
 * customers (+ entries, properties), organizations, mailboxes (+ folders, fields, routing, saved
 * replies), users (+ statuses, reassignment), teams and tags, workflows, webhooks, ratings, reports.
 */
export function mailboxRoutes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  for (const routes of [
    conversationsRoutes(),
    threadsRoutes(),
    customersRoutes(),
    organizationsRoutes(),
    mailboxesRoutes(),
    usersRoutes(),
    teamsTagsRoutes(),
    workflowsRoutes(),
    webhooksRoutes(),
    ratingsRoutes(),
    reportsRoutes(),
  ]) {
    app.route("/", routes);
  }
  return app;
}
