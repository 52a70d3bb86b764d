import { randomUUID } from "node:crypto";
import { helpScoutTime, laterOf } from "./models/timestamps.js";
import type { RateBudget, RequestCounter } from "./request-counter.js";
import type {
  ListedParents,
  ModelPosition,
  SyncClient,
  SyncContext,
  SyncModel,
} from "./sync-model.js";
import type { Checkpoint, PageResult, RecordStore, SyncApi, SyncRecord } from "./types.js";

/**
 * How far before the stored watermark an incremental run starts. `modifiedSince` is inclusive
 * and Help Scout's times have whole seconds, so a second catches every change made in the same
 * second as the newest one already stored (those come again, unchanged, and are not rewritten).
 */
export const WATERMARK_OVERLAP_MS = 1000;

/** The runner's own key in a checkpoint position: the newest modification time seen so far. */
const HIGH_WATER = "_highWater";

/** What one model did in a run. */
export interface ModelSummary {
  model: string;
  api: SyncApi;
  /** `full` listed everything and swept deletes; `incremental` only what changed. */
  mode: "full" | "incremental";
  /** The run continued one that a crash or an error had left unfinished. */
  resumed: boolean;
  /** Pages committed. */
  pages: number;
  /** Records received (a record seen on two pages counts twice). */
  fetched: number;
  inserted: number;
  updated: number;
  /** Received but identical to the stored record, so not rewritten. */
  unchanged: number;
  /** Marked deleted (swept after a full run, or reported deleted). */
  deleted: number;
  /** API requests made (retries of one request not counted). */
  requests: number;
  durationMs: number;
  /** Why the model did not finish; absent when it did. */
  error?: unknown;
}

/** Progress of a run, for progress bars and logs. */
export type SyncProgressEvent =
  | {
      type: "model-start";
      model: string;
      api: SyncApi;
      mode: "full" | "incremental";
      resumed: boolean;
    }
  | {
      type: "page";
      model: string;
      api: SyncApi;
      /** What this page changed, and how many records it held. */
      page: PageResult & { fetched: number };
      /** The model's totals so far. */
      totals: ModelSummary;
      /** The account's rate budget as the latest answer reported it. */
      rate: RateBudget | undefined;
    }
  | { type: "model-done"; model: string; api: SyncApi; summary: ModelSummary }
  | { type: "model-failed"; model: string; api: SyncApi; summary: ModelSummary; error: unknown };

/** Everything one model's run needs. */
export interface ModelRun<A extends SyncApi> {
  store: RecordStore;
  model: SyncModel<A>;
  client: SyncClient<A>;
  connectionId: string;
  /** List everything and sweep deletes, even for an incremental model. */
  full: boolean;
  signal: AbortSignal | undefined;
  /** Parent ids shared between the models of one run. */
  listed: ListedParents;
  /** Counts the requests of `client`. */
  counter: RequestCounter;
  onProgress: ((event: SyncProgressEvent) => void) | undefined;
}

const now = () => new Date().toISOString();

