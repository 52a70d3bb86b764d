import { randomBytes } from "node:crypto";
import { isHelpScoutError } from "@terapi/helpscout-auth";
import { describe, expect, it } from "vitest";
import { createSecretBox, secretBoxFromEnv } from "../src/index.js";

const SECRET = "at-very-secret-token ✓";

/** Runs `fn`, expects a HelpScoutError with `code`, and returns it. */
function thrown(fn: () => unknown, code: string) {
  try {
    fn();
  } catch (error) {
    if (!isHelpScoutError(error)) throw error;
    expect(error.code).toBe(code);
    return error;
  }
  throw new Error(`expected a HelpScoutError ${code}`);
}

/** Replaces part `index` of a sealed value with its bytes, one bit flipped. */
function flip(sealed: string, index: number): string {
  const parts = sealed.split(".");
  const bytes = Buffer.from(parts[index]!, "base64");
  bytes[0]! ^= 1;
  parts[index] = bytes.toString("base64");
  return parts.join(".");
}

describe("createSecretBox", () => {
  const key = randomBytes(32);
  const box = createSecretBox(key);

  it("round-trips, with a fresh 12-byte IV and a 16-byte tag every time", () => {
    const a = box.seal(SECRET);
    const b = box.seal(SECRET);
    expect(box.open(a)).toBe(SECRET);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+$/);
    const [, iv, tag] = a.split(".");
    expect(Buffer.from(iv!, "base64")).toHaveLength(12);
    expect(Buffer.from(tag!, "base64")).toHaveLength(16);
    expect(a).not.toContain("secret");
    expect(box.open(box.seal(""))).toBe("");
  });

  it("accepts the same key as a Buffer, base64, base64url or hex", () => {
    const sealed = box.seal(SECRET);
    for (const form of [key.toString("base64"), key.toString("base64url"), key.toString("hex")]) {
      expect(createSecretBox(form).open(sealed)).toBe(SECRET);
    }
  });

  it("refuses a wrong key without echoing the data", () => {
    const sealed = box.seal(SECRET);
    const error = thrown(
      () => createSecretBox(randomBytes(32)).open(sealed),
      "configuration_error",
    );
    expect(error.message).toMatch(/TERAPI_ENCRYPTION_KEY/);
    expect(error.message).not.toContain(sealed.split(".")[3]);
    expect(error.message).not.toContain(SECRET);
    expect(JSON.stringify(error.toJSON())).not.toContain(sealed);
  });

  it("detects tampering with the IV, the tag or the ciphertext", () => {
    const sealed = box.seal(SECRET);
    for (const index of [1, 2, 3])
      thrown(() => box.open(flip(sealed, index)), "configuration_error");
    thrown(() => box.open(sealed.replace(/^v1/, "v2")), "configuration_error");
    thrown(() => box.open(sealed.split(".").slice(0, 3).join(".")), "configuration_error");
    thrown(() => box.open(`${sealed}.extra`), "configuration_error");
    thrown(() => box.open("plaintext"), "configuration_error");
  });

  it("binds associated data: opening with another context fails", () => {
    const sealed = box.seal(SECRET, '["helpscout-mailbox","acme"]');
    expect(box.open(sealed, '["helpscout-mailbox","acme"]')).toBe(SECRET);
    thrown(() => box.open(sealed, '["helpscout-mailbox","other"]'), "configuration_error");
    thrown(() => box.open(sealed), "configuration_error");
  });

  it("refuses keys that are not 32 bytes, without quoting them", () => {
    const short = randomBytes(16).toString("base64");
    for (const bad of [short, "a".repeat(63), "not a key at all", randomBytes(31)]) {
      const error = thrown(() => createSecretBox(bad), "configuration_error");
      if (typeof bad === "string") expect(error.message).not.toContain(bad);
    }
  });
});

describe("secretBoxFromEnv", () => {
  const key = randomBytes(32);

  it("reads TERAPI_ENCRYPTION_KEY as base64 or hex (surrounding whitespace ignored)", () => {
    const fromBase64 = secretBoxFromEnv({ TERAPI_ENCRYPTION_KEY: `${key.toString("base64")}\n` });
    const fromHex = secretBoxFromEnv({ TERAPI_ENCRYPTION_KEY: key.toString("hex") });
    expect(fromHex.open(fromBase64.seal(SECRET))).toBe(SECRET);
  });

  it("says how to generate a key when it is missing", () => {
    for (const env of [{}, { TERAPI_ENCRYPTION_KEY: "" }, { TERAPI_ENCRYPTION_KEY: "  " }]) {
      const error = thrown(() => secretBoxFromEnv(env), "encryption_key_missing");
      expect(error.message).toContain("TERAPI_ENCRYPTION_KEY");
      expect(error.message).toContain("openssl rand -base64 32");
    }
  });

  it("rejects a malformed key without its material in the message", () => {
    const malformed = [
      key.subarray(0, 24).toString("base64"),
      key.toString("hex").slice(1),
      `${key.toString("base64")}xyz`,
    ];
    for (const value of malformed) {
      const error = thrown(
        () => secretBoxFromEnv({ TERAPI_ENCRYPTION_KEY: value }),
        "configuration_error",
      );
      expect(error.message).toContain("openssl rand -base64 32");
      expect(error.message).not.toContain(value);
      expect(error.message).not.toContain(value.slice(0, 8));
      expect(error.cause).toBeUndefined();
    }
  });
});
