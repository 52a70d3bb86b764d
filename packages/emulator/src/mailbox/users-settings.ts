import { type Context, Hono } from "hono";
import { hal, noContent, vndError } from "../responses.js";
import type { EmulatorEnv, M, MailboxData } from "../types.js";
import { findUser, linksOf } from "./account-lookups.js";
import {
  booleanField,
  enumField,
  FieldErrors,
  type JsonObject,
  notFound,
  optionalString,
  readJsonObject,
  requiredString,
} from "./account-requests.js";

/** Reassignment settings of a user who never set them: off, after two hours away. */
const DEFAULT_REASSIGNMENT: M["ConversationReassignment"] = {
  enabled: false,
  awayDuration: { hours: 2, minutes: 0 },
};

/**
 * Per-user settings: email status (`GET`/`PUT /v2/users/{userId}/status`; the `PUT` records
 * `source: api`, the caller as `performedBy` and the time) and conversation reassignment
 * (`GET`/`PUT /v2/users/{userId}/conversation-reassignment`). Only owners and admins may change
 * another user's settings (403 otherwise).
 */
export function userSettingsRoutes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  app.get("/v2/users/:userId/status", (c) => {
    const user = findUser(c);
    return user ? hal(c, statusView(c, c.get("account").mailbox, user.id)) : notFound(c, "User");
  });

  app.put("/v2/users/:userId/status", async (c) => {
    const user = findUser(c);
    if (!user) return notFound(c, "User");
    const body = await readJsonObject(c);
    if (body instanceof Response) return body;
    const errors = new FieldErrors();
    const status = enumField(body, "status", ["active", "away"] as const, errors);
    const customStatus = customStatusField(body, errors);
    if (!errors.empty || !status) return errors.respond(c);
    const denied = mayManage(c, user.id);
    if (denied) return denied;
    const emulator = c.get("emulator");
    const data = c.get("account").mailbox;
    const previous = data.userStatuses.get(user.id);
    data.userStatuses.set(user.id, {
      userId: user.id,
      email: {
        status,
        updatedAt: emulator.clock.iso(),
        performedBy: c.get("userId"),
        source: "api",
        ...(customStatus ? { customStatus } : {}),
      },
      chat: previous?.chat ?? { status: "unavailable" },
    });
    return noContent(c);
  });

  app.get("/v2/users/:userId/conversation-reassignment", (c) => {
    const user = findUser(c);
    if (!user) return notFound(c, "User");
    const stored = c.get("account").mailbox.reassignment.get(user.id) ?? DEFAULT_REASSIGNMENT;
    return hal(c, {
      enabled: stored.enabled,
      awayDuration: { ...stored.awayDuration },
      _links: linksOf(c, { self: `/v2/users/${user.id}/conversation-reassignment` }),
    } satisfies M["ConversationReassignment"]);
  });

  app.put("/v2/users/:userId/conversation-reassignment", async (c) => {
    const user = findUser(c);
    if (!user) return notFound(c, "User");
    const body = await readJsonObject(c);
    if (body instanceof Response) return body;
    const errors = new FieldErrors();
    const enabled = booleanField(body, "enabled", errors, true);
    const awayDuration = awayDurationField(body, errors);
    if (!errors.empty || enabled === undefined || !awayDuration) return errors.respond(c);
    const denied = mayManage(c, user.id);
    if (denied) return denied;
    c.get("account").mailbox.reassignment.set(user.id, { enabled, awayDuration });
    return noContent(c);
  });

  return app;
}

function customStatusField(
  body: JsonObject,
  errors: FieldErrors,
): M["UserCustomStatus"] | undefined {
  const value = body.customStatus;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) {
    errors.add("customStatus", "must be an object", value);
    return undefined;
  }
  const nested = new FieldErrors();
  const fields = value as JsonObject;
  const text = requiredString(fields, "text", nested, 100);
  const emoji = optionalString(fields, "emoji", nested);
  const emojiName = optionalString(fields, "emojiName", nested);
  for (const error of nested.list)
    errors.add(`customStatus.${error.path}`, error.message ?? "", error.rejectedValue);
  if (!nested.empty || text === undefined) return undefined;
  return { text, ...(emoji ? { emoji } : {}), ...(emojiName ? { emojiName } : {}) };
}

function awayDurationField(
  body: JsonObject,
  errors: FieldErrors,
): M["ConversationReassignmentAwayDuration"] | undefined {
  const value = body.awayDuration;
  if (value === undefined || value === null) {
    errors.add("awayDuration", "may not be null");
    return undefined;
  }
  if (typeof value !== "object" || Array.isArray(value)) {
    errors.add("awayDuration", "must be an object", value);
    return undefined;
  }
  const { hours = 0, minutes = 0 } = value as JsonObject;
  let valid = true;
  if (typeof hours !== "number" || !Number.isInteger(hours) || hours < 0) {
    errors.add("awayDuration.hours", "must be an integer of at least 0", hours);
    valid = false;
  }
  if (typeof minutes !== "number" || !Number.isInteger(minutes) || minutes < 0 || minutes > 59) {
    errors.add("awayDuration.minutes", "must be between 0 and 59", minutes);
    valid = false;
  }
  return valid ? { hours: hours as number, minutes: minutes as number } : undefined;
}

/** A user's status, or the default of a user who never changed it (active, chat unavailable). */
export function statusView(c: Context, data: MailboxData, userId: number): M["UserStatus"] {
  const stored = data.userStatuses.get(userId);
  return {
    userId,
    email: stored?.email ?? { status: "active" },
    chat: stored?.chat ?? { status: "unavailable" },
    _links: linksOf(c, { self: `/v2/users/${userId}/status` }),
  };
}

/** A 403 answer unless the caller may change `targetId`'s settings (their own, or as owner/admin). */
function mayManage(c: Context<EmulatorEnv>, targetId: number): Response | undefined {
  const callerId = c.get("userId");
  if (callerId === targetId) return undefined;
  const role = c.get("account").mailbox.users.get(callerId)?.role;
  return role === "owner" || role === "admin"
    ? undefined
    : vndError(c, 403, "Only owners and administrators may change another user's settings");
}
