import { describe, expect, it } from "vitest";
import { parseErrorBody } from "../src/index.js";

describe("parseErrorBody", () => {
  it("reads a Docs error list of strings and objects", () => {
    const body = JSON.stringify({ errors: ["name is required", { message: "slug taken" }, 42] });
    expect(parseErrorBody(body, "application/json").fieldErrors).toEqual([
      { message: "name is required" },
      { message: "slug taken" },
    ]);
  });

  it("yields nothing for an empty body or JSON that is not an object", () => {
    expect(parseErrorBody("  ", null)).toEqual({ fieldErrors: [] });
    expect(parseErrorBody("[1,2]", "application/json")).toEqual({ fieldErrors: [] });
  });

  it("names an unknown content type when the body is not JSON", () => {
    expect(parseErrorBody("oops", null).message).toBe("non-JSON error body (unknown content type)");
  });
});
