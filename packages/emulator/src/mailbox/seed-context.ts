import type { SeededRandom } from "../random.js";
import type { MailboxData } from "../types.js";

/** One minute in milliseconds. */
export const MINUTE = 60_000;
/** One hour in milliseconds. */
export const HOUR = 60 * MINUTE;
/** One day in milliseconds. */
export const DAY = 24 * HOUR;

/** What the Mailbox seeders share: the PRNG, the data being built, "now" and the id counter. */
export interface SeedContext {
  random: SeededRandom;
  data: MailboxData;
  /** Emulated time at seeding, whole seconds (Unix ms). */
  now: number;
  /** The account's own company (its users' and mailboxes' e-mail domain). */
  company: { name: string; domain: string };
  /** The next id of any kind (ids are unique per account). */
  id(): number;
}

/** A new, empty MailboxData whose ids start at `firstId`. */
export function emptyMailboxData(firstId: number): MailboxData {
  return {
    mailboxes: new Map(),
    folders: new Map(),
    customFields: new Map(),
    routing: new Map(),
    savedReplies: new Map(),
    users: new Map(),
    userStatuses: new Map(),
    reassignment: new Map(),
    teams: new Map(),
    tags: new Map(),
    customers: new Map(),
    customerProperties: [],
    organizations: new Map(),
    organizationProperties: [],
    conversations: new Map(),
    threads: new Map(),
    attachments: new Map(),
    merged: new Map(),
    workflows: new Map(),
    webhooks: new Map(),
    ratings: new Map(),
    nextId: firstId,
  };
}

/** Unix ms as Help Scout writes date-times: ISO 8601, second precision, `Z`. */
export function isoAt(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Unix ms as a date-only value (`YYYY-MM-DD`), as custom fields and properties hold dates. */
export function dateAt(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A random (version 4 shaped) UUID drawn from the seeded PRNG. */
export function seededUuid(random: SeededRandom): string {
  const hex = random.hex(32).split("");
  hex[12] = "4";
  hex[16] = "89ab"[Number.parseInt(hex[16] ?? "0", 16) % 4] ?? "8";
  const s = hex.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** `count` distinct items of `items` (all of them, shuffled, when `count` ≥ the list length). */
export function pickDistinct<T>(random: SeededRandom, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) {
    const [item] = pool.splice(Math.floor(random.next() * pool.length), 1);
    if (item !== undefined) out.push(item);
  }
  return out;
}

/** A time between `fromMs` and `toMs`, whole seconds. */
export function timeBetween(random: SeededRandom, fromMs: number, toMs: number): number {
  const span = Math.max(0, Math.floor((toMs - fromMs) / 1000));
  return fromMs + random.int(0, span) * 1000;
}

/** A slug of a name: lower case, words joined by `-`. */
export function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** A Gravatar-style photo URL drawn from the PRNG. */
export function photoUrl(random: SeededRandom): string {
  return `https://www.gravatar.com/avatar/${random.hex(32)}?d=identicon`;
}
