import { HelpScoutError } from "@terapi/helpscout-auth";
import { syncModels } from "../models/all-models.js";
import type { AnySyncModel } from "../sync-model.js";

/**
 * The one name of a connection+model pair in Redis: the job scheduler id, the deduplication id
 * and the run lease all derive from it, so "the same sync" means the same thing everywhere.
 * The connection id is URI-encoded because BullMQ refuses `:` in ids it builds from it.
 *
 * @internal
 */
export function syncPairId(connectionId: string, model: string): string {
  return `sync|${encodeURIComponent(connectionId)}|${model}`;
}

/** A `configuration_error` in this package's words. @internal */
export function configurationError(message: string): HelpScoutError {
  return new HelpScoutError({
    code: "configuration_error",
    message: `@terapi/helpscout-sync: ${message}`,
  });
}

/**
 * Checks a connection id and a model selection: the declared models with these names, or every
 * model when `models` is absent.
 *
 * @throws HelpScoutError `configuration_error` for an empty connection id, an empty selection or
 *   an unknown model name.
 * @internal
 */
export function selectedModels(
  connectionId: string,
  models: readonly string[] | undefined,
): AnySyncModel[] {
  if (typeof connectionId !== "string" || connectionId === "") {
    throw configurationError("`connectionId` must be a non-empty string.");
  }
  if (models === undefined) return [...syncModels];
  const known = new Map(syncModels.map((model) => [model.name, model]));
  const unknown = models.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw configurationError(
      `unknown model ${unknown.map((name) => `"${name}"`).join(", ")}; the models are ${[...known.keys()].join(", ")}.`,
    );
  }
  if (models.length === 0) throw configurationError("`models` is empty; leave it out for all.");
  const wanted = new Set(models);
  return syncModels.filter((model) => wanted.has(model.name));
}
