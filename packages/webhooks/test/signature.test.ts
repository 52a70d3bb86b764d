import { describe, expect, it } from "vitest";
import {
  isWebhookError,
  parseWebhookDelivery,
  signWebhookBody,
  verifyWebhookSignature,
} from "../src/index.js";

const utf8 = (text: string) => new TextEncoder().encode(text);

/**
 * Known-good vectors, computed once outside this code with
 * `printf '%s' "$BODY" | openssl dgst -sha1 -hmac "$SECRET" -binary | base64`.
 */
const VECTORS = [
  {
    name: "RFC 2202 test case 2",
    secret: "Jefe",
    body: "what do ya want for nothing?",
    signature: "7/zfauXrL6LSdBbV8YTfnCWafHk=",
  },
  {
    name: "a plain JSON body",
    secret: "s3cr3t-key",
    body: '{"id":123,"subject":"Hello"}',
    signature: "g4QMv1cuTUmhVf3VRobLrSQC/Kk=",
  },
  {
    name: "non-ASCII UTF-8 in body and secret",
    secret: "déjà-vu-secret",
    body: '{"id":7,"subject":"Déjà vu – ✓ 日本語 😀"}',
    signature: "qyATpJfARteZ5MLLZibMgygJV+Y=",
  },
  {
    name: "escaped slashes, as PHP's json_encode writes them",
    secret: "slashes",
    body: '{"url":"https:\\/\\/api.helpscout.net\\/v2\\/conversations\\/1"}',
    signature: "Mcb2e9qRprOn1sR2g7nmV9FLalI=",
  },
  {
    name: "a 40-character secret and a \\u escape",
    secret: "0123456789012345678901234567890123456789",
    body: '{"id":1,"preview":"a\\u00e9b"}',
    signature: "GJKv4hBzffRNzTk8we8ORaFQqHI=",
  },
] as const;

describe("signWebhookBody / verifyWebhookSignature", () => {
  it.each(VECTORS)("$name", async ({ secret, body, signature }) => {
    expect(await signWebhookBody(secret, body)).toBe(signature);
    expect(await signWebhookBody(secret, utf8(body))).toBe(signature);
    expect(await verifyWebhookSignature(utf8(body), signature, secret)).toBe(true);
    expect(await verifyWebhookSignature(utf8(body), signature, `${secret.slice(1)}x`)).toBe(false);
    expect(await verifyWebhookSignature(utf8(`${body} `), signature, secret)).toBe(false);
  });

  it("verifies the raw bytes: the same JSON re-serialised (slashes unescaped) does not verify", async () => {
    const raw = '{"url":"https:\\/\\/api.helpscout.net\\/v2\\/conversations\\/1"}';
    const reserialised = JSON.stringify(JSON.parse(raw));
    expect(reserialised).toBe('{"url":"https://api.helpscout.net/v2/conversations/1"}');
    expect(
      await verifyWebhookSignature(utf8(reserialised), "Mcb2e9qRprOn1sR2g7nmV9FLalI=", "slashes"),
    ).toBe(false);
    // …its own signature is another one (openssl, as above).
    expect(await signWebhookBody("slashes", reserialised)).toBe("jb7TqSzko3Gl8FdW9ULMgDUu5vI=");

    // And the parser hands out the parsed object of exactly those verified bytes.
    const event = await parseWebhookDelivery(
      {
        headers: {
          "content-type": "application/json",
          "x-helpscout-event": "convo.created",
          "x-helpscout-signature": "Mcb2e9qRprOn1sR2g7nmV9FLalI=",
        },
        body: utf8(raw),
      },
      { secret: "slashes" },
    );
    expect(event).toEqual({
      kind: "notification",
      event: "convo.created",
      payload: { url: "https://api.helpscout.net/v2/conversations/1" },
    });
  });

  it("accepts any of several secrets while rotating", async () => {
    const body = utf8('{"id":42}');
    const signature = "f7KiLIssNUUntu5CHvTmmdpxuTU="; // secret "rotated-new" (openssl)
    expect(await verifyWebhookSignature(body, signature, ["old-secret", "rotated-new"])).toBe(true);
    expect(await verifyWebhookSignature(body, signature, ["rotated-new", "old-secret"])).toBe(true);
    expect(await verifyWebhookSignature(body, signature, ["old-secret", "older"])).toBe(false);
  });

  it("refuses signatures that are not the canonical base64 of 20 bytes, even of the right MAC", async () => {
    const body = utf8("what do ya want for nothing?");
    const good = "7/zfauXrL6LSdBbV8YTfnCWafHk=";
    for (const signature of [
      good.slice(0, -1), // no padding
      `${good}=`, // too long
      good.replaceAll("/", "_"), // base64url alphabet
      "7/zfauXrL6LSdBbV8YTfnCWafHl=", // other padding bits, same bytes
      `sha1=${good}`,
      Buffer.from(good).toString("hex"),
      "",
      null,
      undefined,
    ]) {
      expect(await verifyWebhookSignature(body, signature, "Jefe"), String(signature)).toBe(false);
    }
    expect(await verifyWebhookSignature(body, ` ${good} `, "Jefe")).toBe(true);
  });

  it("rejects bad secrets with configuration_error, never showing them", async () => {
    const long = "x".repeat(41);
    for (const secrets of [long, "", [], ["fine", long]] as const) {
      const error = await verifyWebhookSignature(utf8("{}"), "AAAA", secrets).catch((e) => e);
      expect(isWebhookError(error)).toBe(true);
      expect(error.code).toBe("configuration_error");
      expect(error.message).not.toContain(long);
      expect(JSON.stringify(error)).not.toContain(long);
    }
  });
});
