import type { RecordStore } from "../types.js";

/**
 * A view of the worker's record store for one job: every method is the store's own (bound to
 * it), except `close`, which does nothing — the worker's caller owns the store.
 *
 * Why a view: `runSync` refuses to sync a connection that the same store object is already
 * syncing in this process, which protects a single process from racing itself. A worker runs
 * several models of one connection side by side on purpose (each model has its own checkpoint,
 * and the run lease keeps two runs of the SAME model apart), so each job passes its own view.
 *
 * @internal
 */
export function jobStoreView(store: RecordStore): RecordStore {
  return new Proxy(store, {
    get(target, property) {
      if (property === "close") return async () => {};
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
