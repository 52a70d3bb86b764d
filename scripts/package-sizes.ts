/**
 * What each published entry point costs a bundle: every `exports` entry of every package that is
 * not `"private": true`, bundled from its built `dist` with esbuild (minified ESM, platform node),
 * then gzipped (node:zlib, level 9).
 *
 *   tsx scripts/package-sizes.ts                  print the table; exit 1 over a budget
 *   tsx scripts/package-sizes.ts --write-readme   also rewrite the table in README.md
 *
 * Bundling rule: the package's own workspace dependencies (`@terapi/*` under packages/) are
 * bundled in, since an app gets them with it; third-party packages and Node builtins stay
 * external, since an app shares them or its runtime has them. The packages need a build first
 * (`pnpm build`).
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { builtinModules } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Plugin } from "esbuild";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** One measured entry point. */
export interface EntrySize {
  /** Package name, e.g. `@terapi/helpscout-mailbox`. */
  name: string;
  /** The `exports` key, e.g. `.` or `./redis`. */
  entry: string;
  /** Minified bundle, bytes. */
  min: number;
  /** Minified and gzipped (level 9), bytes. */
  gzip: number;
  /** The minified bundle itself. */
  code: string;
}

/** A limit on one entry's min+gz size. */
export interface SizeBudget {
  name: string;
  entry: string;
  /** Bytes, min+gz; 1 kB = 1000 bytes. */
  maxGzip: number;
}

/** The Mailbox client must stay small enough for any app to take it in (types excluded). */
export const BUDGETS: readonly SizeBudget[] = [
  { name: "@terapi/helpscout-mailbox", entry: ".", maxGzip: 8000 },
];

/** The rule the table follows, printed with it. */
export const BUNDLING_RULE =
  "esbuild, minified ESM, platform node, from each package's built dist; the package's own workspace dependencies bundled in, third-party packages and node: builtins external; gzip level 9 (node:zlib); 1 kB = 1000 bytes; types excluded.";

interface Manifest {
  name: string;
  private?: boolean;
  exports?: Record<string, string | Record<string, string>>;
}

