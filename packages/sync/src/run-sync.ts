import { HelpScoutError } from "@terapi/helpscout-auth";
import type { DocsClient } from "@terapi/helpscout-docs";
import type { MailboxClient } from "@terapi/helpscout-mailbox";
import { syncModels } from "./models/all-models.js";
import { countRequests } from "./request-counter.js";
import { type ModelSummary, runModel, type SyncProgressEvent } from "./run-model.js";
import { type ModelFailure, SyncError } from "./sync-error.js";
import type { AnySyncModel, ListedParents, SyncClient, SyncModel } from "./sync-model.js";
import type { RecordStore, SyncApi } from "./types.js";

/** Options of {@link runSync}. */
export interface RunSyncOptions {
  /** Where records and checkpoints go (PGlite, Postgres, or your own). */
  store: RecordStore;
  /** Whose account: the `connectionId` of every record and checkpoint written. */
  connectionId: string;
  /** The Mailbox API client; without it, Mailbox models are not synced. */
  mailbox?: MailboxClient;
  /** The Docs API client; without it, Docs models are not synced. */
  docs?: DocsClient;
  /**
   * Only these models (names from {@link syncModels}, e.g. `["conversations", "tags"]`).
   * Default: every model of the APIs whose client is given.
   */
  models?: readonly string[];
  /**
   * List everything and sweep what is gone, incremental models included (for conversations,
   * the reconciliation of deletes the webhooks missed). Default `false`.
   */
  full?: boolean;
  /** Called as models start, commit pages, finish or fail. */
  onProgress?: (event: SyncProgressEvent) => void;
  /** Stops the run: requests in flight are aborted, committed pages stay. */
  signal?: AbortSignal;
}

/** What a run did, per model (in sync order). */
export interface SyncSummary {
  connectionId: string;
  models: ModelSummary[];
  /** API requests of the whole run. */
  requests: number;
  durationMs: number;
}

const configurationError = (message: string) =>
  new HelpScoutError({
    code: "configuration_error",
    message: `@terapi/helpscout-sync: ${message}`,
  });

/** Connections being synced in this process, per store. */
const running = new WeakMap<RecordStore, Set<string>>();

function selectModels(options: RunSyncOptions): AnySyncModel[] {
  const clients: Record<SyncApi, unknown> = { mailbox: options.mailbox, docs: options.docs };
  if (options.models === undefined) {
    if (!options.mailbox && !options.docs) {
      throw configurationError("pass a `mailbox` client, a `docs` client, or both.");
    }
    return syncModels.filter((model) => clients[model.api] !== undefined);
  }
  const known = new Map(syncModels.map((model) => [model.name, model]));
  const unknown = options.models.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw configurationError(
      `unknown model ${unknown.map((name) => `"${name}"`).join(", ")}; the models are ${[...known.keys()].join(", ")}.`,
    );
  }
  const wanted = new Set(options.models);
  const selected = syncModels.filter((model) => wanted.has(model.name));
  const missing = selected.find((model) => clients[model.api] === undefined);
  if (missing) {
    throw configurationError(
      `model "${missing.name}" reads the ${missing.api} API: pass a \`${missing.api}\` client.`,
    );
  }
  return selected;
}

/** Runs the models of one API one after another, counting that client's requests. */
async function runLane<A extends SyncApi>(
  options: RunSyncOptions,
  models: SyncModel<A>[],
  client: SyncClient<A>,
): Promise<{ summaries: ModelSummary[]; requests: number }> {
  const counter = countRequests(client);
  const listed: ListedParents = {};
  const summaries: ModelSummary[] = [];
  try {
    for (const model of models) {
      if (options.signal?.aborted) break;
      summaries.push(
        await runModel({
          store: options.store,
          model,
          client,
          connectionId: options.connectionId,
          full: options.full === true,
          signal: options.signal,
          listed,
          counter,
          onProgress: options.onProgress,
        }),
      );
    }
    return { summaries, requests: counter.requests };
  } finally {
    counter.detach();
  }
}

