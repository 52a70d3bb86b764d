import type { M } from "../types.js";
import { API_ORIGIN } from "./conversation-model.js";
import { isoAt, type SeedContext } from "./seed-context.js";

/** Rates a reply of a closed conversation: the thread gets `rating`, the account a Rating. */
export function rateReply(
  ctx: SeedContext,
  conversation: M["Conversation"],
  reply: M["Thread"],
): void {
  const { random, data } = ctx;
  const customer = conversation.primaryCustomer;
  const author = reply.createdBy;
  if (!customer || !author) return;
  const value = weighted<M["RatingValue"]>(ctx, [
    ["great", 0.6],
    ["okay", 0.25],
    ["not_good", 0.15],
  ]);
  const comments =
    value === "great"
      ? "Super quick and helpful, thanks!"
      : value === "okay"
        ? "Fine, took a while."
        : "Still not fixed.";
  const id = ctx.id();
  reply.rating = { customerId: customer.id, rating: value, comments };
  const at = isoAt(Date.parse(reply.createdAt) + random.int(5, 600) * 60_000);
  data.ratings.set(id, {
    id,
    customer: {
      id: customer.id,
      ...(customer.email ? { email: customer.email } : {}),
      ...(customer.first ? { firstName: customer.first } : {}),
      ...(customer.last ? { lastName: customer.last } : {}),
      ...(customer.photoUrl ? { photoUrl: customer.photoUrl } : {}),
    },
    threadId: reply.id,
    conversationId: conversation.id,
    conversationNumber: conversation.number,
    mailboxId: conversation.mailboxId,
    rating: value,
    user: {
      id: author.id,
      ...(author.email ? { email: author.email } : {}),
      ...(author.first ? { firstName: author.first } : {}),
      ...(author.last ? { lastName: author.last } : {}),
    },
    comments,
    createdAt: at,
    modifiedAt: at,
    _links: {
      self: { href: `${API_ORIGIN}/v2/ratings/${id}` },
      conversation: { href: `${API_ORIGIN}/v2/conversations/${conversation.id}` },
      mailbox: { href: `${API_ORIGIN}/v2/mailboxes/${conversation.mailboxId}` },
      customer: { href: `${API_ORIGIN}/v2/customers/${customer.id}` },
      user: { href: `${API_ORIGIN}/v2/users/${author.id}` },
    },
  });
}

/** One of `choices`, drawn with the given weights (which add up to 1). */
export function weighted<T>(ctx: SeedContext, choices: [T, number][]): T {
  let roll = ctx.random.next();
  for (const [value, weight] of choices) {
    roll -= weight;
    if (roll < 0) return value;
  }
  const last = choices[choices.length - 1];
  if (!last) throw new RangeError("weighted() needs choices");
  return last[0];
}
