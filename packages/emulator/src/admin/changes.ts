import type { Account, EmulatorContext, M } from "../types.js";

/** One conversation touched by {@link simulateCustomerReplies}. */
export interface TouchedConversation {
  conversationId: number;
  threadId: number;
}

const REPLIES = [
  "Thanks, that worked! One more question though.",
  "I'm still seeing the problem after trying your suggestion.",
  "Could you send me an update on this?",
  "Following up on my last message.",
  "Never mind, found it. Please close this.",
];

/**
 * Simulates activity for incremental-sync tests: `count` distinct conversations of the account,
 * picked with the emulator's seeded PRNG, each get a new published customer thread (newest first),
 * become active, have `userUpdatedAt` bumped, and emit `convo.customer.reply.created` (the
 * conversation with its threads embedded).
 */
export function simulateCustomerReplies(
  emulator: EmulatorContext,
  account: Account,
  count: number,
  origin: string,
): TouchedConversation[] {
  const { conversations, threads } = account.mailbox;
  const pool = [...conversations.keys()];
  const touched: TouchedConversation[] = [];
  while (touched.length < count && pool.length > 0) {
    const index = Math.floor(emulator.random.next() * pool.length);
    const [conversationId] = pool.splice(index, 1);
    const conversation =
      conversationId === undefined ? undefined : conversations.get(conversationId);
    if (!conversation || conversationId === undefined) continue;
    const now = emulator.clock.iso();
    const threadId = account.mailbox.nextId++;
    const customer = conversation.primaryCustomer;
    const text = emulator.random.pick(REPLIES);
    const thread: M["Thread"] = {
      id: threadId,
      type: "customer",
      status: "active",
      state: "published",
      body: `<p>${text}</p>`,
      source: { type: "email", via: "customer" },
      ...(customer
        ? {
            customer: personRef(customer),
            createdBy: { ...personRef(customer), type: "customer" },
            _links: {
              customer: { href: `${origin}/v2/customers/${customer.id}` },
              createdByCustomer: { href: `${origin}/v2/customers/${customer.id}` },
            },
          }
        : {}),
      createdAt: now,
    };
    const list = threads.get(conversationId) ?? [];
    list.unshift(thread);
    threads.set(conversationId, list);
    conversation.threads = list.length;
    conversation.status = "active";
    conversation.preview = text;
    conversation.userUpdatedAt = now;
    conversation.customerWaitingSince = {
      time: now,
      friendly: "just now",
      latestReplyFrom: "customer",
    };
    emulator.emit(account, "convo.customer.reply.created", {
      ...conversation,
      _embedded: { threads: list },
    });
    touched.push({ conversationId, threadId });
  }
  return touched;
}

function personRef(person: M["PersonRef"]): M["PersonRef"] {
  const { id, first, last, email, photoUrl } = person;
  return {
    id,
    ...(first === undefined ? {} : { first }),
    ...(last === undefined ? {} : { last }),
    ...(email === undefined ? {} : { email }),
    ...(photoUrl === undefined ? {} : { photoUrl }),
  };
}
