import { isHelpScoutError } from "@terapi/helpscout-auth";
import { type Conversation, type MailboxClient, unwrap } from "@terapi/helpscout-mailbox";

/** A conversation read by id, following a merge. */
export interface ResolvedConversation {
  conversation: Conversation;
  /** The id asked for, when it was merged into `conversation` (whose id differs). */
  mergedFrom: number | undefined;
}

/**
 * Reads a conversation. A merged (old) id answers `301` to the surviving conversation, which the
 * client follows: the survivor is returned and `mergedFrom` names the old id.
 *
 * @throws HelpScoutError `not_found` when there is no such conversation (or the merge is older
 *   than the 60 days Help Scout keeps the redirect).
 */
export async function readConversation(
  mailbox: MailboxClient,
  conversationId: number,
  signal: AbortSignal | undefined,
  embedThreads = false,
): Promise<ResolvedConversation> {
  // openapi-fetch maps response types through `Readable<>`, which garbles open enums
  // (`"user" | (string & {})`); the value is the spec's Conversation, so type it as one.
  const conversation = (await unwrap(
    mailbox.GET("/v2/conversations/{conversationId}", {
      params: {
        path: { conversationId },
        ...(embedThreads ? { query: { embed: "threads" as const } } : {}),
      },
      signal,
    }),
  )) as Conversation;
  return {
    conversation,
    mergedFrom: conversation.id === conversationId ? undefined : conversationId,
  };
}

/** Where a conversation write landed. */
export interface WriteTarget {
  /** The conversation written to: the one asked for, or the one it was merged into. */
  conversationId: number;
  /** The id asked for, when it had been merged into `conversationId`. */
  mergedFrom: number | undefined;
}

/**
 * Runs a conversation write merge-safely. Help Scout answers `404` to writes on a merged (old)
 * id, while a read of it answers `301` to the survivor. So the write is tried on the id given;
 * on a `404` the conversation is read, and if it was merged the write is sent once to the
 * survivor. A `404` changed nothing, so sending the write again cannot do it twice.
 *
 * @param write - Sends the write to a conversation id and resolves with its result.
 */
export async function writeToConversation<T>(
  mailbox: MailboxClient,
  conversationId: number,
  signal: AbortSignal | undefined,
  write: (conversationId: number) => Promise<T>,
): Promise<WriteTarget & { result: T }> {
  try {
    return { conversationId, mergedFrom: undefined, result: await write(conversationId) };
  } catch (error) {
    if (!isHelpScoutError(error) || error.code !== "not_found") throw error;
    const { conversation, mergedFrom } = await readConversation(mailbox, conversationId, signal);
    if (mergedFrom === undefined) throw error;
    return { conversationId: conversation.id, mergedFrom, result: await write(conversation.id) };
  }
}
