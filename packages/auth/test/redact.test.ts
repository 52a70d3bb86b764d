import { describe, expect, it } from "vitest";
import { REDACTED, redactSecrets, redactUrl } from "../src/index.js";

describe("redaction", () => {
  it("hides a whole URL it cannot parse", () => {
    expect(redactUrl("not a url with token=abc")).toBe(REDACTED);
  });

  it("removes user info and credential query parameters", () => {
    expect(redactUrl("https://user:pw@api.helpscout.net/v2/x?code=abc&page=2")).toBe(
      "https://api.helpscout.net/v2/x?code=[REDACTED]&page=2",
    );
  });

  it("leaves secrets shorter than 4 characters alone", () => {
    expect(redactSecrets("id abc and secret-1", ["abc", "secret-1"])).toBe("id abc and [REDACTED]");
  });
});
