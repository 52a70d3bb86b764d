import { describe, expect, it } from "vitest";
import { proxyKeyCheck } from "../src/proxy/proxy-key.js";

describe("proxyKeyCheck", () => {
  const check = proxyKeyCheck("right-key-0123456789");

  it("accepts exactly the key as a bearer token, any case of the scheme", () => {
    expect(check("Bearer right-key-0123456789")).toBe(true);
    expect(check("bearer right-key-0123456789")).toBe(true);
  });

  it.each([
    ["no header", undefined],
    ["an empty header", ""],
    ["another key", "Bearer wrong-key-0123456789"],
    ["a prefix of the key", "Bearer right-key"],
    ["the key and more", "Bearer right-key-0123456789x"],
    ["another scheme", "Basic right-key-0123456789"],
    ["the bare key", "right-key-0123456789"],
    ["an empty token", "Bearer "],
  ])("refuses %s", (_what, header) => {
    expect(check(header)).toBe(false);
  });
});
