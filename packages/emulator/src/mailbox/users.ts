import { type Context, Hono } from "hono";
import { hal, halList } from "../responses.js";
import type { EmulatorEnv, M, MailboxData } from "../types.js";
import { byId, findUser, linksOf } from "./account-lookups.js";
import { FieldErrors, notFound, pageQuery } from "./account-requests.js";
import { statusView, userSettingsRoutes } from "./users-settings.js";

/**
 * User routes: list (filters `email`, exact and case-insensitive, and `mailbox`), get, the token's
 * own user at the literal `/v2/users/me`, statuses at the literal `/v2/users/status` (both are
 * registered before `/v2/users/{userId}` so they win), plus status and conversation-reassignment
 * settings per user (mounted from their own module). System users (AI agents) are never listed.
 */
export function usersRoutes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  app.get("/v2/users", (c) => {
    const page = pageQuery(c);
    if (page instanceof Response) return page;
    const data = c.get("account").mailbox;
    const email = c.req.query("email")?.toLowerCase();
    const mailboxParam = c.req.query("mailbox");
    let mailboxId: number | undefined;
    if (mailboxParam !== undefined && mailboxParam !== "") {
      if (!/^\d{1,15}$/.test(mailboxParam)) {
        const errors = new FieldErrors("QUERY");
        errors.add("mailbox", "must be an integer", mailboxParam);
        return errors.respond(c);
      }
      mailboxId = Number(mailboxParam);
    }
    const users = byId(data.users.values()).filter(
      (user) =>
        user.type !== "system_user" &&
        (email === undefined || email === "" || userEmails(user).includes(email)) &&
        (mailboxId === undefined || hasMailboxAccess(data, user, mailboxId)),
    );
    return halList(
      c,
      "users",
      users.map((user) => userView(c, user)),
      { page },
    );
  });

  app.get("/v2/users/me", (c) => {
    const user = c.get("account").mailbox.users.get(c.get("userId"));
    return user ? hal(c, userView(c, user)) : notFound(c, "User");
  });

  app.get("/v2/users/status", (c) => {
    const page = pageQuery(c);
    if (page instanceof Response) return page;
    const data = c.get("account").mailbox;
    const statuses = byId(data.users.values())
      .filter((user) => user.type !== "system_user")
      .map((user) => statusView(c, data, user.id));
    return halList(c, "userStatuses", statuses, { page });
  });

  app.get("/v2/users/:userId", (c) => {
    const user = findUser(c);
    return user ? hal(c, userView(c, user)) : notFound(c, "User");
  });

  app.route("/", userSettingsRoutes());
  return app;
}

/** A user as the v2 API shows it: `type` is always `user`, with a `self` link. */
export function userView(c: Context, user: M["User"]): M["User"] {
  return { ...user, type: "user", _links: linksOf(c, { self: `/v2/users/${user.id}` }) };
}

function userEmails(user: M["User"]): string[] {
  return [user.email, ...(user.alternateEmails ?? [])].map((email) => email.toLowerCase());
}

/**
 * Whether a user can see a mailbox: owners and admins see all; others when the mailbox has a
 * personal folder of theirs, has them in its routing, or has a conversation assigned to them. A
 * mailbox without any per-user data (no personal folders, no routing users) is open to everyone.
 */
function hasMailboxAccess(data: MailboxData, user: M["User"], mailboxId: number): boolean {
  if (!data.mailboxes.has(mailboxId)) return false;
  if (user.role === "owner" || user.role === "admin") return true;
  const personal = (data.folders.get(mailboxId) ?? []).filter((f) => f.userId !== undefined);
  const routed = data.routing.get(mailboxId)?.userIds ?? [];
  if (personal.some((f) => f.userId === user.id) || routed.includes(user.id)) return true;
  for (const conversation of data.conversations.values()) {
    if (conversation.mailboxId === mailboxId && conversation.assignee?.id === user.id) return true;
  }
  return personal.length === 0 && routed.length === 0;
}
