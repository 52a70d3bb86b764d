import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  BUDGETS,
  type EntrySize,
  measurePackageSizes,
  README_END,
  README_START,
  replaceSizeTable,
  sizeTable,
} from "./package-sizes.js";

/** `name entry` of every exports entry of every non-private package, read here independently. */
async function publishedEntries(): Promise<string[]> {
  const entries: string[] = [];
  for (const dir of await readdir("packages")) {
    const text = await readFile(join("packages", dir, "package.json"), "utf8").catch(() => "");
    if (text === "") continue;
    const manifest = JSON.parse(text) as { name: string; private?: boolean; exports?: object };
    if (manifest.private) continue;
    for (const key of Object.keys(manifest.exports ?? {})) {
      if (key !== "./package.json") entries.push(`${manifest.name} ${key}`);
    }
  }
  return entries.sort();
}

describe("package sizes", () => {
  /** Needs every package built (turbo runs test:scripts after the builds). */
  let sizes: EntrySize[];
  beforeAll(async () => {
    sizes = await measurePackageSizes();
  });

  it("measures every entry point of every published package", async () => {
    const measured = sizes.map((s) => `${s.name} ${s.entry}`).sort();
    expect(measured).toEqual(await publishedEntries());
    expect(measured).toContain("@terapi/helpscout-auth ./redis");
  });

  it("keeps the Mailbox client entry within 8 kB min+gz", () => {
    for (const budget of BUDGETS) {
      const size = sizes.find((s) => s.name === budget.name && s.entry === budget.entry);
      expect(size, `${budget.name} ${budget.entry}`).toBeDefined();
      expect(size?.gzip).toBeLessThanOrEqual(budget.maxGzip);
    }
  });

  it("bundles workspace dependencies and leaves third-party packages external", () => {
    const mailbox = sizes.find((s) => s.name === "@terapi/helpscout-mailbox" && s.entry === ".");
    const imports = [...(mailbox?.code ?? "").matchAll(/from\s*"([^"]+)"/g)].map((m) => m[1]);
    expect(imports).toContain("openapi-fetch");
    expect(imports.filter((name) => name?.startsWith("@terapi/"))).toEqual([]);
    // The auth pipeline came in with it.
    expect(mailbox?.code).toContain("@terapi/helpscout-auth:");
  });
});

describe("README size table", () => {
  const table = "| package | entry | min | min+gz |";

  it("replaces what stands between the markers, and only that", () => {
    const readme = `# Title\n\n## Package sizes\n\n${README_START}\nold table\n${README_END}\n\nMIT\n`;
    const once = replaceSizeTable(readme, table);
    expect(once).not.toContain("old table");
    expect(once.startsWith("# Title\n\n## Package sizes\n\n")).toBe(true);
    expect(once.endsWith(`${README_END}\n\nMIT\n`)).toBe(true);
    expect(replaceSizeTable(once, table)).toBe(once);
  });

  it("refuses a README without the markers", () => {
    expect(() => replaceSizeTable("# Title\n", table)).toThrow(/sizes:start/);
  });

  it("marks the budgeted entry PASS or FAIL in the table", () => {
    const row = (gzip: number): EntrySize => ({
      name: "@terapi/helpscout-mailbox",
      entry: ".",
      min: 20_000,
      gzip,
      code: "",
    });
    expect(sizeTable([row(7000)])).toContain("| 7.00 kB | ≤ 8.00 kB min+gz: PASS |");
    expect(sizeTable([row(8001)])).toContain("| 8.00 kB | ≤ 8.00 kB min+gz: FAIL |");
  });
});
