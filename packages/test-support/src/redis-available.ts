import { Redis } from "ioredis";
import { urlWithoutPassword } from "./url-without-password.js";

/** The test Redis: `TEST_REDIS_URL`, or the one `scripts/services.sh` starts. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/**
 * Whether Redis answers at `url`. When it does not: throws under CI (`CI` set), so the Redis
 * tests fail loudly instead of silently passing; elsewhere warns and returns false, so the caller
 * can skip them.
 */
export async function redisAvailable(url: string = TEST_REDIS_URL): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // ioredis reports why it failed (ECONNREFUSED…) as an event; the rejection only says "closed".
  let reason: unknown;
  client.on("error", (error: unknown) => {
    reason ??= error;
  });
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch (error) {
    const cause = reason ?? error;
    const message =
      `Redis is not reachable at ${urlWithoutPassword(url)} (${cause instanceof Error ? cause.message : String(cause)}). ` +
      "Start it with `bash scripts/services.sh` from the repository root, or set TEST_REDIS_URL.";
    if (process.env.CI)
      throw new Error(`${message} CI is set, so the Redis tests fail rather than skip.`);
    process.emitWarning(`${message} Skipping the Redis tests.`);
    return false;
  } finally {
    client.disconnect();
  }
}
