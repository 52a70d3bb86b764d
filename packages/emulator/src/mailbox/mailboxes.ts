import { type Context, Hono } from "hono";
import { hal, halList } from "../responses.js";
import type { EmulatorEnv, M, MailboxData } from "../types.js";
import { byId, findMailbox, linksOf } from "./account-lookups.js";
import { notFound, pageQuery } from "./account-requests.js";
import { mailboxRoutingRoutes } from "./mailboxes-routing.js";
import { savedRepliesRoutes } from "./mailboxes-saved-replies.js";

/**
 * Mailbox (inbox) routes: list and get mailboxes, their custom field definitions and folders, plus
 * routing settings and saved replies (mounted from their own modules).
 */
export function mailboxesRoutes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  app.get("/v2/mailboxes", (c) => {
    const page = pageQuery(c);
    if (page instanceof Response) return page;
    const mailboxes = byId(c.get("account").mailbox.mailboxes.values());
    return halList(
      c,
      "mailboxes",
      mailboxes.map((mailbox) => mailboxView(c, mailbox)),
      { page },
    );
  });

  app.get("/v2/mailboxes/:mailboxId", (c) => {
    const mailbox = findMailbox(c);
    return mailbox ? hal(c, mailboxView(c, mailbox)) : notFound(c, "Mailbox");
  });

  app.get("/v2/mailboxes/:mailboxId/fields", (c) => {
    const mailbox = findMailbox(c);
    if (!mailbox) return notFound(c, "Mailbox");
    const page = pageQuery(c);
    if (page instanceof Response) return page;
    const fields = c.get("account").mailbox.customFields.get(mailbox.id) ?? [];
    const sorted = [...fields].sort((a, b) => (a.order ?? 0) - (b.order ?? 0) || a.id - b.id);
    return halList(c, "fields", sorted, { page });
  });

  app.get("/v2/mailboxes/:mailboxId/folders", (c) => {
    const mailbox = findMailbox(c);
    if (!mailbox) return notFound(c, "Mailbox");
    const page = pageQuery(c);
    if (page instanceof Response) return page;
    const data = c.get("account").mailbox;
    const folders = folderCounts(data, mailbox.id, data.folders.get(mailbox.id) ?? []);
    return halList(c, "folders", folders, { page });
  });

  app.route("/", mailboxRoutingRoutes());
  app.route("/", savedRepliesRoutes());
  return app;
}

function mailboxView(c: Context, mailbox: M["Mailbox"]): M["Mailbox"] {
  const self = `/v2/mailboxes/${mailbox.id}`;
  return {
    ...mailbox,
    _links: linksOf(c, { self, folders: `${self}/folders`, fields: `${self}/fields` }),
  };
}

/**
 * Folders with their counts taken from the conversations that sit in them, so writes show up.
 * When no conversation of the mailbox names a folder, the stored counts are kept.
 */
function folderCounts(data: MailboxData, mailboxId: number, folders: M["Folder"][]): M["Folder"][] {
  const total = new Map<number, number>();
  const active = new Map<number, number>();
  let placed = false;
  for (const conversation of data.conversations.values()) {
    if (conversation.mailboxId !== mailboxId || conversation.folderId === undefined) continue;
    placed = true;
    const folderId = conversation.folderId;
    total.set(folderId, (total.get(folderId) ?? 0) + 1);
    if (conversation.status === "active") active.set(folderId, (active.get(folderId) ?? 0) + 1);
  }
  if (!placed) return folders;
  return folders.map((folder) => ({
    ...folder,
    totalCount: total.get(folder.id) ?? 0,
    activeCount: active.get(folder.id) ?? 0,
  }));
}
