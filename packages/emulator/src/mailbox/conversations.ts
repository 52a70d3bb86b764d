import { Hono } from "hono";
import { hal, noContent, vndError } from "../responses.js";
import type { EmulatorEnv } from "../types.js";
import { conversationActionRoutes } from "./conversation-actions.js";
import { createConversation } from "./conversation-create.js";
import { readConversationFilters, selectConversations } from "./conversation-list.js";
import { patchConversation } from "./conversation-patch.js";
import { releaseTags } from "./conversation-tagging.js";
import {
  type ApiVersion,
  conversationFor,
  conversationView,
  type MailboxContext,
  originOf,
} from "./conversation-view.js";
import { pagedList, QueryReader } from "./query-params.js";
import { QuerySyntaxError } from "./query-parser.js";

const CONVERSATION = "/conversations/:conversationId{[0-9]+}";

/**
 * The conversation routes: list (filters, `query` search, sorting, `embed=threads`, 50 per page),
 * get (v2 and v3; a merged id answers 301 to the surviving conversation), create, patch, delete,
 * plus tags, custom fields, snooze and attachments. Writes stamp `userUpdatedAt` (which
 * `modifiedSince` and `sortField=modifiedAt` use) and emit the matching `convo.*` webhook events.
 */
export function conversationsRoutes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  app.get("/v2/conversations", (c) => {
    const filters = readConversationFilters(c);
    if (filters instanceof Response) return filters;
    const data = c.get("account").mailbox;
    try {
      const selected = selectConversations(data, data.conversations.values(), filters);
      const origin = originOf(c);
      return pagedList(c, "conversations", selected, filters.page, (conversation) =>
        conversationView(data, conversation, {
          origin,
          version: 2,
          embedThreads: filters.embedThreads,
        }),
      );
    } catch (error) {
      if (!(error instanceof QuerySyntaxError)) throw error;
      return vndError(c, 400, "Bad request", [
        {
          path: "query",
          message: error.message,
          rejectedValue: c.req.query("query"),
          source: "QUERY",
        },
      ]);
    }
  });

  app.post("/v2/conversations", (c) => createConversation(c));
  app.get(`/v2${CONVERSATION}`, (c) => getConversation(c, 2));
  app.get(`/v3${CONVERSATION}`, (c) => getConversation(c, 3));
  app.patch(`/v2${CONVERSATION}`, (c) => patchConversation(c));

  app.delete(`/v2${CONVERSATION}`, (c) => {
    const conversation = conversationFor(c);
    if (conversation instanceof Response) return conversation;
    deleteConversation(c, conversation.id);
    return noContent(c);
  });

  app.route("/", conversationActionRoutes());
  return app;
}

function getConversation(c: MailboxContext, version: ApiVersion): Response {
  const q = new QueryReader(c);
  const embed = q.oneOf("embed", ["threads"] as const, "threads");
  if (!q.problems.ok) return q.problems.respond(c);
  const conversation = conversationFor(c, { read: true, version });
  if (conversation instanceof Response) return conversation;
  const data = c.get("account").mailbox;
  return hal(
    c,
    conversationView(data, conversation, {
      origin: originOf(c),
      version,
      embedThreads: q.string("embed") !== undefined && embed === "threads",
    }),
  );
}

/**
 * Deletes a conversation with its threads and attachments (and merged ids pointing at it),
 * releases its tags and emits `convo.deleted` with `{id}`.
 */
export function deleteConversation(c: MailboxContext, id: number): void {
  const account = c.get("account");
  const data = account.mailbox;
  const conversation = data.conversations.get(id);
  if (!conversation) return;
  releaseTags(c, conversation);
  data.conversations.delete(id);
  data.threads.delete(id);
  for (const [attachmentId, stored] of data.attachments) {
    if (stored.conversationId === id) data.attachments.delete(attachmentId);
  }
  for (const [oldId, survivor] of data.merged) if (survivor === id) data.merged.delete(oldId);
  c.get("emulator").emit(account, "convo.deleted", { id });
}
