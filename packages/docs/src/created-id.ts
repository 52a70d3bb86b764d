import { createdResourceId, HelpScoutError } from "@terapi/helpscout-auth";

/**
 * The id of the object a Docs create call made, read from the `Location` header of its `201`
 * (Docs sends no `Resource-ID`). Throws when the answer names no id, e.g. when it came from
 * something other than Help Scout.
 *
 * @example
 * const id = createdId(await docs.POST("/v1/articles", { body: { collectionId, name, text } }));
 */
export function createdId(result: { response: Response }): string {
  const id = createdResourceId(result.response);
  if (id === undefined) {
    throw new HelpScoutError({
      code: "invalid_response",
      status: result.response.status,
      message:
        "@terapi/helpscout-docs: the create call answered without a Location header, so the new id is unknown. Pass `reload: true` to get the object back instead.",
    });
  }
  return id;
}
