import { isUncategorized, popularityOf, publicUrl, slugify } from "../docs/store.js";
import type { SeededRandom } from "../random.js";
import type { D } from "../types.js";
import {
  CLOSINGS,
  COLLECTION_THEMES,
  type CollectionTheme,
  INTROS,
  PREREQUISITES,
  STEPS,
  TITLE_TEMPLATES,
  VERBS,
} from "./docs-corpus.js";
import type { DocsSeeding } from "./docs-seed.js";

const DAY = 86_400_000;

/**
 * Seeds `size.articles` articles spread over the collections and their categories (about one in
 * seven left in "Uncategorized"), 80% published, with view counts, 1–3 revisions (newest first,
 * one per text change), drafts on some published ones and related articles in the same collection.
 */
export function seedArticles(seeding: DocsSeeding): void {
  const { docs, input } = seeding;
  const { random } = input;
  const collections = [...docs.collections.values()];
  if (collections.length === 0) return;
  const named = new Map<string, D["Category"][]>();
  const uncategorized = new Map<string, string>();
  for (const category of docs.categories.values()) {
    if (isUncategorized(category)) uncategorized.set(category.collectionId, category.id);
    else push(named, category.collectionId, category);
  }
  const names = new Map<string, Set<string>>();
  for (let i = 0; i < input.size.articles; i += 1) {
    const collection = random.pick(collections);
    const theme = themeOf(collection);
    const options = named.get(collection.id) ?? [];
    const chosen = options.length && random.chance(0.85) ? pickSome(random, options, 2) : [];
    const subject = random.pick(theme.subjects);
    const taken = names.get(collection.id) ?? new Set<string>();
    names.set(collection.id, taken);
    const name = uniqueName(random, taken, subject);
    const categoryName = chosen[0]?.name ?? theme.categories[0] ?? "Settings";
    const text = articleHtml(random, subject, categoryName);
    const published = random.chance(0.8);
    const createdMs = random.int(DAY, 299 * DAY);
    const updatedMs = random.chance(0.65) ? random.int(0, createdMs - 60_000) : undefined;
    const viewCount = published ? Math.floor(random.next() ** 3 * 8000) : 0;
    const number = docs.nextNumber++;
    const slug = slugify(name);
    const id = random.hex(24);
    const createdBy = random.pick(seeding.authors);
    const updatedBy = updatedMs === undefined ? null : random.pick(seeding.authors);
    const lastTouch = seeding.iso(updatedMs ?? createdMs);
    const hasDraft = published && random.chance(0.12);
    const fallback = uncategorized.get(collection.id);
    const categories = chosen.length ? chosen.map((c) => c.id) : fallback ? [fallback] : [];
    docs.articles.set(id, {
      id,
      number,
      collectionId: collection.id,
      slug,
      status: published ? "published" : "notpublished",
      hasDraft,
      name,
      text,
      categories,
      related: [],
      keywords: keywordsOf(subject, categoryName),
      publicUrl: publicUrl(docs, collection.id, "article", number, slug),
      popularity: popularityOf(viewCount),
      viewCount,
      createdBy: createdBy.id,
      updatedBy: updatedBy?.id ?? null,
      createdAt: seeding.iso(createdMs),
      updatedAt: updatedMs === undefined ? null : lastTouch,
      lastPublishedAt: published ? lastTouch : null,
    });
    const count = updatedMs === undefined ? 1 : random.int(2, 3);
    const revisions: D["ArticleRevision"][] = [];
    for (let r = 0; r < count; r += 1) {
      const newest = r === 0;
      const oldest = r === count - 1;
      const ms = newest
        ? (updatedMs ?? createdMs)
        : oldest
          ? createdMs
          : random.int(updatedMs ?? 0, createdMs);
      revisions.push({
        id: random.hex(24),
        articleId: id,
        createdBy: oldest ? createdBy : (updatedBy ?? createdBy),
        createdAt: seeding.iso(ms),
        text: newest ? text : articleHtml(random, subject, categoryName),
      });
    }
    docs.revisions.set(id, revisions);
    if (hasDraft) {
      docs.drafts.set(id, `${text}\n<p><em>Coming soon:</em> new screenshots for ${subject}.</p>`);
    }
  }
  relate(seeding);
}

