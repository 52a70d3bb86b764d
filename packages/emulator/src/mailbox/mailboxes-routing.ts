import { Hono } from "hono";
import { hal, noContent } from "../responses.js";
import type { EmulatorEnv, M, MailboxData } from "../types.js";
import { findMailbox, linksOf } from "./account-lookups.js";
import {
  enumField,
  FieldErrors,
  intArrayField,
  intField,
  notFound,
  readJsonObject,
} from "./account-requests.js";

const STATES = ["enabled", "disabled"] as const;
const METHODS = ["round_robin", "balanced"] as const;

/** Routing of a mailbox that was never configured: off, round robin, nobody in rotation. */
const DEFAULT_ROUTING: M["MailboxRouting"] = {
  state: "disabled",
  assignmentLimit: 10,
  assignmentMethod: "round_robin",
  userIds: [],
};

/**
 * `GET` and `PUT /v2/mailboxes/{mailboxId}/routing`. The rotation is computed from the mailbox's
 * active conversations and the users' email status, so assignments and status changes show up.
 */
export function mailboxRoutingRoutes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  app.get("/v2/mailboxes/:mailboxId/routing", (c) => {
    const mailbox = findMailbox(c);
    if (!mailbox) return notFound(c, "Mailbox");
    const data = c.get("account").mailbox;
    const routing = data.routing.get(mailbox.id) ?? DEFAULT_ROUTING;
    return hal(c, {
      state: routing.state,
      assignmentLimit: routing.assignmentLimit,
      assignmentMethod: routing.assignmentMethod,
      userIds: [...routing.userIds],
      rotation: rotation(data, mailbox.id, routing),
      _links: linksOf(c, { self: `/v2/mailboxes/${mailbox.id}/routing` }),
    } satisfies M["MailboxRouting"]);
  });

  app.put("/v2/mailboxes/:mailboxId/routing", async (c) => {
    const mailbox = findMailbox(c);
    if (!mailbox) return notFound(c, "Mailbox");
    const body = await readJsonObject(c);
    if (body instanceof Response) return body;
    const data = c.get("account").mailbox;
    const errors = new FieldErrors();
    const state = enumField(body, "state", STATES, errors);
    const assignmentLimit = intField(body, "assignmentLimit", errors, { min: 1, max: 100 });
    const assignmentMethod = enumField(body, "assignmentMethod", METHODS, errors);
    const userIds = intArrayField(body, "userIds", errors);
    userIds?.forEach((id, index) => {
      if (!data.users.has(id)) errors.add(`userIds[${index}]`, "is not a user of the account", id);
    });
    if (state === "enabled" && userIds?.length === 0) {
      errors.add("userIds", "may not be empty when routing is enabled", userIds);
    }
    if (!errors.empty || !state || assignmentLimit === undefined || !assignmentMethod || !userIds) {
      return errors.respond(c);
    }
    data.routing.set(mailbox.id, {
      state,
      assignmentLimit,
      assignmentMethod,
      userIds: [...new Set(userIds)],
    });
    return noContent(c);
  });

  return app;
}

function rotation(
  data: MailboxData,
  mailboxId: number,
  routing: M["MailboxRouting"],
): M["MailboxRoutingRotationEntry"][] {
  const assigned = new Map<number, number>();
  for (const conversation of data.conversations.values()) {
    const assignee = conversation.assignee?.id;
    if (conversation.mailboxId !== mailboxId || conversation.status !== "active") continue;
    if (assignee !== undefined) assigned.set(assignee, (assigned.get(assignee) ?? 0) + 1);
  }
  return routing.userIds.map((userId) => {
    const conversationsCount = assigned.get(userId) ?? 0;
    const away = data.userStatuses.get(userId)?.email?.status === "away";
    const reason =
      routing.state !== "enabled"
        ? "not_in_rotation"
        : away
          ? "away"
          : conversationsCount >= routing.assignmentLimit
            ? "at_capacity"
            : undefined;
    return {
      userId,
      conversationsCount,
      eligible: reason === undefined,
      ...(reason ? { reason } : {}),
    };
  });
}