/** Every package under packages/ that is published (not private), with its directory. */
export async function publishedPackages(
  root = REPO_ROOT,
): Promise<{ dir: string; manifest: Manifest }[]> {
  const dirs = (await readdir(join(root, "packages"), { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, "packages", entry.name))
    .sort();
  const found: { dir: string; manifest: Manifest }[] = [];
  for (const dir of dirs) {
    const text = await readFile(join(dir, "package.json"), "utf8").catch(() => undefined);
    if (text === undefined) continue;
    const manifest = JSON.parse(text) as Manifest;
    if (manifest.private !== true) found.push({ dir, manifest });
  }
  return found;
}

/** The JavaScript entry points of an `exports` map: key → file, `./package.json` left out. */
export function entryPoints(manifest: Manifest): { entry: string; file: string }[] {
  return Object.entries(manifest.exports ?? {}).flatMap(([entry, target]) => {
    const file = typeof target === "string" ? target : (target.import ?? target.default);
    return file?.endsWith(".js") ? [{ entry, file }] : [];
  });
}

/** Keeps every import that is not one of the workspace's packages (or a relative path) external. */
function externalsPlugin(workspace: ReadonlySet<string>): Plugin {
  const builtins = new Set(builtinModules);
  return {
    name: "third-party-external",
    setup(esbuild) {
      esbuild.onResolve({ filter: /^[^./]/ }, ({ path }) => {
        if (path.startsWith("node:") || builtins.has(path)) return { path, external: true };
        const name = path.startsWith("@") ? path.split("/", 2).join("/") : path.split("/")[0];
        return workspace.has(name ?? "") ? undefined : { path, external: true };
      });
    },
  };
}

/** Bundles and measures every published entry point. Fails if one is not built. */
export async function measurePackageSizes(root = REPO_ROOT): Promise<EntrySize[]> {
  const packages = await publishedPackages(root);
  const workspace = new Set(packages.map(({ manifest }) => manifest.name));
  const sizes: EntrySize[] = [];
  for (const { dir, manifest } of packages) {
    for (const { entry, file } of entryPoints(manifest)) {
      const path = join(dir, file);
      const built = await readFile(path).catch(() => undefined);
      if (built === undefined) {
        throw new Error(`${manifest.name} ${entry}: ${path} is missing; run \`pnpm build\` first.`);
      }
      const result = await build({
        entryPoints: [path],
        bundle: true,
        minify: true,
        format: "esm",
        platform: "node",
        write: false,
        logLevel: "silent",
        plugins: [externalsPlugin(workspace)],
      });
      const code = result.outputFiles[0]?.text ?? "";
      const min = Buffer.byteLength(code);
      const gzip = gzipSync(code, { level: 9 }).byteLength;
      sizes.push({ name: manifest.name, entry, min, gzip, code });
    }
  }
  return sizes;
}

/** Bytes as kB (1000 bytes) with two decimals. */
export function kilobytes(bytes: number): string {
  return `${(bytes / 1000).toFixed(2)} kB`;
}

/** The budgets each entry is held to, with their verdicts. */
export function checkBudgets(sizes: readonly EntrySize[], budgets = BUDGETS) {
  return budgets.map((budget) => {
    const size = sizes.find((s) => s.name === budget.name && s.entry === budget.entry);
    return { budget, size, pass: size !== undefined && size.gzip <= budget.maxGzip };
  });
}

/** The markdown table: package, entry, min, min+gz, and the limit where one applies. */
export function sizeTable(sizes: readonly EntrySize[], budgets = BUDGETS): string {
  const rows = sizes.map((s) => {
    const budget = budgets.find((b) => b.name === s.name && b.entry === s.entry);
    const limit = budget
      ? `≤ ${kilobytes(budget.maxGzip)} min+gz: ${s.gzip <= budget.maxGzip ? "PASS" : "FAIL"}`
      : "";
    return [`\`${s.name}\``, `\`${s.entry}\``, kilobytes(s.min), kilobytes(s.gzip), limit];
  });
  return markdownTable(["package", "entry", "min", "min+gz", "limit"], rows, [
    "left",
    "left",
    "right",
    "right",
    "left",
  ]);
}

/** A markdown table with its columns padded to one width, as a formatter would leave it. */
function markdownTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly ("left" | "right")[],
): string {
  const widths = head.map((cell, i) =>
    Math.max(cell.length, 3, ...rows.map((r) => r[i]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => (align[i] === "right" ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join(" | ")} |`;
  const rule = widths.map((w, i) =>
    align[i] === "right" ? `${"-".repeat(w - 1)}:` : "-".repeat(w),
  );
  return [line(head), `| ${rule.join(" | ")} |`, ...rows.map(line)].join("\n");
}

export const README_START = "<!-- sizes:start -->";
export const README_END = "<!-- sizes:end -->";

/** `readme` with the text between the size markers replaced by `table`. */
export function replaceSizeTable(readme: string, table: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start === -1 || end < start) {
    throw new Error(`README.md needs ${README_START} … ${README_END} for the size table.`);
  }
  const note = `_Generated by \`tsx scripts/package-sizes.ts --write-readme\`: ${BUNDLING_RULE}_`;
  return `${readme.slice(0, start + README_START.length)}\n\n${table}\n\n${note}\n\n${readme.slice(end)}`;
}

async function main(): Promise<void> {
  const out = (line = "") => process.stdout.write(`${line}\n`);
  const sizes = await measurePackageSizes();
  out("Package sizes, per published entry point");
  out(`  ${BUNDLING_RULE}`);
  out();
  out(sizeTable(sizes));
  out();
  const verdicts = checkBudgets(sizes);
  for (const { budget, size, pass } of verdicts) {
    const measured = size ? kilobytes(size.gzip) : "not measured";
    out(
      `${budget.name} ${budget.entry}: ${measured} min+gz, target ≤ ${kilobytes(budget.maxGzip)}  ${pass ? "PASS" : "FAIL"}`,
    );
  }
  if (process.argv.includes("--write-readme")) {
    const path = join(REPO_ROOT, "README.md");
    await writeFile(path, replaceSizeTable(await readFile(path, "utf8"), sizeTable(sizes)));
    out("\nREADME.md: size table rewritten.");
  }
  if (verdicts.some((v) => !v.pass)) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
