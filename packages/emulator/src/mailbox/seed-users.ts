import type { M } from "../types.js";
import { API_ORIGIN } from "./conversation-model.js";
import {
  DAY,
  isoAt,
  photoUrl,
  pickDistinct,
  type SeedContext,
  slugOf,
  timeBetween,
} from "./seed-context.js";
import { FIRST_NAMES, LAST_NAMES, TEAMS, TIMEZONES } from "./seed-words.js";

/**
 * Seeds `count` users (the first is the account owner, the second an admin), their statuses and
 * away-reassignment settings, plus one system user (an AI agent) that only v3 endpoints show as
 * such. Returns the human users.
 */
export function seedUsers(ctx: SeedContext, count: number): M["User"][] {
  const { random, data, now, company } = ctx;
  const firstNames = pickDistinct(random, FIRST_NAMES, count);
  const humans: M["User"][] = [];
  for (let index = 0; index < count; index++) {
    const firstName = firstNames[index] ?? `Agent${index + 1}`;
    const lastName = random.pick(LAST_NAMES);
    const id = ctx.id();
    const createdMs = timeBetween(random, now - 900 * DAY, now - 200 * DAY);
    const user: M["User"] = {
      id,
      firstName,
      lastName,
      email: `${firstName.toLowerCase()}@${company.domain}`,
      role: index === 0 ? "owner" : index === 1 ? "admin" : "user",
      timezone: random.pick(TIMEZONES),
      photoUrl: photoUrl(random),
      createdAt: isoAt(createdMs),
      updatedAt: isoAt(timeBetween(random, createdMs, now - DAY)),
      type: "user",
      mention: firstName.toLowerCase(),
      initials: `${firstName[0]}${lastName[0]}`,
      jobTitle:
        index === 0 ? "Head of Support" : random.pick(["Support Specialist", "Support Lead"]),
      phone: `+1 555 01${String(random.int(0, 99)).padStart(2, "0")}`,
      alternateEmails: random.chance(0.2)
        ? [`${firstName.toLowerCase()}.alt@${company.domain}`]
        : [],
      _links: { self: { href: `${API_ORIGIN}/v2/users/${id}` } },
    };
    data.users.set(id, user);
    humans.push(user);
    seedStatus(ctx, user);
  }
  const botId = ctx.id();
  data.users.set(botId, {
    id: botId,
    firstName: "AI",
    lastName: "Answers",
    email: `ai-answers@${company.domain}`,
    role: "user",
    timezone: "America/New_York",
    createdAt: isoAt(now - 120 * DAY),
    updatedAt: isoAt(now - 30 * DAY),
    type: "system_user",
    mention: "ai-answers",
    initials: "AI",
    alternateEmails: [],
    _links: { self: { href: `${API_ORIGIN}/v2/users/${botId}` } },
  });
  return humans;
}

function seedStatus(ctx: SeedContext, user: M["User"]): void {
  const { random, data, now } = ctx;
  const away = random.chance(0.25);
  const status: M["UserStatus"] = {
    userId: user.id,
    email: {
      status: away ? "away" : "active",
      updatedAt: isoAt(timeBetween(random, now - 14 * DAY, now)),
      performedBy: user.id,
      source: random.pick(["ui", "presence_detection"]),
      ...(away && random.chance(0.5)
        ? { customStatus: { text: "On vacation", emoji: "🌴", emojiName: "palm_tree" } }
        : {}),
    },
    chat: { status: away ? "unavailable" : random.pick(["available", "assign"]) },
    _links: { self: { href: `${API_ORIGIN}/v2/users/${user.id}/status` } },
  };
  data.userStatuses.set(user.id, status);
  data.reassignment.set(user.id, {
    enabled: random.chance(0.4),
    awayDuration: { hours: random.int(0, 8), minutes: random.pick([0, 15, 30, 45]) },
  });
}

/** Seeds `count` teams whose members are drawn from `humans`. */
export function seedTeams(ctx: SeedContext, count: number, humans: M["User"][]): void {
  const { random, data, now } = ctx;
  const names = pickDistinct(random, TEAMS, count);
  for (let index = 0; index < count; index++) {
    const name = names[index] ?? `Team ${index + 1}`;
    const id = ctx.id();
    const createdMs = timeBetween(random, now - 700 * DAY, now - 60 * DAY);
    const members = pickDistinct(random, humans, random.int(1, Math.max(1, humans.length - 1)));
    data.teams.set(id, {
      id,
      name,
      timezone: random.pick(TIMEZONES),
      photoUrl: photoUrl(random),
      mention: slugOf(name),
      initials: name
        .split(/\s+/)
        .map((word) => word[0])
        .join("")
        .slice(0, 2)
        .toUpperCase(),
      createdAt: isoAt(createdMs),
      updatedAt: isoAt(timeBetween(random, createdMs, now)),
      _links: { self: { href: `${API_ORIGIN}/v2/teams/${id}` } },
      memberIds: members.map((member) => member.id).sort((a, b) => a - b),
    });
  }
}
