import type { ActionApi, ActionDefinition, JsonSchema } from "./types.js";

/**
 * Declares an action, keeping its literal name, API and schemas in the type (so `runAction` can
 * be typed by name, and type tests can derive types from the schemas) and freezing the definition so the shared catalogue cannot be changed at run time.
 *
 * @internal Used by the built-in catalogue.
 */
export function defineAction<
  const Name extends string,
  const Api extends ActionApi,
  Input,
  Output,
  const InputSchema extends JsonSchema,
  const OutputSchema extends JsonSchema,
>(
  definition: ActionDefinition<Name, Api, Input, Output, InputSchema, OutputSchema>,
): ActionDefinition<Name, Api, Input, Output, InputSchema, OutputSchema> {
  return Object.freeze(definition);
}
