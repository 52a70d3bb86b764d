import { recount, siteBaseUrl, slugify, UNCATEGORIZED_SLUG } from "../docs/store.js";
import type { D, DocsData } from "../types.js";
import {
  COLLECTION_THEMES,
  COMPANIES,
  type CollectionTheme,
  DEFAULT_AUTHORS,
  SITE_KINDS,
} from "./docs-corpus.js";
import { seedArticles, seedRedirects } from "./docs-seed-articles.js";
import type { SeedInput } from "./seed-input.js";

const DAY = 86_400_000;

/** Input of {@link seedDocs}: the shared seed input, optionally with the users who write Docs. */
export interface DocsSeedInput extends SeedInput {
  /** Authors of seeded objects and revisions (default: four built-in people, ids 1–4). */
  authors?: readonly D["Person"][];
}

/** What the seeding steps share. */
export interface DocsSeeding {
  input: DocsSeedInput;
  docs: DocsData;
  authors: readonly D["Person"][];
  company: string;
  companySlug: string;
  /** The emulated time the seed treats as now (Unix ms, whole seconds). */
  now: number;
  /** The ISO time `msAgo` milliseconds before {@link DocsSeeding.now}. */
  iso(msAgo: number): string;
  /** An ISO time between `min` and `max` days before {@link DocsSeeding.now}. */
  daysAgo(min: number, max: number): string;
}

/**
 * Seeds one account's Docs: `size.sites` sites (every third one restricted), `collectionsPerSite`
 * public and private collections per site, `categoriesPerCollection` categories per collection
 * (the last one "Uncategorized"), `size.articles` published and unpublished articles with HTML
 * text, keywords, related articles, view counts, 1–3 revisions (newest first) and some drafts,
 * and `size.redirects` redirects. Everything comes from the seeded PRNG and the clock, so the same
 * seed and start time give the same data.
 */
export function seedDocs(input: DocsSeedInput): DocsData {
  const { random, clock, accountIndex } = input;
  const company = COMPANIES[accountIndex % COMPANIES.length] ?? "Acme";
  const round = Math.floor(accountIndex / COMPANIES.length);
  // One "now" (whole seconds) for the whole seed, so real time passing does not change the data.
  const now = Math.floor(clock.now() / 1000) * 1000;
  const seeding: DocsSeeding = {
    input,
    docs: {
      sites: new Map(),
      restrictions: new Map(),
      collections: new Map(),
      categories: new Map(),
      articles: new Map(),
      revisions: new Map(),
      drafts: new Map(),
      redirects: new Map(),
      nextNumber: 1,
    },
    authors: input.authors?.length ? input.authors : DEFAULT_AUTHORS,
    company,
    companySlug: slugify(company) + (round ? `-${round + 1}` : ""),
    now,
    iso: (msAgo) => `${new Date(now - msAgo).toISOString().slice(0, 19)}Z`,
    daysAgo: (min, max) => seeding.iso(random.int(min * DAY, max * DAY)),
  };
  let themeIndex = accountIndex;
  for (let s = 0; s < input.size.sites; s += 1) {
    const site = seedSite(seeding, s);
    for (let j = 0; j < input.size.collectionsPerSite; j += 1) {
      seedCollection(seeding, site, j, themeIndex);
      themeIndex += 1;
    }
  }
  seedArticles(seeding);
  for (const collectionId of seeding.docs.collections.keys()) recount(seeding.docs, collectionId);
  seedRedirects(seeding);
  return seeding.docs;
}

