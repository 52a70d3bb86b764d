import { Redis } from "ioredis";
import { redactUrl } from "../src/index.js";

/** The Redis the integration tests use; `bash scripts/services.sh` starts one on this default. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/**
 * Whether the test Redis answers. When it does not: under CI (`CI` set) this throws, so the Redis
 * tests fail with a message saying how to start it; elsewhere it warns once and the caller skips.
 */
export async function redisAvailable(url = TEST_REDIS_URL): Promise<boolean> {
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
    const message =
      `Redis is not reachable at ${redactUrl(url)} (${describe(reason ?? error)}). ` +
      'Start it with "bash scripts/services.sh" from the repository root, or set TEST_REDIS_URL.';
    if (process.env.CI)
      throw new Error(`${message} CI must run the Redis tests, so they fail here.`);
    // biome-ignore lint/suspicious/noConsole: the one notice that local Redis tests were skipped.
    console.warn(`${message} Skipping the Redis tests (they fail instead when CI is set).`);
    return false;
  } finally {
    client.disconnect();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