const isModelOf =
  <A extends SyncApi>(api: A) =>
  (model: AnySyncModel): model is Extract<AnySyncModel, { api: A }> =>
    model.api === api;

/**
 * Syncs Help Scout into a record store: every selected model, page by page, each page upserted
 * together with its checkpoint in one transaction — so a crash at any instant loses nothing and
 * duplicates nothing, and the next run resumes where the last committed page left off.
 *
 * Incremental models (conversations with their threads, customers) start from the stored
 * watermark (minus a second) and ask only for what changed; full models list everything and
 * mark what they did not see as deleted. Mailbox and Docs models run side by side (separate
 * rate budgets), the models of one API one after another. Pacing is the clients' throttle's: a
 * run uses the account's budget without 429s and leaves the share the throttle reserves.
 *
 * @throws HelpScoutError `configuration_error` for an unknown model, a model whose client is
 *   missing, or a connection this store is already syncing in this process.
 * @throws SyncError `sync_failed` when a model failed (the others still ran), `aborted` when the
 *   signal stopped the run; both carry the {@link SyncSummary}.
 * @example
 * ```ts
 * const store = createPgliteRecordStore({ dataDir: ".data/helpscout-sync" });
 * const summary = await runSync({ store, connectionId: "acme", mailbox, docs });
 * for (const model of summary.models) console.log(model.model, model.inserted, model.updated);
 * ```
 */
export async function runSync(options: RunSyncOptions): Promise<SyncSummary> {
  if (typeof options.connectionId !== "string" || options.connectionId === "") {
    throw configurationError("`connectionId` must be a non-empty string.");
  }
  const models = selectModels(options);
  const busy = running.get(options.store) ?? new Set<string>();
  if (busy.has(options.connectionId)) {
    throw configurationError(
      `connection "${options.connectionId}" is already being synced into this store; wait for that run to end.`,
    );
  }
  busy.add(options.connectionId);
  running.set(options.store, busy);
  const started = performance.now();
  try {
    await options.store.migrate();
    const mailboxModels = models.filter(isModelOf("mailbox"));
    const docsModels = models.filter(isModelOf("docs"));
    const empty = { summaries: [], requests: 0 };
    const [mailbox, docs] = await Promise.all([
      options.mailbox && mailboxModels.length > 0
        ? runLane(options, mailboxModels, options.mailbox)
        : empty,
      options.docs && docsModels.length > 0 ? runLane(options, docsModels, options.docs) : empty,
    ]);
    const byName = new Map(
      [...mailbox.summaries, ...docs.summaries].map((summary) => [summary.model, summary]),
    );
    const summary: SyncSummary = {
      connectionId: options.connectionId,
      models: models.flatMap((model) => byName.get(model.name) ?? []),
      requests: mailbox.requests + docs.requests,
      durationMs: Math.round(performance.now() - started),
    };
    const failures: ModelFailure[] = summary.models.flatMap((model) =>
      model.error === undefined ? [] : [{ model: model.model, error: model.error }],
    );
    if (options.signal?.aborted) {
      throw new SyncError({
        code: "aborted",
        message: `@terapi/helpscout-sync: the sync of "${options.connectionId}" was aborted; the next run resumes from the last committed page.`,
        summary,
        failures,
      });
    }
    if (failures.length > 0) {
      const reasons = failures
        .map(
          ({ model, error }) =>
            `${model} (${error instanceof Error ? error.message : String(error)})`,
        )
        .join("; ");
      throw new SyncError({
        code: "sync_failed",
        message: `@terapi/helpscout-sync: ${failures.length} of ${models.length} models failed: ${reasons}. The next run resumes them.`,
        summary,
        failures,
      });
    }
    return summary;
  } finally {
    busy.delete(options.connectionId);
  }
}
