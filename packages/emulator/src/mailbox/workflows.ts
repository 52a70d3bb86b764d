import { type Context, Hono } from "hono";
import { halList, noContent, vndError } from "../responses.js";
import type { EmulatorEnv, M, MailboxData } from "../types.js";
import { linksOf } from "./account-lookups.js";
import {
  enumField,
  FieldErrors,
  intArrayField,
  notFound,
  pageQuery,
  pathId,
  readJsonObject,
} from "./account-requests.js";

const TYPES = ["manual", "automatic"] as const;

/**
 * Workflows: list (filters `mailboxId` and `type`; sorted by mailbox, then order), activate or
 * deactivate (`PATCH` with `{op: "replace", path: "/status", value}`), and run a manual workflow on
 * 1–50 conversations of its mailbox. A run adds a `lineitem` thread naming the workflow to each
 * conversation and bumps its `userUpdatedAt`.
 */
export function workflowsRoutes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  app.get("/v2/workflows", (c) => {
    const page = pageQuery(c);
    if (page instanceof Response) return page;
    const errors = new FieldErrors("QUERY");
    const mailboxParam = c.req.query("mailboxId");
    if (mailboxParam !== undefined && !/^\d{1,15}$/.test(mailboxParam)) {
      errors.add("mailboxId", "must be an integer", mailboxParam);
    }
    const type = c.req.query("type");
    if (type !== undefined && !(TYPES as readonly string[]).includes(type)) {
      errors.add("type", `must be one of: ${TYPES.join(", ")}`, type);
    }
    if (!errors.empty) return errors.respond(c);
    const mailboxId = mailboxParam === undefined ? undefined : Number(mailboxParam);
    const workflows = [...c.get("account").mailbox.workflows.values()]
      .filter(
        (w) => (mailboxId === undefined || w.mailboxId === mailboxId) && (!type || w.type === type),
      )
      .sort((a, b) => a.mailboxId - b.mailboxId || (a.order ?? 0) - (b.order ?? 0) || a.id - b.id)
      .map((w) => ({ ...w, _links: linksOf(c, { self: `/v2/workflows/${w.id}` }) }));
    return halList(c, "workflows", workflows, { page });
  });

  app.patch("/v2/workflows/:workflowId", async (c) => {
    const workflow = findWorkflow(c);
    if (!workflow) return notFound(c, "Workflow");
    const body = await readJsonObject(c);
    if (body instanceof Response) return body;
    const errors = new FieldErrors();
    enumField(body, "op", ["replace"] as const, errors);
    enumField(body, "path", ["/status"] as const, errors);
    const value = enumField(body, "value", ["active", "inactive"] as const, errors);
    if (!errors.empty || !value) return errors.respond(c);
    workflow.status = value;
    workflow.modifiedAt = c.get("emulator").clock.iso();
    return noContent(c);
  });

  app.post("/v2/workflows/:workflowId/run", async (c) => {
    const workflow = findWorkflow(c);
    if (!workflow) return notFound(c, "Workflow");
    const body = await readJsonObject(c);
    if (body instanceof Response) return body;
    if (workflow.type !== "manual") {
      return vndError(c, 400, "Only manual workflows can be run");
    }
    const data = c.get("account").mailbox;
    const errors = new FieldErrors();
    const ids = intArrayField(body, "conversationIds", errors);
    if (ids && (ids.length < 1 || ids.length > 50)) {
      errors.add("conversationIds", "size must be between 1 and 50", ids);
    }
    ids?.forEach((id, index) => {
      const conversation = data.conversations.get(id);
      if (!conversation || conversation.state === "deleted") {
        errors.add(`conversationIds[${index}]`, "is not a conversation of the account", id);
      } else if (conversation.mailboxId !== workflow.mailboxId) {
        errors.add(`conversationIds[${index}]`, "is not in the workflow's mailbox", id);
      }
    });
    if (!errors.empty || !ids) return errors.respond(c);
    for (const id of new Set(ids)) runOn(c, data, workflow, id);
    return noContent(c);
  });

  return app;
}

function findWorkflow(c: Context<EmulatorEnv>): M["Workflow"] | undefined {
  const id = pathId(c, "workflowId");
  return id === undefined ? undefined : c.get("account").mailbox.workflows.get(id);
}

/** Records the run on one conversation: a line item thread, newest first, and a fresh stamp. */
function runOn(
  c: Context<EmulatorEnv>,
  data: MailboxData,
  workflow: M["Workflow"],
  conversationId: number,
): void {
  const conversation = data.conversations.get(conversationId);
  if (!conversation) return;
  const now = c.get("emulator").clock.iso();
  const user = data.users.get(c.get("userId"));
  const thread: M["Thread"] = {
    id: data.nextId++,
    type: "lineitem",
    status: "nochange",
    state: "published",
    action: {
      type: "manual-workflow",
      text: `You ran the ${workflow.name} workflow`,
      associatedEntities: { workflow: workflow.id },
    },
    source: { type: "workflows", via: "user" },
    createdBy: {
      id: c.get("userId"),
      type: "user",
      ...(user?.firstName ? { first: user.firstName } : {}),
      ...(user?.lastName ? { last: user.lastName } : {}),
      ...(user?.email ? { email: user.email } : {}),
    },
    createdAt: now,
  };
  const threads = data.threads.get(conversationId) ?? [];
  threads.unshift(thread);
  data.threads.set(conversationId, threads);
  conversation.threads = threads.length;
  conversation.userUpdatedAt = now;
}
