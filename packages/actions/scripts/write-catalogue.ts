import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { withTable } from "./catalogue-table.js";

/** Rewrites the catalogue table of README.md from the catalogue (`pnpm catalogue:readme`). */
const readmePath = fileURLToPath(new URL("../README.md", import.meta.url));
const before = await readFile(readmePath, "utf8");
const after = withTable(before);
if (after === before) {
  process.stdout.write("README.md: the catalogue table is up to date.\n");
} else {
  await writeFile(readmePath, after);
  process.stdout.write("README.md: catalogue table rewritten.\n");
}
