import type { FromSchema } from "json-schema-to-ts";
import { describe, expectTypeOf, it } from "vitest";
import type { ActionInput, ActionName, ActionOutput, actionCatalog } from "../src/index.js";

/**
 * The input and output types are written by hand (readable, documented, no dependency for users)
 * and checked here against the types json-schema-to-ts derives from the very schemas Ajv
 * compiles, so the two cannot drift apart:
 * - inputs: each assignable to the other, with the same property paths (so no optional field is
 *   missing on either side);
 * - outputs: the typed output is an instance of the output schema (outputs carry Help Scout's
 *   richer model types where the schema only spells out the stable fields).
 */
type Catalog = typeof actionCatalog;
type SchemaInput<N extends ActionName> = FromSchema<
  Catalog[N]["input"],
  { keepDefaultedPropertiesOptional: true }
>;
type SchemaOutput<N extends ActionName> = FromSchema<Catalog[N]["output"]>;

/** Every property path of a type, through unions, arrays and nested objects. */
type Paths<T, P extends string = ""> = T extends readonly (infer E)[]
  ? Paths<E, `${P}[]`>
  : T extends object
    ? {
        [K in keyof T & string]-?: `${P}/${K}` | Paths<NonNullable<T[K]>, `${P}/${K}`>;
      }[keyof T & string]
    : never;

type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

type Assignable<A, B> = [A] extends [B] ? true : false;

/**
 * `[same property paths, input assignable to schema type, schema type assignable to input]`.
 * Takes the two types, not an action name: over the name's whole union the compiler gives up.
 */
type Compare<Input, Schema> = [
  Equal<Paths<Input>, Paths<Schema>>,
  Assignable<Input, Schema>,
  Assignable<Schema, Input>,
];

/** Actions whose typed output is not an instance of their output schema. */
type OutputMismatches = {
  [N in ActionName]: [ActionOutput<N>] extends [SchemaOutput<N>] ? never : N;
}[ActionName];

describe("hand-written types match the JSON Schemas", () => {
  it("every input type has its schema's property paths and is assignable both ways", () => {
    // One check at a time: a mapped type over all of them is too deep for the compiler.
    expectTypeOf<
      Compare<ActionInput<"create-conversation">, SchemaInput<"create-conversation">>
    >().toEqualTypeOf<[true, true, true]>();
    expectTypeOf<
      Compare<ActionInput<"reply-to-conversation">, SchemaInput<"reply-to-conversation">>
    >().toEqualTypeOf<[true, true, true]>();
    expectTypeOf<Compare<ActionInput<"add-note">, SchemaInput<"add-note">>>().toEqualTypeOf<
      [true, true, true]
    >();
    expectTypeOf<
      Compare<ActionInput<"assign-conversation">, SchemaInput<"assign-conversation">>
    >().toEqualTypeOf<[true, true, true]>();
    expectTypeOf<
      Compare<ActionInput<"change-conversation-status">, SchemaInput<"change-conversation-status">>
    >().toEqualTypeOf<[true, true, true]>();
    expectTypeOf<
      Compare<ActionInput<"set-conversation-tags">, SchemaInput<"set-conversation-tags">>
    >().toEqualTypeOf<[true, true, true]>();
    expectTypeOf<
      Compare<ActionInput<"update-conversation-tags">, SchemaInput<"update-conversation-tags">>
    >().toEqualTypeOf<[true, true, true]>();
    expectTypeOf<
      Compare<ActionInput<"snooze-conversation">, SchemaInput<"snooze-conversation">>
    >().toEqualTypeOf<[true, true, true]>();
    expectTypeOf<
      Compare<
        ActionInput<"set-conversation-custom-fields">,
        SchemaInput<"set-conversation-custom-fields">
      >
    >().toEqualTypeOf<[true, true, true]>();
    expectTypeOf<
      Compare<ActionInput<"upsert-customer">, SchemaInput<"upsert-customer">>
    >().toEqualTypeOf<[true, true, true]>();
    expectTypeOf<
      Compare<ActionInput<"find-customer">, SchemaInput<"find-customer">>
    >().toEqualTypeOf<[true, true, true]>();
    expectTypeOf<Compare<ActionInput<"run-workflow">, SchemaInput<"run-workflow">>>().toEqualTypeOf<
      [true, true, true]
    >();
    expectTypeOf<
      Compare<ActionInput<"create-article">, SchemaInput<"create-article">>
    >().toEqualTypeOf<[true, true, true]>();
    expectTypeOf<
      Compare<ActionInput<"update-article">, SchemaInput<"update-article">>
    >().toEqualTypeOf<[true, true, true]>();
    expectTypeOf<
      Compare<ActionInput<"publish-article">, SchemaInput<"publish-article">>
    >().toEqualTypeOf<[true, true, true]>();
    expectTypeOf<
      Compare<ActionInput<"unpublish-article">, SchemaInput<"unpublish-article">>
    >().toEqualTypeOf<[true, true, true]>();
    expectTypeOf<Compare<ActionInput<"move-article">, SchemaInput<"move-article">>>().toEqualTypeOf<
      [true, true, true]
    >();
    expectTypeOf<
      Compare<ActionInput<"create-redirect">, SchemaInput<"create-redirect">>
    >().toEqualTypeOf<[true, true, true]>();
  });

  it("every output type is an instance of its output schema", () => {
    expectTypeOf<OutputMismatches>().toEqualTypeOf<never>();
  });

  it("the check would notice a missing optional field", () => {
    type Lacking = Omit<ActionInput<"upsert-customer">, "phone">;
    expectTypeOf<
      Equal<Paths<Lacking>, Paths<SchemaInput<"upsert-customer">>>
    >().toEqualTypeOf<false>();
  });
});
