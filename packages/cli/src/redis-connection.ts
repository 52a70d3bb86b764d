import { HelpScoutError, redactUrl } from "@terapi/helpscout-auth";
import { Redis } from "ioredis";

/** How long {@link connectRedis} waits for Redis to answer. */
const CONNECT_TIMEOUT_MS = 5000;

/** `scheme://host:port/path`, without user and password: safe to print. */
export function hostOf(url: string): string {
  return redactUrl(url).replace(/\/$/, "");
}

/**
 * Opens an ioredis client for BullMQ (`maxRetriesPerRequest: null`) and makes sure Redis answers
 * a PING within 5 s. Later connection errors are left to ioredis (it reconnects) and BullMQ.
 *
 * @throws HelpScoutError `network_error` naming the host — never the password — and the first
 *   reason the connection failed (e.g. `ECONNREFUSED`), after closing the client.
 */
export async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true });
  let refused: unknown; // why the first attempt failed: clearer than "Connection is closed"
  redis.on("error", (error: unknown) => {
    refused ??= error;
  });
  try {
    await Promise.race([
      redis.connect(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error("timed out")), CONNECT_TIMEOUT_MS).unref(),
      ),
    ]);
    await redis.ping();
    return redis;
  } catch (error) {
    redis.disconnect();
    const cause = refused ?? error;
    throw new HelpScoutError({
      code: "network_error",
      message: `cannot reach Redis at ${hostOf(url)}: ${cause instanceof Error ? cause.message : String(cause)}`,
      cause,
    });
  }
}
