import type { M } from "../types.js";
import { API_ORIGIN } from "./conversation-model.js";
import { DAY, isoAt, pickDistinct, type SeedContext, slugOf, timeBetween } from "./seed-context.js";
import {
  AUTOMATIC_WORKFLOWS,
  MAILBOXES,
  MANUAL_WORKFLOWS,
  SAVED_REPLIES,
  TAGS,
} from "./seed-words.js";

const href = (path: string) => ({ href: `${API_ORIGIN}${path}` });

/**
 * Seeds `count` mailboxes, each with its folders (Unassigned, one Mine per user, Assigned, Drafts,
 * Closed, Spam), custom field definitions (dropdown, single line, number, date), routing settings
 * and saved replies.
 */
export function seedMailboxes(ctx: SeedContext, count: number, humans: M["User"][]): void {
  const { random, data, now, company } = ctx;
  for (let index = 0; index < count; index++) {
    const [name, local] = MAILBOXES[index % MAILBOXES.length] ?? ["Support", "support"];
    const round = Math.floor(index / MAILBOXES.length);
    const id = ctx.id();
    const createdMs = timeBetween(random, now - 1000 * DAY, now - 300 * DAY);
    data.mailboxes.set(id, {
      id,
      name: round > 0 ? `${name} ${round + 1}` : name,
      slug: random.hex(16),
      email: `${local}${round > 0 ? round + 1 : ""}@${company.domain}`,
      createdAt: isoAt(createdMs),
      updatedAt: isoAt(timeBetween(random, createdMs, now)),
      _links: {
        self: href(`/v2/mailboxes/${id}`),
        folders: href(`/v2/mailboxes/${id}/folders`),
        fields: href(`/v2/mailboxes/${id}/fields`),
      },
    });
    const folder = (name: string, type: string, userId?: number): M["Folder"] => ({
      id: ctx.id(),
      name,
      type,
      ...(userId === undefined ? {} : { userId }),
      totalCount: 0,
      activeCount: 0,
      updatedAt: isoAt(now),
    });
    data.folders.set(id, [
      folder("Unassigned", "unassigned"),
      ...humans.map((user) => folder("Mine", "mytickets", user.id)),
      folder("Assigned", "assigned"),
      folder("Drafts", "drafts"),
      folder("Closed", "closed"),
      folder("Spam", "spam"),
    ]);
    data.customFields.set(id, customFields(ctx));
    const inRotation = pickDistinct(random, humans, Math.max(1, Math.ceil(humans.length / 2)));
    data.routing.set(id, {
      state: random.chance(0.5) ? "enabled" : "disabled",
      assignmentLimit: random.pick([5, 10, 20]),
      assignmentMethod: random.pick(["round_robin", "balanced"]),
      userIds: inRotation.map((user) => user.id),
      rotation: inRotation.map((user) => ({
        userId: user.id,
        conversationsCount: random.int(0, 12),
        eligible: !random.chance(0.2),
      })),
    });
    data.savedReplies.set(
      id,
      pickDistinct(random, SAVED_REPLIES, random.int(2, SAVED_REPLIES.length)).map(
        ([replyName, text]) => {
          const replyId = ctx.id();
          return {
            id: replyId,
            name: replyName,
            text,
            chatText: text.replace(/<[^>]*>/g, ""),
            _links: { self: href(`/v2/mailboxes/${id}/saved-replies/${replyId}`) },
          };
        },
      ),
    );
  }
}

function customFields(ctx: SeedContext): M["MailboxCustomField"][] {
  const options = (labels: string[]) =>
    labels.map((label, order) => ({ id: ctx.id(), order: order + 1, label }));
  return [
    {
      id: ctx.id(),
      name: "Priority",
      type: "dropdown",
      required: false,
      order: 1,
      options: options(["Low", "Normal", "High", "Urgent"]),
    },
    { id: ctx.id(), name: "Order Number", type: "singleline", required: false, order: 2 },
    { id: ctx.id(), name: "Seats", type: "number", required: false, order: 3 },
    { id: ctx.id(), name: "Renewal Date", type: "date", required: false, order: 4 },
  ];
}

/** Seeds `count` tags (ticket counts are filled in once conversations exist). */
export function seedTags(ctx: SeedContext, count: number): void {
  const { random, data, now } = ctx;
  for (let index = 0; index < count; index++) {
    const [base, color] = TAGS[index % TAGS.length] ?? ["tag", "#999999"];
    const round = Math.floor(index / TAGS.length);
    const name = round > 0 ? `${base}-${round + 1}` : base;
    const id = ctx.id();
    const createdMs = timeBetween(random, now - 600 * DAY, now - 30 * DAY);
    data.tags.set(id, {
      id,
      name,
      slug: slugOf(name),
      color,
      ticketCount: 0,
      createdAt: isoAt(createdMs),
      updatedAt: isoAt(createdMs),
      _links: { self: href(`/v2/tags/${id}`) },
    });
  }
}

/** Seeds one or two manual and automatic workflows per mailbox. */
export function seedWorkflows(ctx: SeedContext): void {
  const { random, data, now } = ctx;
  for (const mailbox of data.mailboxes.values()) {
    const manual = pickDistinct(random, MANUAL_WORKFLOWS, random.int(1, 2));
    const automatic = pickDistinct(random, AUTOMATIC_WORKFLOWS, random.int(1, 2));
    const entries = [
      ...manual.map((name) => ["manual", name] as const),
      ...automatic.map((name) => ["automatic", name] as const),
    ];
    entries.forEach(([type, name], order) => {
      const id = ctx.id();
      const createdMs = timeBetween(random, now - 400 * DAY, now - 10 * DAY);
      data.workflows.set(id, {
        id,
        mailboxId: mailbox.id,
        type,
        status: random.chance(0.8) ? "active" : "inactive",
        order: order + 1,
        name,
        createdAt: isoAt(createdMs),
        modifiedAt: isoAt(timeBetween(random, createdMs, now)),
        _links: { self: href(`/v2/workflows/${id}`) },
      });
    });
  }
}
