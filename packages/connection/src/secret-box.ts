import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { HelpScoutError } from "@terapi/helpscout-auth";

/**
 * Encrypts credentials before a persistent store writes them (AES-256-GCM, authenticated), so a
 * copied database file or dump holds no usable token.
 */
export interface SecretBox {
  /**
   * Encrypts `plaintext` with a fresh random IV.
   *
   * @param plaintext - The secret, e.g. credentials as JSON.
   * @param associatedData - Optional context bound to the ciphertext (not secret, not stored):
   *   `open` fails unless given the same value, so a sealed value cannot be moved to another row.
   * @returns `v1.<iv>.<tag>.<ciphertext>`, each part base64.
   */
  seal(plaintext: string, associatedData?: string): string;
  /**
   * Decrypts what {@link SecretBox.seal} returned.
   *
   * @throws HelpScoutError `configuration_error` on a wrong key, tampered data or other context;
   *   the message never repeats the data.
   */
  open(sealed: string, associatedData?: string): string;
}

const VERSION = "v1";
const ALGORITHM = "aes-256-gcm";
const KEY_BYTES = 32;
// 96-bit IVs are what GCM is specified for (NIST SP 800-38D); random ones are safe up to 2^32 seals.
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HOW_TO_GENERATE = "generate one with `openssl rand -base64 32`";
const HEX_KEY = /^[0-9a-fA-F]{64}$/;
const BASE64_KEY = /^(?:[A-Za-z0-9+/]{43}=?|[A-Za-z0-9_-]{43}=?)$/;

const configurationError = (message: string) =>
  new HelpScoutError({ code: "configuration_error", message: `@terapi/connection: ${message}` });

/** Decodes a 32-byte key from 64 hex characters or base64 (standard or URL-safe). */
function decodeKey(key: string | Buffer): Buffer {
  if (Buffer.isBuffer(key)) {
    if (key.length === KEY_BYTES) return Buffer.from(key);
    throw configurationError(`the encryption key must be ${KEY_BYTES} bytes; ${HOW_TO_GENERATE}.`);
  }
  const text = key.trim();
  if (HEX_KEY.test(text)) return Buffer.from(text, "hex");
  if (BASE64_KEY.test(text)) {
    // Node's base64 decoder also reads the URL-safe alphabet.
    const bytes = Buffer.from(text, "base64");
    if (bytes.length === KEY_BYTES) return bytes;
  }
  // Never quote the value: it is (a mistyped) secret.
  throw configurationError(
    `the encryption key must be ${KEY_BYTES} bytes as base64 (44 characters) or 64 hex characters; ${HOW_TO_GENERATE}.`,
  );
}

/**
 * Creates a {@link SecretBox} from a 32-byte key.
 *
 * @param key - 32 bytes, as a Buffer, base64 or 64 hex characters.
 * @throws HelpScoutError `configuration_error` when the key is not 32 bytes.
 * @example
 * ```ts
 * const box = createSecretBox(process.env.TERAPI_ENCRYPTION_KEY!);
 * box.open(box.seal("secret")); // "secret"
 * ```
 */
export function createSecretBox(key: string | Buffer): SecretBox {
  const secret = decodeKey(key);
  return {
    seal(plaintext, associatedData) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, secret, iv);
      if (associatedData !== undefined) cipher.setAAD(Buffer.from(associatedData, "utf8"));
      const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64"));
      return [VERSION, ...parts].join(".");
    },
    open(sealed, associatedData) {
      const [version, iv, tag, ciphertext, ...rest] = sealed.split(".");
      if (
        version !== VERSION ||
        iv === undefined ||
        tag === undefined ||
        ciphertext === undefined ||
        rest.length > 0
      ) {
        throw configurationError("stored credentials are not in the sealed `v1` format.");
      }
      try {
        const decipher = createDecipheriv(ALGORITHM, secret, Buffer.from(iv, "base64"), {
          authTagLength: TAG_BYTES,
        });
        decipher.setAuthTag(Buffer.from(tag, "base64"));
        if (associatedData !== undefined) decipher.setAAD(Buffer.from(associatedData, "utf8"));
        const plain = Buffer.concat([
          decipher.update(Buffer.from(ciphertext, "base64")),
          decipher.final(),
        ]);
        return plain.toString("utf8");
      } catch {
        // No cause attached: Node's message is generic, but keep the data out of the error chain.
        throw configurationError(
          "could not decrypt stored credentials: the encryption key (TERAPI_ENCRYPTION_KEY) is not the one they were sealed with, or the data was altered.",
        );
      }
    },
  };
}

/**
 * Creates the {@link SecretBox} of `TERAPI_ENCRYPTION_KEY` (32 bytes as base64 or 64 hex characters).
 * Persistent stores use it by default, so a missing key fails when the store is created, before
 * anything could be written.
 *
 * @param env - Where to read the key; defaults to `process.env`.
 * @throws HelpScoutError `encryption_key_missing` when unset, `configuration_error` when malformed.
 */
export function secretBoxFromEnv(env: NodeJS.ProcessEnv = process.env): SecretBox {
  const key = env.TERAPI_ENCRYPTION_KEY?.trim();
  if (!key) {
    throw new HelpScoutError({
      code: "encryption_key_missing",
      message:
        "@terapi/connection: TERAPI_ENCRYPTION_KEY is not set. Persistent connection stores encrypt credentials at rest with it: " +
        `${HOW_TO_GENERATE}, set it in the environment and keep it safe (credentials sealed with it cannot be read without it).`,
    });
  }
  try {
    return createSecretBox(key);
  } catch {
    throw configurationError(
      `TERAPI_ENCRYPTION_KEY must be ${KEY_BYTES} bytes as base64 (44 characters) or 64 hex characters; ${HOW_TO_GENERATE}.`,
    );
  }
}
