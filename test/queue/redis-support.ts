import { randomUUID } from "node:crypto";

import { Redis } from "ioredis";
import { it } from "vitest";

/** The Redis server the queue tests use; CI starts one there. */
export const TEST_REDIS_URL = "redis://127.0.0.1:6379";

/** Pings the test Redis; resolves to the error message, or undefined when it responds. */
async function probeRedis(): Promise<string | undefined> {
  const redis = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // The connection error names the cause, such as ECONNREFUSED, while the
  // rejected connect only reports that the connection closed.
  let connectionError: Error | undefined;
  redis.on("error", (error: Error) => {
    connectionError = error;
  });
  try {
    await redis.connect();
    await redis.ping();
    return undefined;
  } catch (error) {
    return (connectionError ?? (error as Error)).message;
  } finally {
    redis.disconnect();
  }
}

/** Error message of the Redis probe, or undefined when Redis responds. */
export const redisUnavailable = await probeRedis();
if (redisUnavailable !== undefined) {
  console.warn(
    `Queue tests that need Redis are skipped: no Redis server responds at ${TEST_REDIS_URL} (${redisUnavailable}).`,
  );
}

/**
 * Declares a test that needs Redis. Without a reachable server it is
 * reported as skipped, with the reason in its name.
 */
export function itWithRedis(
  name: string,
  test: () => Promise<void>,
  timeoutMs?: number,
): void {
  const title =
    redisUnavailable === undefined
      ? name
      : `${name} (skipped: no Redis server at ${TEST_REDIS_URL}: ${redisUnavailable})`;
  it.skipIf(redisUnavailable !== undefined)(title, test, timeoutMs);
}

/** Creates a key prefix of this test run, so runs cannot see each other's jobs. */
export function createTestPrefix(): string {
  return `structra-test-${process.pid}-${randomUUID().slice(0, 8)}`;
}

/** Deletes every key under the prefix. */
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(
      cursor,
      "MATCH",
      `${prefix}:*`,
      "COUNT",
      500,
    );
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== "0");
}
