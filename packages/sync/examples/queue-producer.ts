import { createSyncQueue } from "@terapi/helpscout-sync/queue";

const syncs = createSyncQueue({ connection: process.env.REDIS_URL ?? "redis://127.0.0.1:6379" });
// Every model of acme every 15 minutes: one job scheduler per model (scheduling again replaces it).
await syncs.schedule({ connectionId: "acme", everyMs: 15 * 60_000 });
// And its conversations right now, e.g. just after the customer connected.
await syncs.enqueue({ connectionId: "acme", models: ["conversations"] });
console.log(await syncs.counts()); // { waiting, active, delayed, completed, failed }
await syncs.close();