/** Seeds `size.redirects` redirects over the sites: article, category, collection and custom. */
export function seedRedirects(seeding: DocsSeeding): void {
  const { docs, input, companySlug } = seeding;
  const { random } = input;
  const sites = [...docs.sites.values()];
  if (sites.length === 0) return;
  for (let r = 0; r < input.size.redirects; r += 1) {
    const site = sites[r % sites.length] as D["Site"];
    const collections = [...docs.collections.values()].filter((c) => c.siteId === site.id);
    const ids = new Set(collections.map((c) => c.id));
    const articles = [...docs.articles.values()].filter((a) => ids.has(a.collectionId));
    const categories = [...docs.categories.values()].filter((c) => ids.has(c.collectionId));
    const kinds = ["article", "category", "collection", "custom"] as const;
    const wanted = kinds[r % kinds.length] ?? "custom";
    const target =
      wanted === "article" && articles.length
        ? random.pick(articles)
        : wanted === "category" && categories.length
          ? random.pick(categories)
          : wanted === "collection" && collections.length
            ? random.pick(collections)
            : undefined;
    const type = target ? wanted : "custom";
    const legacyId = random.int(100_000_000, 999_999_999);
    const legacy = { article: "articles", category: "sections", collection: "categories" };
    const urlMapping = target
      ? `/hc/en-us/${legacy[wanted as keyof typeof legacy]}/${legacyId}-${target.slug ?? "page"}`
      : `/kb/${legacyId}-pricing-faq`;
    const createdAt = seeding.iso(random.int(DAY, 200 * DAY));
    const userId = random.pick(seeding.authors).id;
    const redirect: D["Redirect"] = {
      id: random.hex(24),
      siteId: site.id,
      urlMapping,
      type,
      documentId: target?.id ?? null,
      anchor: null,
      redirect: target?.publicUrl ?? `https://www.${companySlug}.com/pricing#faq`,
      createdBy: userId,
      createdAt,
      modifiedBy: userId,
      modifiedAt: createdAt,
      updatedBy: userId,
      updatedAt: createdAt,
    };
    docs.redirects.set(redirect.id, redirect);
  }
}

function themeOf(collection: D["Collection"]): CollectionTheme {
  return (COLLECTION_THEMES.find((theme) => collection.name.startsWith(theme.name)) ??
    COLLECTION_THEMES[0]) as CollectionTheme;
}

function pickSome<T>(random: SeededRandom, items: readonly T[], max: number): T[] {
  const picked = new Set<T>();
  const count = random.int(1, Math.min(max, items.length));
  while (picked.size < count) picked.add(random.pick(items));
  return [...picked];
}

/** A title not used yet in the collection (added to `taken`). */
function uniqueName(random: SeededRandom, taken: Set<string>, subject: string): string {
  for (let attempt = 0; ; attempt += 1) {
    const template = random.pick(TITLE_TEMPLATES);
    const title = template.replace("{verb}", random.pick(VERBS)).replace("{subject}", subject);
    const name = title.charAt(0).toUpperCase() + title.slice(1);
    const candidate = attempt < 10 ? name : `${name} (part ${attempt - 8})`;
    if (!taken.has(candidate)) {
      taken.add(candidate);
      return candidate;
    }
  }
}

/** Up to four search keywords from an article's subject and category. */
function keywordsOf(subject: string, category: string): string[] {
  const words = [...subject.toLowerCase().split(/\s+/), category.toLowerCase()];
  return [...new Set(words)].filter((word) => word.length > 3).slice(0, 4);
}

/** An article body: intro, prerequisites, numbered steps and a closing line. */
function articleHtml(random: SeededRandom, subject: string, category: string): string {
  const fill = (line: string) =>
    line.replaceAll("{subject}", subject).replaceAll("{category}", category);
  const steps = pickSome(random, STEPS, 4).map((step) => `<li>${fill(step)}</li>`);
  const needs = pickSome(random, PREREQUISITES, 2).map((item) => `<li>${item}</li>`);
  return [
    `<p>${fill(random.pick(INTROS))}</p>`,
    "<h2>Before you start</h2>",
    `<ul>${needs.join("")}</ul>`,
    "<h2>Steps</h2>",
    `<ol>${steps.join("")}</ol>`,
    `<p>${random.pick(CLOSINGS)}</p>`,
  ].join("\n");
}

/** About half the articles get 1–3 related articles from the same collection. */
function relate(seeding: DocsSeeding): void {
  const { docs, input } = seeding;
  const byCollection = new Map<string, D["Article"][]>();
  for (const article of docs.articles.values()) push(byCollection, article.collectionId, article);
  for (const article of [...docs.articles.values()]) {
    if (!input.random.chance(0.5)) continue;
    const siblings = byCollection.get(article.collectionId) ?? [];
    if (siblings.length < 2) continue;
    const related = new Set<string>();
    const count = input.random.int(1, Math.min(3, siblings.length - 1));
    while (related.size < count) {
      const other = input.random.pick(siblings);
      if (other.id !== article.id) related.add(other.id);
    }
    docs.articles.set(article.id, { ...article, related: [...related] });
  }
}

function push<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}
