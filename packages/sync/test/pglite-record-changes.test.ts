import { PGlite } from "@electric-sql/pglite";
import { vi } from "vitest";
import { createPgliteRecordStore } from "../src/index.js";
import { describeRecordChangesContract } from "./record-changes-contract.js";

// Opening a PGlite takes 1-2 s alone and several seconds when test files run in parallel.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

describeRecordChangesContract("PGlite store", {
  database: async () => {
    const db = await PGlite.create("memory://");
    return {
      open: () => createPgliteRecordStore({ db }),
      inspect: async (sql) =>
        (
          await db.query(
            sql({ records: "helpscout_records", migrations: "helpscout_sync_migrations" }),
          )
        ).rows as never[],
      dispose: () => db.close(),
    };
  },
});
