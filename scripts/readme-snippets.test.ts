import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * README code must be real: every TypeScript block of a README stands in a file of the examples/
 * folder beside it, and those folders are typechecked (root and package tsconfig.json include
 * them). Compared with white space folded, so the formatter may rewrap either side.
 */
const READMES = [
  "README.md",
  ...[
    "actions",
    "auth",
    "cli",
    "connection",
    "docs",
    "emulator",
    "mailbox",
    "sync",
    "webhooks",
  ].map((p) => `packages/${p}/README.md`),
];

const fold = (code: string) => code.replace(/\s+/g, " ").trim();

describe.each(READMES)("%s", (readmePath) => {
  it("shows only TypeScript that stands in its examples/ folder", async () => {
    const readme = await readFile(readmePath, "utf8");
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => fold(m[1] ?? ""));
    const dir = join(readmePath, "..", "examples");
    const examples = await Promise.all(
      (await readdir(dir)).map(async (f) => fold(await readFile(join(dir, f), "utf8"))),
    );
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      expect(
        examples.some((example) => example.includes(block)),
        block.slice(0, 80),
      ).toBe(true);
    }
  });
});
