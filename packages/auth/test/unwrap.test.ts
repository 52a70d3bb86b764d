import { describe, expect, it } from "vitest";
import { HelpScoutError, unwrap } from "../src/index.js";

describe("unwrap", () => {
  it("returns the data of a call", async () => {
    const response = new Response("{}");
    expect(await unwrap(Promise.resolve({ data: { id: 7 }, response }))).toEqual({ id: 7 });
  });

  it("throws the error of a call", async () => {
    const error = new HelpScoutError({ code: "not_found", status: 404, message: "gone" });
    await expect(unwrap(Promise.resolve({ error, response: new Response(null) }))).rejects.toBe(
      error,
    );
  });
});
