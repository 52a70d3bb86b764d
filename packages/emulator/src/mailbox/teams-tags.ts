import { type Context, Hono } from "hono";
import { halList } from "../responses.js";
import type { EmulatorEnv, M, MailboxData } from "../types.js";
import { byId, linksOf } from "./account-lookups.js";
import { notFound, pageQuery, pathId } from "./account-requests.js";
import { userView } from "./users.js";

/**
 * Teams (`GET /v2/teams`, `GET /v2/teams/{teamId}/members`) and tags (`GET /v2/tags`: all tags
 * across mailboxes in alphabetical order, `ticketCount` counted from the conversations).
 */
export function teamsTagsRoutes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  app.get("/v2/teams", (c) => {
    const page = pageQuery(c);
    if (page instanceof Response) return page;
    const teams = byId(c.get("account").mailbox.teams.values()).map((team) => teamView(c, team));
    return halList(c, "teams", teams, { page });
  });

  app.get("/v2/teams/:teamId/members", (c) => {
    const data = c.get("account").mailbox;
    const id = pathId(c, "teamId");
    const team = id === undefined ? undefined : data.teams.get(id);
    if (!team) return notFound(c, "Team");
    const page = pageQuery(c);
    if (page instanceof Response) return page;
    const members = byId(team.memberIds.flatMap((memberId) => data.users.get(memberId) ?? [])).map(
      (user) => userView(c, user),
    );
    return halList(c, "users", members, { page });
  });

  app.get("/v2/tags", (c) => {
    const page = pageQuery(c);
    if (page instanceof Response) return page;
    const data = c.get("account").mailbox;
    const counts = tagCounts(data);
    const tags = [...data.tags.values()]
      .sort((a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }) || a.id - b.id)
      .map((tag): M["Tag"] => ({
        ...tag,
        ...(counts ? { ticketCount: counts.get(tag.id) ?? 0 } : {}),
        _links: linksOf(c, { self: `/v2/tags/${tag.id}` }),
      }));
    return halList(c, "tags", tags, { page });
  });

  return app;
}

function teamView(c: Context, team: M["Team"] & { memberIds: number[] }): M["Team"] {
  const { memberIds: _members, ...rest } = team;
  return {
    ...rest,
    _links: linksOf(c, { self: `/v2/teams/${team.id}`, members: `/v2/teams/${team.id}/members` }),
  };
}

/** Conversations per tag id; `undefined` when no conversation carries tags (stored counts stay). */
function tagCounts(data: MailboxData): Map<number, number> | undefined {
  const counts = new Map<number, number>();
  let tagged = false;
  for (const conversation of data.conversations.values()) {
    if (conversation.state === "deleted") continue;
    for (const tag of conversation.tags ?? []) {
      tagged = true;
      counts.set(tag.id, (counts.get(tag.id) ?? 0) + 1);
    }
  }
  return tagged ? counts : undefined;
}
