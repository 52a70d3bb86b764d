import { describe, expect, it } from "vitest";
import { composePolicies, errorPolicy, type Policy } from "../src/index.js";

describe("composePolicies", () => {
  it("turns a policy that throws instead of rejecting into a rejection, like fetch", async () => {
    const broken: Policy = () => {
      throw new Error("policy bug");
    };
    const fetch = composePolicies([broken], async () => new Response("{}"));
    const call = fetch("https://api.helpscout.net/v2/users/me");
    expect(call).toBeInstanceOf(Promise);
    await expect(call).rejects.toThrow("policy bug");
  });

  it("makes a transport that throws synchronously a network_error under the error policy", async () => {
    const fetch = composePolicies([errorPolicy()], () => {
      throw new TypeError("fetch failed");
    });
    await expect(fetch("https://api.helpscout.net/v2/users/me")).rejects.toMatchObject({
      code: "network_error",
    });
  });
});
