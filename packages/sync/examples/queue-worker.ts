import { createPostgresConnectionStore, Terapi } from "@terapi/connection";
import { RedisBudgetStore } from "@terapi/helpscout-auth/redis";
import { createPostgresRecordStore } from "@terapi/helpscout-sync";
import { connectionClients, createSyncWorker } from "@terapi/helpscout-sync/queue";
import { Redis } from "ioredis";

const databaseUrl = process.env.DATABASE_URL ?? "postgres://localhost:5432/helpscout";
// BullMQ's workers need maxRetriesPerRequest: null (commands wait for a reconnect).
const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", {
  maxRetriesPerRequest: null,
});

// Connections (encrypted with TERAPI_ENCRYPTION_KEY) live in Postgres: every worker process
// reads them, and exactly one of them refreshes an expiring token.
const terapi = new Terapi({
  store: createPostgresConnectionStore({ connectionString: databaseUrl }),
  integrations: {
    "helpscout-mailbox": {
      clientId: process.env.HELPSCOUT_APP_ID,
      clientSecret: process.env.HELPSCOUT_APP_SECRET,
    },
  },
});

const worker = createSyncWorker({
  connection: redis,
  recordStore: createPostgresRecordStore({ connectionString: databaseUrl }),
  // Per connection: Mailbox and Docs clients on its stored connections, throttled on a budget
  // that every worker shares, so together they never exceed the account's limit.
  clientsFor: connectionClients({ terapi, budgetStore: new RedisBudgetStore({ redis }) }),
  concurrency: 8,
  onEvent: (event) => {
    if (event.type === "job-done") console.log(event.connectionId, event.model, event.summary);
    if (event.type === "job-failed") console.error(event.connectionId, event.model, event.outcome);
  },
});

// Running syncs stop after the page being committed and go back to the queue.
process.once("SIGTERM", () => {
  void worker.close().then(() => redis.quit());
});