/** The stored records of a model, page by page through the records API. */
async function* storedRecords(
  store: RecordStore,
  connectionId: string,
  model: string,
): AsyncGenerator<SyncRecord, void> {
  let cursor: string | undefined;
  do {
    const page = await store.listRecords({
      connectionId,
      model,
      limit: 1000,
      ...(cursor === undefined ? {} : { cursor }),
    });
    yield* page.records;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

/** A position without the runner's own key. */
function modelPosition(position: ModelPosition): ModelPosition {
  const { [HIGH_WATER]: _, ...rest } = position;
  return rest;
}

/**
 * Syncs one model: resumes its unfinished run or starts one, commits every page with its
 * checkpoint, and ends with the completed checkpoint (the new watermark) — after a sweep of what
 * a full listing did not return.
 *
 * A resumed incremental run continues from the committed position. A resumed full run lists
 * again from the start, because the sweep needs every id the listing returned and those of
 * the pages before the crash are not kept: that costs the same requests as reading those pages
 * again for their ids, and the records already stored are unchanged, so not rewritten.
 *
 * Never throws: a failure (from the API, the store, or an abort) ends the model with `error` set
 * in its summary; everything committed before stays committed.
 */
export async function runModel<A extends SyncApi>(run: ModelRun<A>): Promise<ModelSummary> {
  const started = performance.now();
  const requestsBefore = run.counter.requests;
  const summary: ModelSummary = {
    model: run.model.name,
    api: run.model.api,
    mode: run.full || run.model.strategy === "full" ? "full" : "incremental",
    resumed: false,
    pages: 0,
    fetched: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    deleted: 0,
    requests: 0,
    durationMs: 0,
  };
  const refresh = () => {
    summary.requests = run.counter.requests - requestsBefore;
    summary.durationMs = Math.round(performance.now() - started);
    return { ...summary };
  };
  try {
    await syncModel(run, summary, refresh);
  } catch (error) {
    summary.error = error;
    const failed = refresh();
    run.onProgress?.({
      type: "model-failed",
      model: run.model.name,
      api: run.model.api,
      summary: failed,
      error,
    });
    return failed;
  }
  const done = refresh();
  run.onProgress?.({
    type: "model-done",
    model: run.model.name,
    api: run.model.api,
    summary: done,
  });
  return done;
}

async function syncModel<A extends SyncApi>(
  run: ModelRun<A>,
  summary: ModelSummary,
  refresh: () => ModelSummary,
): Promise<void> {
  const { store, model, connectionId } = run;
  const stored = await store.getCheckpoint(connectionId, model.name);
  const wanted = run.full || model.strategy === "full" ? "full" : "incremental";
  const resumed =
    stored !== undefined && !stored.complete && (stored.mode === wanted || stored.mode === "full");
  const mode = resumed ? stored.mode : wanted;
  const runId = resumed ? stored.runId : randomUUID();
  const startedAt = resumed ? stored.startedAt : now();
  /** The watermark of the last completed run: where incremental runs start. */
  const watermark = stored?.watermark ?? null;
  const resumeFrom = resumed && mode === "incremental" ? stored.position : null;
  let highWater =
    typeof resumeFrom?.[HIGH_WATER] === "string" ? (resumeFrom[HIGH_WATER] as string) : null;

  summary.mode = mode;
  summary.resumed = resumed;
  run.onProgress?.({ type: "model-start", model: model.name, api: model.api, mode, resumed });

  const ctx: SyncContext<A> = {
    client: run.client,
    connectionId,
    mode,
    since:
      mode === "incremental" && watermark !== null
        ? helpScoutTime(watermark, -WATERMARK_OVERLAP_MS)
        : null,
    signal: run.signal,
    storedRecords: (name) => storedRecords(store, connectionId, name),
    listed: run.listed,
  };
  const checkpoint = (position: ModelPosition, complete: boolean): Checkpoint => ({
    runId,
    mode,
    position,
    watermark: complete ? laterOf(watermark, highWater) : watermark,
    complete,
    startedAt,
    updatedAt: now(),
  });

  const seen = new Set<string>();
  for await (const page of model.pages(ctx, resumeFrom && modelPosition(resumeFrom))) {
    run.signal?.throwIfAborted();
    for (const record of page.records) highWater = laterOf(highWater, record.lastModifiedAt);
    const result = await store.commitPage({
      connectionId,
      model: model.name,
      records: page.records,
      ...(page.deletedIds?.length ? { deletedIds: page.deletedIds } : {}),
      checkpoint: checkpoint({ ...page.checkpoint, [HIGH_WATER]: highWater }, false),
    });
    if (mode === "full") {
      for (const record of page.records) seen.add(record.id);
      for (const id of page.deletedIds ?? []) seen.delete(id);
    }
    summary.pages += 1;
    summary.fetched += page.records.length;
    summary.inserted += result.inserted;
    summary.updated += result.updated;
    summary.unchanged += result.unchanged;
    summary.deleted += result.deleted;
    run.onProgress?.({
      type: "page",
      model: model.name,
      api: model.api,
      page: { ...result, fetched: page.records.length },
      totals: refresh(),
      rate: run.counter.rate,
    });
  }
  run.signal?.throwIfAborted();

  const done = checkpoint({}, true);
  if (mode === "full") {
    summary.deleted += await store.sweep(connectionId, model.name, seen, done);
  } else {
    await store.commitPage({ connectionId, model: model.name, records: [], checkpoint: done });
  }
}
