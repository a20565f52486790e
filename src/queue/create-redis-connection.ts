import { Redis } from "ioredis";
import type { Logger } from "probot";

import { redactRedisUrl } from "./queue-settings.js";

export interface RedisConnectionOptions {
  /**
   * `queue` fails commands at once while disconnected, so a webhook gets
   * its response instead of waiting for Redis. `worker` waits for the
   * connection to return, as BullMQ requires of workers.
   */
  role: "queue" | "worker";
  log: Logger;
  /** Consequence of the outage for users, written into the error log line. */
  impact: string;
}

/** Maximum wait between two reconnection attempts, in milliseconds. */
const MAX_RECONNECT_DELAY_MS = 5000;

/**
 * Connects to the Redis at `url`. Logs one error naming REDIS_URL when the
 * connection fails or drops, and one info line when it is back. The
 * reconnection attempts in between are counted, not logged.
 */
export function createRedisConnection(
  url: string,
  options: RedisConnectionOptions,
): Redis {
  const queueRole = options.role === "queue";
  const redis = new Redis(url, {
    enableOfflineQueue: !queueRole,
    // Commands sent just before a disconnect fail instead of running late,
    // after the webhook response has already reported a failure.
    autoResendUnfulfilledCommands: !queueRole,
    maxRetriesPerRequest: queueRole ? 1 : null,
    retryStrategy: (attempt) => Math.min(attempt * 200, MAX_RECONNECT_DELAY_MS),
  });
  watchConnection(redis, url, options);
  return redis;
}

function watchConnection(
  redis: Redis,
  url: string,
  { log, impact }: RedisConnectionOptions,
): void {
  const redisUrl = redactRedisUrl(url);
  let reachable: boolean | undefined;
  let failedAttempts = 0;

  redis.on("error", (error: Error) => {
    failedAttempts++;
    if (reachable === false) return;
    reachable = false;
    log.error(
      { err: error, redisUrl },
      `Cannot reach Redis at REDIS_URL (${redisUrl}): ${error.message}. ${impact} Check that Redis is running and that REDIS_URL is right.`,
    );
  });
  redis.on("ready", () => {
    if (reachable === false) {
      log.info(
        { redisUrl, failedAttempts },
        "Redis at REDIS_URL is reachable again",
      );
    } else if (reachable === undefined) {
      log.info({ redisUrl }, "Connected to Redis at REDIS_URL");
    }
    reachable = true;
    failedAttempts = 0;
  });
}
