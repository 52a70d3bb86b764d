import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { PGlite } from "@electric-sql/pglite";

/** Options of {@link openPgliteDataDir}. */
export interface OpenPgliteDataDirOptions {
  /**
   * Staging directories older than this (milliseconds) are deemed left by a killed process and
   * removed. Default ten minutes: a first open takes seconds, so a live one is never removed.
   */
  staleAfterMs?: number;
}

const DEFAULT_STALE_AFTER_MS = 10 * 60 * 1000;
/** Marks a staging sibling: `<dir>.init-<pid>-<random>`. */
const STAGING_MARK = ".init-";

/** Whether `dir` is missing or an empty directory, i.e. PGlite would run `initdb` into it. */
function isFresh(dir: string): boolean {
  try {
    return readdirSync(dir).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw error;
  }
}

/** Removes staging siblings of `dir` last touched more than `staleAfterMs` ago. */
function removeStaleStaging(dir: string, staleAfterMs: number): void {
  const parent = dirname(dir);
  const prefix = `${basename(dir)}${STAGING_MARK}`;
  const cutoff = Date.now() - staleAfterMs;
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(prefix)) continue;
    const path = join(parent, name);
    try {
      if (statSync(path).mtimeMs < cutoff) rmSync(path, { recursive: true, force: true });
    } catch {
      // Gone already (another process cleaned it): nothing to do.
    }
  }
}

/** Opens a PGlite and waits until it is ready to query. */
async function open(dataDir: string): Promise<PGlite> {
  const db = new PGlite(dataDir);
  await db.waitReady;
  return db;
}

/**
 * Opens a PGlite data directory so that a crash during its first open leaves nothing half-made.
 *
 * PGlite runs `initdb` into a new directory on first open (a few seconds). A process killed in
 * that window (SIGKILL, power loss) would leave a directory no later PGlite can open. So a
 * missing or empty `dataDir` is initialised in a sibling `<dataDir>.init-<pid>-<random>`, closed
 * cleanly, then renamed into place, which is atomic on one filesystem. If another process won
 * that race, its directory is kept and opened, and ours discarded. Staging siblings left by a
 * killed process are removed once older than `staleAfterMs`.
 *
 * A non-empty directory opens as it is (Postgres' own recovery brings it back to its last
 * commit); a URL-style `dataDir` (`memory://`, `idb://`, …) is passed to PGlite unchanged.
 *
 * @returns The ready database; the caller closes it.
 * @example
 * ```ts
 * const db = await openPgliteDataDir(".data/terapi");
 * await db.query("SELECT 1");
 * await db.close();
 * ```
 */
export async function openPgliteDataDir(
  dataDir: string,
  options: OpenPgliteDataDirOptions = {},
): Promise<PGlite> {
  if (dataDir.includes("://") || !isFresh(dataDir)) return open(dataDir);
  mkdirSync(dirname(dataDir), { recursive: true });
  removeStaleStaging(dataDir, options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS);
  const staging = `${dataDir}${STAGING_MARK}${process.pid}-${randomBytes(6).toString("hex")}`;
  try {
    const initialising = await open(staging);
    await initialising.close();
    try {
      // Replaces a missing or empty `dataDir`; fails if another process put its own there first.
      renameSync(staging, dataDir);
    } catch (error) {
      if (isFresh(dataDir)) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return open(dataDir);
}
