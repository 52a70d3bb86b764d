import type { M } from "../types.js";
import { API_ORIGIN } from "./conversation-model.js";
import { customerLinks } from "./customer-model.js";
import {
  DAY,
  dateAt,
  isoAt,
  photoUrl,
  pickDistinct,
  type SeedContext,
  seededUuid,
  timeBetween,
} from "./seed-context.js";
import { seedPropertyDefinitions } from "./seed-properties.js";
import {
  CITIES,
  FIRST_NAMES,
  FREE_EMAIL_DOMAINS,
  JOB_TITLES,
  LAST_NAMES,
  ORGANIZATIONS,
} from "./seed-words.js";

/** Seeds property definitions, `organizations` organizations and `count` customers. */
export function seedCustomers(ctx: SeedContext, count: number, organizations: number): void {
  const { random, data, now } = ctx;
  seedPropertyDefinitions(ctx);
  for (const [name, domain, country, about] of pickDistinct(random, ORGANIZATIONS, organizations)) {
    const id = ctx.id();
    data.organizations.set(id, {
      id,
      name,
      website: `https://www.${domain}`,
      description: about,
      location: country,
      logoUrl: `https://www.${domain}/logo.png`,
      note: random.chance(0.4) ? "Key account: loop in the account manager on escalations." : null,
      domains: [domain],
      phones: [`+1 555 02${String(random.int(0, 99)).padStart(2, "0")}`],
      brandColor: `#${random.hex(6)}`,
      properties: organizationValues(ctx),
      _links: {
        self: { href: `${API_ORIGIN}/v2/organizations/${id}` },
        conversations: { href: `${API_ORIGIN}/v2/organizations/${id}/conversations` },
      },
    });
  }
  const orgs = [...data.organizations.values()];
  const used = new Set<string>();
  for (let index = 0; index < count; index++) {
    const org = orgs.length > 0 && random.chance(0.55) ? random.pick(orgs) : undefined;
    const firstName = random.pick(FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    const domain = org?.domains?.[0] ?? random.pick(FREE_EMAIL_DOMAINS);
    const local = `${firstName}.${lastName}`.toLowerCase();
    let email = `${local}@${domain}`;
    for (let n = 2; used.has(email); n++) email = `${local}${n}@${domain}`;
    used.add(email);
    const id = ctx.id();
    const createdMs = timeBetween(random, now - 720 * DAY, now - DAY);
    const updatedMs = timeBetween(random, createdMs, now);
    const [city, state, postalCode, country] = random.pick(CITIES);
    const customer: M["Customer"] = {
      id,
      firstName,
      lastName,
      gender: random.pick(["male", "female", "unknown"]),
      jobTitle: random.chance(0.7) ? random.pick(JOB_TITLES) : null,
      location: `${city}, ${country}`,
      organization: org?.name ?? null,
      organizationId: org?.id ?? null,
      photoType: random.chance(0.6) ? "gravatar" : "unknown",
      photoUrl: photoUrl(random),
      age: random.chance(0.3) ? String(random.int(21, 68)) : null,
      background: random.chance(0.2) ? "Met at the spring product webinar." : null,
      draft: false,
      createdAt: isoAt(createdMs),
      updatedAt: isoAt(updatedMs),
    };
    const handle = `${firstName}${lastName}`.toLowerCase();
    customer._embedded = {
      emails: [
        { id: ctx.id(), value: email, type: org ? "work" : "home" },
        ...(random.chance(0.2)
          ? [
              {
                id: ctx.id(),
                value: `${handle}@${random.pick(FREE_EMAIL_DOMAINS)}`,
                type: "other" as const,
              },
            ]
          : []),
      ],
      phones: random.chance(0.5)
        ? [
            {
              id: ctx.id(),
              value: `+1 555 01${random.int(10, 99)}`,
              type: random.pick(["work", "mobile", "home"]),
            },
          ]
        : [],
      chats: random.chance(0.15)
        ? [{ id: ctx.id(), value: handle, type: random.pick(["skype", "gtalk", "other"] as const) }]
        : [],
      social_profiles: random.chance(0.3)
        ? [
            { id: ctx.id(), value: `https://twitter.com/${handle}`, type: "twitter" },
            { id: ctx.id(), value: `https://www.linkedin.com/in/${handle}`, type: "linkedin" },
          ]
        : [],
      websites: org && random.chance(0.4) ? [{ id: ctx.id(), value: `https://www.${domain}` }] : [],
      properties: customerValues(ctx, id, createdMs),
      ...(random.chance(0.5)
        ? {
            address: {
              id: ctx.id(),
              city,
              state,
              postalCode,
              country,
              lines: [`${random.int(1, 999)} ${random.pick(["Main St", "Harbour Rd", "Elm Ave"])}`],
              createdAt: isoAt(createdMs),
              updatedAt: isoAt(createdMs),
            },
          }
        : {}),
    };
    customer._links = customerLinks(customer);
    data.customers.set(id, customer);
  }
}

function customerValues(
  ctx: SeedContext,
  id: number,
  createdMs: number,
): M["CustomerPropertyValue"][] {
  const { random, company } = ctx;
  const values: M["CustomerPropertyValue"][] = [];
  for (const definition of ctx.data.customerProperties) {
    if (!random.chance(0.6)) continue;
    const base = {
      type: definition.type,
      slug: definition.slug,
      name: definition.name,
      source: { name: "API" },
    };
    if (definition.type === "dropdown") {
      const option = random.pick(
        definition.options ?? [{ id: seededUuid(random), label: "Other" }],
      );
      values.push({ ...base, value: option.id, text: option.label });
    } else if (definition.type === "number") {
      const seats = random.int(1, 250);
      values.push({ ...base, value: seats, text: String(seats) });
    } else if (definition.type === "date") {
      const date = dateAt(createdMs);
      values.push({ ...base, value: date, text: date });
    } else if (definition.type === "url") {
      const url = `https://admin.${company.domain}/accounts/${id}`;
      values.push({ ...base, value: url, text: url });
    } else {
      const text = `ACC-${random.int(10000, 99999)}`;
      values.push({ ...base, value: text, text });
    }
  }
  return values;
}

function organizationValues(ctx: SeedContext): M["OrganizationPropertyValue"][] {
  const { random, now } = ctx;
  return ctx.data.organizationProperties
    .filter(() => random.chance(0.7))
    .map((definition) => {
      const value =
        definition.type === "dropdown"
          ? random.pick(definition.options ?? [{ label: "Other" }]).label
          : definition.type === "number"
            ? String(random.int(5, 500) * 1000)
            : definition.type === "date"
              ? dateAt(timeBetween(random, now, now + 300 * DAY))
              : definition.type === "url"
                ? `https://crm.${ctx.company.domain}/accounts/${random.int(1000, 9999)}`
                : random.pick(FIRST_NAMES);
      return {
        definitionId: definition.slug,
        slug: definition.slug,
        name: definition.name,
        type: definition.type,
        value,
        ...(definition.options ? { options: definition.options } : {}),
      };
    });
}
