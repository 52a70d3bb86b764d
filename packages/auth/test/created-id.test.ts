import { describe, expect, it } from "vitest";
import { createdResourceId } from "../src/index.js";

const answer = (headers: Record<string, string>) => new Response(null, { status: 201, headers });

describe("createdResourceId", () => {
  it("reads Resource-ID first", () => {
    expect(createdResourceId(answer({ "resource-id": "123", location: "/v2/x/9" }))).toBe("123");
  });
  it("falls back to the last segment of Location", () => {
    expect(
      createdResourceId(
        answer({ location: "https://docsapi.helpscout.net/v1/articles/5214c83d45667acd25394b54" }),
      ),
    ).toBe("5214c83d45667acd25394b54");
    expect(createdResourceId(answer({ location: "/v2/customers/77/" }))).toBe("77");
  });
  it("is undefined when neither header is present", () => {
    expect(createdResourceId(answer({}))).toBeUndefined();
  });
});
