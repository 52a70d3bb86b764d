import { join } from "node:path";
import { HelpScoutError, isHelpScoutError } from "@terapi/helpscout-auth";
import {
  createPgliteRecordStore,
  createPostgresRecordStore,
  type RecordStore,
} from "@terapi/helpscout-sync";

/** The record store a command uses, and which kind it is. */
export interface OpenedRecordStore {
  store: RecordStore;
  kind: "pglite" | "postgres";
  /** Where it lives, for messages: the data directory, or the database host (no password). */
  location: string;
}

/**
 * `--db <postgres-url>` opens the Postgres store; otherwise the embedded PGlite store in
 * `<dataDir>/helpscout-sync`. Tables are created or upgraded before it is returned.
 *
 * @throws HelpScoutError `store_unavailable` when the database cannot be opened or migrated.
 */
export async function openRecordStore(options: {
  dataDir: string;
  db: string | undefined;
}): Promise<OpenedRecordStore> {
  const opened: OpenedRecordStore = options.db
    ? {
        store: createPostgresRecordStore({ connectionString: options.db }),
        kind: "postgres",
        location: hostOf(options.db),
      }
    : {
        store: createPgliteRecordStore({ dataDir: join(options.dataDir, "helpscout-sync") }),
        kind: "pglite",
        location: join(options.dataDir, "helpscout-sync"),
      };
  try {
    await opened.store.migrate();
  } catch (error) {
    await opened.store.close().catch(() => undefined);
    if (isHelpScoutError(error)) throw error;
    // Refused logins, unreachable hosts, a data directory in use: expected, so no stack.
    const reason = error instanceof Error ? error.message : String(error);
    throw new HelpScoutError({
      code: "store_unavailable",
      message: `cannot open the record store at ${opened.location}: ${reason}`,
      cause: error,
    });
  }
  return opened;
}

/** `postgres://host:port/db` without user and password. */
function hostOf(url: string): string {
  if (!URL.canParse(url)) return "the --db database";
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}
