import { syncModels } from "@terapi/helpscout-sync";
import type { ApiName } from "./rate-budget-policy.js";

/** Every model `helpscout sync` declares, in the order a run syncs them. */
export const MODEL_NAMES: readonly string[] = syncModels.map((model) => model.name);

/** The models of each API. */
export const MODELS_BY_API: Readonly<Record<ApiName, readonly string[]>> = {
  mailbox: syncModels.filter((model) => model.api === "mailbox").map((model) => model.name),
  docs: syncModels.filter((model) => model.api === "docs").map((model) => model.name),
};

/** The API a model comes from; `undefined` for an unknown name. */
export function apiOf(model: string): ApiName | undefined {
  return syncModels.find((declared) => declared.name === model)?.api;
}
