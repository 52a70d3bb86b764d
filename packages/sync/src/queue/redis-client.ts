import { Redis } from "ioredis";
import type { SyncQueueConnection } from "./types.js";

/** An ioredis client for the queue, and whether this package opened it (and so closes it). */
export interface QueueRedis {
  redis: Redis;
  /** Quits the client if this package opened it; a client you passed is left open. */
  close(): Promise<void>;
}

/**
 * The client behind a {@link SyncQueueConnection}: yours as it is, or a new one from a URL or
 * options, with `maxRetriesPerRequest: null` as BullMQ's blocking worker connection requires
 * (commands wait for a reconnect instead of failing after a few tries).
 *
 * @internal
 */
export function queueRedis(connection: SyncQueueConnection): QueueRedis {
  if (connection instanceof Redis) return { redis: connection, close: async () => {} };
  const redis =
    typeof connection === "string"
      ? new Redis(connection, { maxRetriesPerRequest: null })
      : new Redis({ ...connection, maxRetriesPerRequest: null });
  // Without a listener ioredis reports every failed reconnect as an unhandled 'error' event; the
  // commands themselves fail (or wait) and say why.
  redis.on("error", () => {});
  return {
    redis,
    close: async () => {
      if (redis.status === "end") return;
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** The prefix and queue name, with their defaults. @internal */
export function queueNames(location: { prefix?: string; queueName?: string }): {
  prefix: string;
  queueName: string;
} {
  return { prefix: location.prefix ?? "helpscout", queueName: location.queueName ?? "sync" };
}
