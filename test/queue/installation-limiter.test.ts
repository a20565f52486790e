import { setTimeout as sleep } from "node:timers/promises";

import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect } from "vitest";

import { createInstallationLimiter } from "../../src/queue/installation-limiter.js";
import {
  createTestPrefix,
  deleteKeys,
  itWithRedis,
  TEST_REDIS_URL,
} from "./redis-support.js";

const prefix = createTestPrefix();
let redis: Redis;

beforeAll(() => {
  redis = new Redis(TEST_REDIS_URL, { lazyConnect: true });
  redis.on("error", () => undefined);
});
afterAll(async () => {
  if (redis.status === "ready") await deleteKeys(redis, prefix);
  redis.disconnect();
});

function createLimiter(leaseMs = 10_000) {
  return createInstallationLimiter(redis, {
    keyPrefix: `${prefix}:leases`,
    limit: 2,
    leaseMs,
  });
}

describe("createInstallationLimiter", () => {
  itWithRedis("holds the limit per installation", async () => {
    const limiter = createLimiter();

    const first = await limiter.acquire(1, "job-a");
    const second = await limiter.acquire(1, "job-b");
    const third = await limiter.acquire(1, "job-c");
    const otherInstallation = await limiter.acquire(2, "job-d");

    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(third).toBeUndefined();
    expect(otherInstallation).toBeDefined();
  });

  itWithRedis("frees a slot on release", async () => {
    const limiter = createLimiter();
    const first = await limiter.acquire(3, "job-a");
    await limiter.acquire(3, "job-b");

    await first!.release();
    const next = await limiter.acquire(3, "job-c");

    expect(next).toBeDefined();
  });

  itWithRedis("lets a holder take its slot again", async () => {
    const limiter = createLimiter();
    await limiter.acquire(4, "job-a");
    await limiter.acquire(4, "job-b");

    expect(await limiter.acquire(4, "job-a")).toBeDefined();
  });

  itWithRedis("frees an expired lease", async () => {
    const limiter = createLimiter(300);
    const first = await limiter.acquire(5, "job-a");
    await limiter.acquire(5, "job-b");

    await sleep(400);
    const next = await limiter.acquire(5, "job-c");

    expect(next).toBeDefined();
    expect(await first!.renew()).toBe(false);
  });

  itWithRedis("keeps a renewed lease", async () => {
    const limiter = createLimiter(400);
    const first = await limiter.acquire(6, "job-a");
    const second = await limiter.acquire(6, "job-b");

    await sleep(250);
    expect(await first!.renew()).toBe(true);
    expect(await second!.renew()).toBe(true);
    await sleep(250);

    expect(await limiter.acquire(6, "job-c")).toBeUndefined();
  });

  itWithRedis("takes slots atomically under contention", async () => {
    const limiter = createLimiter();
    const holders = Array.from({ length: 20 }, (_, index) => `job-${index}`);

    const leases = await Promise.all(
      holders.map((holder) => limiter.acquire(7, holder)),
    );

    expect(leases.filter((lease) => lease !== undefined)).toHaveLength(2);
    expect(await redis.zcard(`${prefix}:leases:7`)).toBe(2);
  });
});
