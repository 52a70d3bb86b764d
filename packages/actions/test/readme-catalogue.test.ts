import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { catalogueTable, withTable } from "../scripts/catalogue-table.js";
import { listActions } from "../src/index.js";

describe("README catalogue table", () => {
  it("is the table generated from the catalogue (run `pnpm catalogue:readme` to refresh it)", async () => {
    const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
    expect(
      withTable(readme),
      "README.md's catalogue table is stale: run `pnpm catalogue:readme`",
    ).toBe(readme);
  });

  it("has a row per action, and would change with the catalogue", () => {
    const table = catalogueTable();
    for (const { name } of listActions()) expect(table).toContain(`| \`${name}\` |`);
    const fewer = catalogueTable(listActions().slice(1));
    expect(fewer).not.toBe(table);
  });
});