function seedSite(seeding: DocsSeeding, index: number): D["Site"] {
  const { input, company, companySlug, docs } = seeding;
  const { random } = input;
  const kind = SITE_KINDS[index % SITE_KINDS.length] ?? SITE_KINDS[0];
  const round = Math.floor(index / SITE_KINDS.length);
  const suffix = [kind.suffix, round ? String(round + 1) : ""].filter(Boolean).join("-");
  const site: D["Site"] = {
    id: random.hex(24),
    status: "active",
    subDomain: suffix ? `${companySlug}-${suffix}` : companySlug,
    cname: index === 0 ? `help.${companySlug}.com` : null,
    hasPublicSite: true,
    companyName: company,
    title: `${company} ${kind.title}${round ? ` ${round + 1}` : ""}`,
    logoUrl: `https://d33v4339jhl8k0.cloudfront.net/docs/assets/${random.hex(24)}/logo.png`,
    logoWidth: 180,
    logoHeight: 48,
    favIconUrl: null,
    touchIconUrl: null,
    homeUrl: `https://www.${companySlug}.com`,
    homeLinkText: `Back to ${company}`,
    bgColor: random.pick(["#f5f7fa", "#ffffff", "#1f2937", "#eef6ff"]),
    description: `Answers and guides from the ${company} team.`,
    hasContactForm: index === 0,
    mailboxId: null,
    contactEmail: `support@${companySlug}.com`,
    styleSheetUrl: null,
    headerCode: null,
    createdBy: random.pick(seeding.authors).id,
    updatedBy: null,
    createdAt: seeding.daysAgo(900, 1400),
    updatedAt: null,
  };
  docs.sites.set(site.id, site);
  const restricted = index % 3 === 2;
  docs.restrictions.set(
    site.id,
    restricted
      ? {
          enabled: true,
          authentication: "CALLBACK",
          callbackConfiguration: {
            signInUrl: `https://www.${companySlug}.com/docs/sign-in`,
            sharedSecret: Buffer.from(random.hex(64), "hex").toString("base64"),
          },
        }
      : { enabled: false },
  );
  return site;
}

function seedCollection(seeding: DocsSeeding, site: D["Site"], order: number, themeIndex: number) {
  const { docs, input } = seeding;
  const { random } = input;
  const theme = COLLECTION_THEMES[themeIndex % COLLECTION_THEMES.length] as CollectionTheme;
  const repeat = Math.floor(themeIndex / COLLECTION_THEMES.length);
  const name = repeat ? `${theme.name} ${repeat + 1}` : theme.name;
  const number = docs.nextNumber++;
  const slug = slugify(name);
  const updated = random.chance(0.5);
  const collection: D["Collection"] = {
    id: random.hex(24),
    siteId: site.id,
    number,
    slug,
    visibility: theme.private ? "private" : "public",
    order: order + 1,
    name,
    description: theme.description,
    publicUrl: `${siteBaseUrl(site)}/collection/${number}-${slug}`,
    articleCount: 0,
    publishedArticleCount: 0,
    createdBy: random.pick(seeding.authors).id,
    updatedBy: updated ? random.pick(seeding.authors).id : null,
    createdAt: seeding.daysAgo(400, 900),
    updatedAt: updated ? seeding.daysAgo(1, 399) : null,
  };
  docs.collections.set(collection.id, collection);
  const total = Math.max(1, input.size.categoriesPerCollection);
  for (let k = 0; k < total; k += 1) {
    const last = k === total - 1;
    const base = theme.categories[k % theme.categories.length] ?? "General";
    const lap = Math.floor(k / theme.categories.length);
    const categoryName = last ? "Uncategorized" : lap ? `${base} ${lap + 1}` : base;
    const categoryNumber = docs.nextNumber++;
    const categorySlug = last ? UNCATEGORIZED_SLUG : slugify(categoryName);
    const category: D["Category"] = {
      id: random.hex(24),
      number: categoryNumber,
      slug: categorySlug,
      visibility: theme.private || (!last && random.chance(0.1)) ? "private" : "public",
      collectionId: collection.id,
      order: k + 1,
      defaultSort: last
        ? "popularity"
        : random.pick(["popularity", "popularity", "name", "custom"]),
      name: categoryName,
      description: last ? null : `${categoryName} articles for ${name}.`,
      articleCount: 0,
      publishedArticleCount: 0,
      publicUrl: `${siteBaseUrl(site)}/category/${categoryNumber}-${categorySlug}`,
      createdBy: random.pick(seeding.authors).id,
      updatedBy: null,
      createdAt: seeding.daysAgo(300, 399),
      updatedAt: null,
    };
    docs.categories.set(category.id, category);
  }
}
