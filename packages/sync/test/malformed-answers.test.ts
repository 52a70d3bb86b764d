import { createMailboxClient } from "@terapi/helpscout-mailbox";
import { describe, expect, it } from "vitest";
import { runSync } from "../src/run-sync.js";
import { SyncError } from "../src/sync-error.js";
import { MemoryRecordStore } from "./fixtures/memory-record-store.js";

const HAL = { "content-type": "application/hal+json" };
const conversation = (id: number) => ({
  id,
  subject: `#${id}`,
  userUpdatedAt: "2026-01-01T00:00:00Z",
});

/** A Mailbox client whose `/v2/conversations` answers `body` (every other path: 404). */
function clientAnswering(body: unknown) {
  return createMailboxClient({
    accessToken: "token",
    retry: false,
    throttle: false,
    fetch: async (input) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.pathname !== "/v2/conversations") return new Response(null, { status: 404 });
      return new Response(JSON.stringify(body), { headers: HAL });
    },
  });
}

const full = async (store: MemoryRecordStore, body: unknown) =>
  runSync({
    store,
    connectionId: "acme",
    mailbox: clientAnswering(body),
    models: ["conversations"],
    full: true,
  });

describe("a sync meeting a malformed list page", () => {
  it.each([
    [
      "a page without _embedded whose metadata counts items",
      { _links: {}, page: { size: 50, totalElements: 2, totalPages: 1, number: 1 } },
    ],
    [
      "a list that is a string",
      {
        _embedded: { conversations: "oops" },
        page: { size: 50, totalElements: 2, totalPages: 1, number: 1 },
      },
    ],
    ["items that are not objects", { _embedded: { conversations: [conversation(1), null] } }],
    [
      "an item without an id",
      { _embedded: { conversations: [conversation(1), { subject: "no id" }] } },
    ],
  ])("%s: fails with invalid_response and neither sweeps nor writes", async (_name, body) => {
    const store = new MemoryRecordStore();
    await full(store, { _embedded: { conversations: [conversation(1), conversation(2)] } });
    expect(await store.counts("acme")).toEqual({ conversations: 2 });

    const error = await full(store, body).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SyncError);
    const [failure] = (error as SyncError).failures;
    expect((failure?.error as { code?: string } | undefined)?.code).toBe("invalid_response");
    expect(await store.counts("acme")).toEqual({ conversations: 2 });
  });
});
