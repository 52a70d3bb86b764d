import { Hono } from "hono";
import { docsError } from "../responses.js";
import type { EmulatorEnv } from "../types.js";
import { emptyOk, readBody } from "./input.js";
import { docsOf, nowIso } from "./store.js";

/**
 * Update Category Order: `PUT /v1/collections/{id}/categories` with
 * `{"categories": [{"id", "order"}]}`. Only the listed categories change; all must belong to the
 * collection (else `400`, and nothing changes).
 */
export function categoryOrderRoutes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  app.put("/v1/collections/:collectionId/categories", async (c) => {
    const docs = docsOf(c);
    const collection = docs.collections.get(c.req.param("collectionId"));
    if (!collection) return docsError(c, 404, "Collection not found");
    const body = await readBody(c);
    if (body instanceof Response) return body;
    const entries = orderEntries(body.categories);
    if (!entries) {
      return docsError(c, 400, "categories must be an array of {id, order} with an integer order");
    }
    for (const { id } of entries) {
      if (docs.categories.get(id)?.collectionId !== collection.id) {
        return docsError(c, 400, `Category ${id} is not a category of this collection`);
      }
    }
    for (const { id, order } of entries) {
      const category = docs.categories.get(id);
      if (!category) continue;
      docs.categories.set(id, {
        ...category,
        order,
        updatedBy: c.get("userId"),
        updatedAt: nowIso(c),
      });
    }
    return emptyOk(c);
  });

  return app;
}

function orderEntries(value: unknown): { id: string; order: number }[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const entries: { id: string; order: number }[] = [];
  for (const entry of value) {
    if (typeof entry !== "object" || entry === null) return undefined;
    const { id, order } = entry as { id?: unknown; order?: unknown };
    if (typeof id !== "string" || typeof order !== "number" || !Number.isInteger(order)) {
      return undefined;
    }
    entries.push({ id, order });
  }
  return entries;
}
