import { type Conversation, paginatePages } from "@terapi/helpscout-mailbox";
import type { PageRecord, SyncModel } from "../sync-model.js";
import { firstHalPage } from "./hal-list-end.js";
import { recordId } from "./listing-pages.js";
import { modifiedSincePages } from "./modified-since-pages.js";
import { stampOf } from "./timestamps.js";

/**
 * The time `modifiedSince` and `sortField=modifiedAt` go by: the last user action
 * (`userUpdatedAt`), or the creation time before any.
 */
function conversationRecord(conversation: Conversation): PageRecord {
  return {
    id: recordId(conversation.id),
    payload: conversation,
    lastModifiedAt: stampOf(conversation, ["userUpdatedAt", "createdAt"]),
  };
}

/**
 * Conversations with their threads embedded: `GET /v2/conversations?embed=threads&status=all`
 * sorted by `modifiedAt` ascending, 50 per request (never a request per conversation).
 *
 * Incremental: each run starts at the stored watermark (minus a second) and moves
 * `modifiedSince` forward page by page (see {@link modifiedSincePages}). Deletes come from the
 * `convo.deleted` webhook; a `full` run reconciles them by mark-and-sweep.
 */
export const conversationsModel: SyncModel<"mailbox"> = {
  name: "conversations",
  api: "mailbox",
  endpoint: "GET /v2/conversations?embed=threads&status=all&sortField=modifiedAt&sortOrder=asc",
  strategy: "incremental",
  cursor: "modifiedSince (userUpdatedAt), advanced to the newest time of each page",
  deletes: "webhook+reconciliation",
  pages(ctx, checkpoint) {
    return modifiedSincePages({
      since: ctx.since,
      checkpoint,
      toRecord: conversationRecord,
      fetchPage(query) {
        return firstHalPage(
          paginatePages(ctx.client, "/v2/conversations", {
            params: {
              query: {
                embed: "threads",
                status: "all",
                sortField: "modifiedAt",
                sortOrder: "asc",
                ...query,
              },
            },
            signal: ctx.signal,
          }),
        );
      },
    });
  },
};
