import { beforeEach, describe, expect, it } from "vitest";
import { type AccountBench, accountBench } from "./fixtures/mailbox-account-data.js";
import { SpecValidator } from "./fixtures/spec-validator.js";

const spec = new SpecValidator("helpscout-mailbox");
const base = "/v2/mailboxes/10/saved-replies";
let bench: AccountBench;

beforeEach(() => {
  bench = accountBench();
});

describe("saved replies", () => {
  it("lists summaries as a plain array sorted by name, chat-only replies on request", async () => {
    const res = await bench.call("GET", base);
    const body = await res.json();
    expect(spec.errors("GET", "/v2/mailboxes/{mailboxId}/saved-replies", 200, body)).toEqual([]);
    expect(body).toEqual([
      { id: 302, name: "Apology", preview: "Sorry about that." },
      { id: 300, name: "Refunds", preview: "We have refunded your order." },
    ]);
    const withChat = await (await bench.call("GET", `${base}?includeChatReplies=true`)).json();
    expect(withChat.map((r: { name: string }) => r.name)).toEqual([
      "Apology",
      "Chat hello",
      "Refunds",
    ]);
  });

  it("answers an empty list for a mailbox without saved replies and 404 for unknown ones", async () => {
    expect(await (await bench.call("GET", "/v2/mailboxes/11/saved-replies")).json()).toEqual([]);
    expect((await bench.call("GET", "/v2/mailboxes/99/saved-replies")).status).toBe(404);
  });

  it("gets one saved reply with its texts and answers 404 for an unknown one", async () => {
    const res = await bench.call("GET", `${base}/302`);
    const body = await res.json();
    expect(
      spec.errors("GET", "/v2/mailboxes/{mailboxId}/saved-replies/{savedReplyId}", 200, body),
    ).toEqual([]);
    expect(body).toMatchObject({ id: 302, text: "<p>Sorry about that.</p>", chatText: "Sorry!" });
    expect((await bench.call("GET", `${base}/999`)).status).toBe(404);
    expect((await bench.call("GET", "/v2/mailboxes/11/saved-replies/302")).status).toBe(404);
  });

  it("creates with 201, Resource-ID and Location and no body, then reads it back", async () => {
    const res = await bench.call("POST", base, {
      name: "Shipping",
      text: "<p>Ships in 2 days</p>",
    });
    expect(res.status).toBe(201);
    expect(await res.text()).toBe("");
    const id = res.headers.get("resource-id");
    expect(res.headers.get("location")).toBe(`http://emulator.test${base}/${id}`);
    const got = await (await bench.call("GET", `${base}/${id}`)).json();
    expect(got).toMatchObject({ id: Number(id), name: "Shipping", text: "<p>Ships in 2 days</p>" });
    const list = await (await bench.call("GET", base)).json();
    expect(list.map((r: { name: string }) => r.name)).toContain("Shipping");
  });

  it("rejects a create without name and text, with a field error each", async () => {
    const res = await bench.call("POST", base, { chatText: 5 });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      message: "Bad request",
      _embedded: {
        errors: [
          { path: "name", source: "JSON" },
          { path: "text", source: "JSON" },
          { path: "chatText", rejectedValue: 5 },
        ],
      },
    });
  });

  it("rejects a body that is not JSON", async () => {
    const res = await bench.call("POST", base, "{not json");
    expect(res.status).toBe(400);
  });

  it("replaces with PUT (omitted fields are cleared) and deletes with 204", async () => {
    const put = await bench.call("PUT", `${base}/302`, {
      name: "Apology v2",
      text: "<p>Sorry!</p>",
    });
    expect(put.status).toBe(204);
    const got = await (await bench.call("GET", `${base}/302`)).json();
    expect(got).toEqual(expect.objectContaining({ name: "Apology v2", text: "<p>Sorry!</p>" }));
    expect(got.chatText).toBeUndefined();

    expect((await bench.call("PUT", `${base}/999`, { name: "x", text: "y" })).status).toBe(404);
    expect((await bench.call("PUT", `${base}/302`, { name: "x" })).status).toBe(400);

    expect((await bench.call("DELETE", `${base}/302`)).status).toBe(204);
    expect((await bench.call("GET", `${base}/302`)).status).toBe(404);
    expect((await bench.call("DELETE", `${base}/302`)).status).toBe(404);
  });
});
