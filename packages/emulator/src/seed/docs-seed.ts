import type { DocsData } from "../types.js";
import type { SeedInput } from "./seed-input.js";

/** STUB — replaced by the Docs seeder. */
export function seedDocs(_input: SeedInput): DocsData {
  return {
    sites: new Map(),
    restrictions: new Map(),
    collections: new Map(),
    categories: new Map(),
    articles: new Map(),
    revisions: new Map(),
    drafts: new Map(),
    redirects: new Map(),
    nextNumber: 1,
  };
}
