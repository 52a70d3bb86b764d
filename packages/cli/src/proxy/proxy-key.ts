import { createHash, timingSafeEqual } from "node:crypto";

/** The shortest proxy key accepted: long enough that it cannot be guessed. */
export const MIN_PROXY_KEY_LENGTH = 16;

/**
 * A check of the caller's `Authorization: Bearer <proxy key>` header against `key`, in constant
 * time: both sides are hashed to the same length and compared with `timingSafeEqual`, so neither
 * the key's length nor its first differing character shows in the response time.
 *
 * @param key - The proxy's key. Never logged or put into a response.
 * @returns A function that is true only for the right key.
 */
export function proxyKeyCheck(key: string): (authorization: string | null | undefined) => boolean {
  const expected = digest(key);
  return (authorization) => {
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? "");
    // Compared even without a bearer token, so a missing header costs as long as a wrong one.
    const given = digest(match?.[1] ?? "");
    return timingSafeEqual(given, expected) && match !== null;
  };
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}
