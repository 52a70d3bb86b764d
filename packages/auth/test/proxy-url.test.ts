import { describe, expect, it } from "vitest";
import { isHelpScoutError } from "../src/index.js";
import { apiOfPath, proxyUrl } from "../src/proxy-url.js";

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isHelpScoutError(error) && error.code === "invalid_request" && !error.status) {
      return error.message;
    }
    throw error;
  }
  throw new Error("expected an invalid_request error");
}

describe("proxyUrl", () => {
  it("puts the path and query on the API's host", () => {
    expect(
      proxyUrl("mailbox", "/v2/conversations", { status: "active", tag: ["a", "b"] }).href,
    ).toBe("https://api.helpscout.net/v2/conversations?status=active&tag=a&tag=b");
    expect(proxyUrl("mailbox", "/v3/customers").href).toBe(
      "https://api.helpscout.net/v3/customers",
    );
    expect(proxyUrl("docs", "/v1/sites", new URLSearchParams("page=2")).href).toBe(
      "https://docsapi.helpscout.net/v1/sites?page=2",
    );
  });

  it("leaves out undefined and null query values and keeps numbers and booleans as text", () => {
    const url = proxyUrl("docs", "/v1/articles/search", {
      query: "refund",
      page: 2,
      visibility: undefined,
      status: null,
      draft: false,
    });
    expect(url.search).toBe("?query=refund&page=2&draft=false");
  });

  it("goes to another base URL (the emulator), keeping its path prefix", () => {
    expect(proxyUrl("mailbox", "/v2/users/me", undefined, "http://127.0.0.1:4000/").href).toBe(
      "http://127.0.0.1:4000/v2/users/me",
    );
    expect(proxyUrl("docs", "/v1/sites", undefined, "http://localhost:9/hs").href).toBe(
      "http://localhost:9/hs/v1/sites",
    );
  });

  it.each([
    ["another API's prefix", "mailbox", "/v1/sites"],
    ["Mailbox paths on the Docs API", "docs", "/v2/conversations"],
    ["an absolute URL", "mailbox", "https://evil.example/v2/users"],
    ["a protocol-relative host", "mailbox", "//evil.example/v2/users"],
    ["a relative path", "mailbox", "v2/users"],
    ["a root path", "mailbox", "/"],
    ["dot-dot traversal", "mailbox", "/v2/../v1/sites"],
    ["encoded dot-dot", "mailbox", "/v2/%2e%2e/%2E%2E/oauth2/token"],
    ["a dot segment", "docs", "/v1/./sites"],
    ["an encoded slash", "mailbox", "/v2/conversations%2F..%2F..%2Fx"],
    ["a backslash", "mailbox", "/v2/conversations\\..\\x"],
    ["an encoded backslash", "mailbox", "/v2/a%5C..%5Cb"],
    ["an empty segment", "mailbox", "/v2//evil.example"],
    ["a query in the path", "mailbox", "/v2/users?x=1"],
    ["a fragment", "mailbox", "/v2/users#x"],
    ["spaces and controls", "mailbox", "/v2/users\r\nHost: evil.example"],
    ["a malformed escape", "mailbox", "/v2/%zz"],
  ] as const)("refuses %s", (_what, api, path) => {
    const message = refusal(() => proxyUrl(api, path));
    expect(message).toMatch(/^@terapi\/helpscout-auth: proxy: /);
  });

  it("lets a harmless @ or : inside a segment through, on the API's host", () => {
    expect(proxyUrl("mailbox", "/v2/@evil.example").host).toBe("api.helpscout.net");
  });

  it("refuses a base URL with credentials, a query or another scheme, and bad query values", () => {
    refusal(() => proxyUrl("docs", "/v1/sites", undefined, "ftp://docs.example"));
    refusal(() => proxyUrl("docs", "/v1/sites", undefined, "https://user:pw@docs.example"));
    refusal(() => proxyUrl("docs", "/v1/sites", undefined, "https://docs.example/?a=1"));
    refusal(() => proxyUrl("docs", "/v1/sites", undefined, "not a url"));
    refusal(() => proxyUrl("docs", "/v1/sites", { page: { $gt: 1 } as unknown as string }));
    refusal(() => proxyUrl("docs", 42));
  });

  it("tells the API of a path by its prefix", () => {
    expect([apiOfPath("/v1/sites"), apiOfPath("/v2/users"), apiOfPath("/v3/customers")]).toEqual([
      "docs",
      "mailbox",
      "mailbox",
    ]);
    expect(apiOfPath("/v4/x")).toBeUndefined();
  });
});
