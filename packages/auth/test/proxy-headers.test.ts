import { describe, expect, it } from "vitest";
import { endToEndHeaders } from "../src/index.js";

describe("endToEndHeaders", () => {
  it("drops hop-by-hop headers, Proxy-*, those Connection names, and the ones asked", () => {
    const headers = endToEndHeaders(
      {
        connection: "keep-alive, X-Session",
        "keep-alive": "timeout=5",
        "x-session": "hop",
        te: "trailers",
        trailer: "x-sum",
        "transfer-encoding": "chunked",
        upgrade: "h2c",
        "proxy-authorization": "Basic abc",
        "proxy-custom": "1",
        authorization: "Bearer caller",
        "Connection-Id": "acme",
        accept: "application/json",
        "x-trace": "t1",
      },
      ["Authorization", "connection-id"],
    );
    expect([...headers]).toEqual([
      ["accept", "application/json"],
      ["x-trace", "t1"],
    ]);
  });

  it("leaves its input alone", () => {
    const input = new Headers({ connection: "close", accept: "*/*" });
    endToEndHeaders(input);
    expect(input.get("connection")).toBe("close");
  });
});
