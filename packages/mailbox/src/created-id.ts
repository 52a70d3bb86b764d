import { createdResourceId, HelpScoutError } from "@terapi/helpscout-auth";

/**
 * The id of the resource a Mailbox create call made (conversation, thread, customer, entry,
 * attachment, webhook…), read from the `Resource-ID` header of its `201` (or, failing that, the
 * last segment of `Location`). Create calls return no body, so this is how to learn the id.
 *
 * @example
 * const conversationId = createdId(await mailbox.POST("/v2/conversations", { body }));
 */
export function createdId(result: { response: Response }): number {
  const raw = createdResourceId(result.response);
  // Decimal digits only: "0x1F" or "1e3" are not ids, whatever Number() makes of them.
  const id = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(id)) {
    throw new HelpScoutError({
      code: "invalid_response",
      status: result.response.status,
      message: `@terapi/helpscout-mailbox: the create call answered without a numeric Resource-ID header (got ${raw === undefined ? "none" : JSON.stringify(raw)}), so the new id is unknown.`,
    });
  }
  return id;
}
