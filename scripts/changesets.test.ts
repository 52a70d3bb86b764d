import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

/**
 * Every changeset must be one `changeset version` can read: a front matter block naming published
 * workspace packages with a bump, then a summary. A formatter that rewrites `---` blocks into
 * headings (it happened) would make the release skip those notes without a word.
 */
const BUMPS = new Set(["major", "minor", "patch"]);

async function publishedPackages(): Promise<Set<string>> {
  const names = new Set<string>();
  for (const dir of await readdir("packages")) {
    const manifest = await readFile(join("packages", dir, "package.json"), "utf8").catch(
      () => undefined,
    );
    if (manifest === undefined) continue;
    const json = JSON.parse(manifest) as { name: string; private?: boolean };
    if (!json.private) names.add(json.name);
  }
  return names;
}

async function changesetFiles(): Promise<string[]> {
  return (await readdir(".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md");
}

describe(".changeset/*.md", async () => {
  const files = await changesetFiles();
  const published = await publishedPackages();

  it("has changesets to check", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)(
    "%s has front matter of published packages with a bump, then a summary",
    async (file) => {
      const text = await readFile(join(".changeset", file), "utf8");
      const match = /^---\n([\s\S]*?)\n---\n+(\S[\s\S]*)$/.exec(text);
      expect(match, `${file} does not start with a --- front matter block`).not.toBeNull();
      const [, frontMatter = "", summary = ""] = match ?? [];
      const releases = parse(frontMatter) as Record<string, string> | null;
      expect(releases, `${file} names no package`).toBeTypeOf("object");
      for (const [name, bump] of Object.entries(releases ?? {})) {
        expect(published, `${file}: ${name} is not a published workspace package`).toContain(name);
        expect(BUMPS, `${file}: ${name} has bump "${bump}"`).toContain(bump);
      }
      expect(summary.trim().length).toBeGreaterThan(10);
    },
  );
});
