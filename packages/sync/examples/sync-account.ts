import { createDocsClient } from "@terapi/helpscout-docs";
import { createMailboxClient } from "@terapi/helpscout-mailbox";
import { createPgliteRecordStore, runSync } from "@terapi/helpscout-sync";

// Records and checkpoints in an embedded Postgres (PGlite) under .data/, no server needed.
const store = createPgliteRecordStore({ dataDir: ".data/helpscout-sync" });
const mailbox = createMailboxClient({ accessToken: process.env.HELPSCOUT_ACCESS_TOKEN ?? "" });
const docs = createDocsClient({ apiKey: process.env.HELPSCOUT_DOCS_API_KEY ?? "" });

// First run: everything. Later runs: only what changed since (modifiedSince watermarks).
const summary = await runSync({ store, connectionId: "acme", mailbox, docs });
for (const model of summary.models) {
  console.log(model.model, model.inserted, model.updated, model.deleted, model.requests);
}

// Read what was synced, like the platform's records endpoint.
const { records, nextCursor } = await store.listRecords({
  connectionId: "acme",
  model: "conversations",
  limit: 10,
});
console.log(
  records.map((r) => r.id),
  nextCursor,
);
await store.close();
