import { redactUrl } from "@terapi/helpscout-auth";
import { Redis } from "ioredis";

/** The test Redis: `TEST_REDIS_URL`, or the one `scripts/services.sh` starts. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/**
 * Whether the test Redis answers. When it does not: throws under CI (`CI` set), so the Redis
 * scenarios fail rather than pass by skipping; elsewhere warns and returns false.
 */
export async function redisAvailable(url = TEST_REDIS_URL): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
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
    const message = `Redis is not reachable at ${redactUrl(url)} (${cause instanceof Error ? cause.message : String(cause)}). Start it with "bash scripts/services.sh", or set TEST_REDIS_URL.`;
    if (process.env.CI)
      throw new Error(`${message} CI is set, so the Redis scenarios fail rather than skip.`);
    process.emitWarning(`${message} Skipping the Redis scenarios.`);
    return false;
  } finally {
    client.disconnect();
  }
}
