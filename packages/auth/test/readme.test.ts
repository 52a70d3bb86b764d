import { readdir, readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";

/** README code must be real: every TypeScript block is an example file that typechecks. */
describe("README", () => {
  it("shows only code that stands in examples/ (typechecked with the package)", async () => {
    const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
    // Compared with white space folded, so the formatter may rewrap either side.
    const fold = (code: string) => code.replace(/\s+/g, " ").trim();
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => fold(m[1] ?? ""));
    const dir = new URL("../examples/", import.meta.url);
    const files = await readdir(dir);
    const examples = await Promise.all(
      files.map(async (f) => fold(await readFile(new URL(f, dir), "utf8"))),
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
