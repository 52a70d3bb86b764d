import { describe, expect, it } from "vitest";
import { isHelpScoutError, jsonAnswerCheck } from "../src/index.js";

const check = jsonAnswerCheck("@terapi/test");
const get = new Request("https://api.helpscout.net/v2/users/me?access_token=secret-token");

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    expect(isHelpScoutError(error)).toBe(true);
    expect((error as Error).message).not.toContain("secret-token");
    return (error as { code: string }).code;
  }
  return undefined;
}

/** An answer; a body without a type is sent as bytes (a string body would get text/plain). */
const answer = (body: string | null, type: string | null, status = 200) =>
  new Response(type === null && body !== null ? new TextEncoder().encode(body) : body, {
    status,
    headers: type === null ? {} : { "content-type": type },
  });

describe("jsonAnswerCheck", () => {
  it("passes JSON answers (hal+json, vnd.error+json, parameters) and leaves their body readable", async () => {
    for (const type of [
      "application/json",
      "application/hal+json;charset=UTF-8",
      "application/vnd.error+json",
    ]) {
      const handedOn = await check.onResponse({ request: get, response: answer('{"id":1}', type) });
      expect(handedOn?.status).toBe(200);
      expect(handedOn?.headers.get("content-type")).toBe(type);
      expect(await handedOn?.json()).toEqual({ id: 1 });
    }
    // No content-type at all: judged by the body alone.
    const untyped = await check.onResponse({ request: get, response: answer("[]", null) });
    expect(await untyped?.json()).toEqual([]);
  });

  it("keeps the url and redirected of the answer it hands on (merged conversations are told by them)", async () => {
    const redirected = answer('{"id":2}', "application/json");
    Object.defineProperties(redirected, {
      url: { value: "https://api.helpscout.net/v2/conversations/2" },
      redirected: { value: true },
    });
    const handedOn = await check.onResponse({ request: get, response: redirected });
    expect(handedOn?.url).toBe("https://api.helpscout.net/v2/conversations/2");
    expect(handedOn?.redirected).toBe(true);
  });

  it("refuses malformed JSON, a non-JSON content-type and an empty 200 to a GET, without the URL's token", async () => {
    expect(
      await codeOf(
        check.onResponse({ request: get, response: answer('{"id":', "application/json") }),
      ),
    ).toBe("invalid_response");
    expect(
      await codeOf(check.onResponse({ request: get, response: answer('{"id":1}', "text/html") })),
    ).toBe("invalid_response");
    expect(
      await codeOf(check.onResponse({ request: get, response: answer("", "application/json") })),
    ).toBe("invalid_response");
    expect(await codeOf(check.onResponse({ request: get, response: answer("{}", "") }))).toBe(
      "invalid_response",
    );
  });

  it("leaves alone failed answers, 204s, HEADs, empty answers to writes and other parseAs", async () => {
    const post = new Request("https://api.helpscout.net/v2/customers", { method: "POST" });
    const head = new Request("https://api.helpscout.net/v2/users/me", { method: "HEAD" });
    const passes = [
      check.onResponse({ request: get, response: answer("<html>", "text/html", 502) }),
      check.onResponse({ request: get, response: answer(null, null, 204) }),
      check.onResponse({ request: head, response: answer(null, "text/html") }),
      check.onResponse({
        request: get,
        response: answer("plain text", "text/plain"),
        options: { parseAs: "text" },
      }),
    ];
    for (const pass of passes) await expect(pass).resolves.toBeUndefined();
    const created = await check.onResponse({ request: post, response: answer(null, null, 201) });
    expect(created?.status ?? 201).toBe(201);
    expect(await created?.text()).toBe("");
  });
});
