import type { Context } from "hono";
import type { EmulatorEnv, M } from "../types.js";
import { pathId } from "./account-requests.js";

/** The absolute URL of an API path on the host the request came to. */
export function apiHref(c: Context, path: string): string {
  return `${new URL(c.req.url).origin}${path}`;
}

/** HAL `_links` from relation → API path pairs (paths become absolute URLs). */
export function linksOf(c: Context, relations: Record<string, string>): M["HalLinks"] {
  const links: M["HalLinks"] = {};
  for (const [relation, path] of Object.entries(relations)) {
    links[relation] = { href: apiHref(c, path) };
  }
  return links;
}

/** The items of a map sorted by their numeric `id`. */
export function byId<T extends { id: number }>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => a.id - b.id);
}

/** The mailbox named by the `mailboxId` path parameter, if the account has it. */
export function findMailbox(c: Context<EmulatorEnv>): M["Mailbox"] | undefined {
  const id = pathId(c, "mailboxId");
  return id === undefined ? undefined : c.get("account").mailbox.mailboxes.get(id);
}

/** The user named by the `userId` path parameter, if the account has it. */
export function findUser(c: Context<EmulatorEnv>): M["User"] | undefined {
  const id = pathId(c, "userId");
  return id === undefined ? undefined : c.get("account").mailbox.users.get(id);
}

/** A plain-text excerpt of an HTML body: tags dropped, whitespace folded, cut at `length`. */
export function excerpt(html: string | undefined, length = 80): string {
  const text = (html ?? "")
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
