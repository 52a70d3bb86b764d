import { http } from "msw";
import { describe, expect, it } from "vitest";
import {
  type CreateConversationRequest,
  createdId,
  createMailboxClient,
  HelpScoutError,
} from "../src/index.js";
import { ACCESS_TOKEN, customerRef } from "./fixtures/conversations.js";
import { API, server, useMswServer } from "./msw/server.js";

useMswServer();

const mailbox = createMailboxClient({ accessToken: ACCESS_TOKEN });

const body = {
  subject: "Where is my order?",
  type: "email",
  mailboxId: 85,
  status: "active",
  customer: customerRef(),
  threads: [{ type: "customer", customer: customerRef(), text: "Hey there." }],
} satisfies CreateConversationRequest;

/** Creates a conversation against an answer of 201 with the given headers. */
async function createAnswering(headers: Record<string, string>) {
  server.use(
    http.post(`${API}/v2/conversations`, () => new Response(null, { status: 201, headers })),
  );
  return mailbox.POST("/v2/conversations", { body });
}

function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("createdId", () => {
  it("returns the numeric Resource-ID of the 201 as a number", async () => {
    const result = await createAnswering({ "Resource-ID": "1587382730" });
    const id = createdId(result);
    expect(id).toBe(1_587_382_730);
    expect(typeof id).toBe("number");
  });

  it("falls back to the last segment of Location when Resource-ID is absent", async () => {
    const result = await createAnswering({ Location: `${API}/v2/conversations/1587382731` });
    expect(createdId(result)).toBe(1_587_382_731);
  });

  it("throws invalid_response when the answer names no id", async () => {
    const result = await createAnswering({});
    const error = errorOf(() => createdId(result));
    expect(error).toBeInstanceOf(HelpScoutError);
    expect(error).toMatchObject({ code: "invalid_response", status: 201 });
    expect((error as HelpScoutError).message).toContain("got none");
  });

  it.each([
    ["a word", "abc"],
    ["a decimal", "12.5"],
    ["an id beyond the safe integer range", "9007199254740993"],
    ["a hexadecimal number", "0x1F"],
    ["an exponent", "1e3"],
  ])("throws invalid_response for %s in Resource-ID", async (_, raw) => {
    const result = await createAnswering({ "Resource-ID": raw });
    const error = errorOf(() => createdId(result));
    expect(error).toBeInstanceOf(HelpScoutError);
    expect(error).toMatchObject({ code: "invalid_response", status: 201 });
    expect((error as HelpScoutError).message).toContain(JSON.stringify(raw));
  });
});
