import { describe, expect, it } from "vitest";

import {
  readQueueSettings,
  redactRedisUrl,
} from "../../src/queue/queue-settings.js";
import { readRunMode } from "../../src/queue/run-mode.js";

describe("readQueueSettings", () => {
  it("uses defaults without variables", () => {
    const settings = readQueueSettings({});

    expect(settings).toEqual({
      redisUrl: undefined,
      prefix: "structra",
      workerConcurrency: 2,
      installationConcurrency: 2,
      jobAttempts: 5,
      retryDelayMs: 10_000,
      jobLockMs: 60_000,
      shutdownTimeoutMs: 25_000,
    });
  });

  it("reads every variable", () => {
    const settings = readQueueSettings({
      REDIS_URL: "redis://:secret@redis.internal:6380/2",
      STRUCTRA_QUEUE_PREFIX: "structra-staging",
      STRUCTRA_WORKER_CONCURRENCY: "8",
      STRUCTRA_INSTALLATION_CONCURRENCY: "3",
      STRUCTRA_JOB_ATTEMPTS: "2",
      STRUCTRA_RETRY_DELAY_MS: "500",
      STRUCTRA_JOB_LOCK_MS: "5000",
      STRUCTRA_SHUTDOWN_TIMEOUT_MS: "1000",
    });

    expect(settings).toEqual({
      redisUrl: "redis://:secret@redis.internal:6380/2",
      prefix: "structra-staging",
      workerConcurrency: 8,
      installationConcurrency: 3,
      jobAttempts: 2,
      retryDelayMs: 500,
      jobLockMs: 5000,
      shutdownTimeoutMs: 1000,
    });
  });

  it("treats an empty REDIS_URL as unset", () => {
    expect(readQueueSettings({ REDIS_URL: "  " }).redisUrl).toBeUndefined();
  });

  it("rejects a REDIS_URL of another scheme", () => {
    expect(() =>
      readQueueSettings({ REDIS_URL: "http://user:pw@127.0.0.1:6379" }),
    ).toThrow(
      'REDIS_URL is invalid: expected redis://[user:password@]host:port[/db] or rediss://... for TLS, got "http://user:***@127.0.0.1:6379/". Unset REDIS_URL to run reviews in the app process without a queue.',
    );
  });

  it("rejects an unparsable REDIS_URL without echoing it", () => {
    let message = "";
    try {
      readQueueSettings({ REDIS_URL: "not a url with pw" });
    } catch (error) {
      message = (error as Error).message;
    }

    expect(message).toContain("REDIS_URL is invalid");
    expect(message).not.toContain("with pw");
  });

  it.each([
    ["STRUCTRA_WORKER_CONCURRENCY", "0", 1],
    ["STRUCTRA_WORKER_CONCURRENCY", "2.5", 1],
    ["STRUCTRA_INSTALLATION_CONCURRENCY", "many", 1],
    ["STRUCTRA_JOB_ATTEMPTS", "-1", 1],
    ["STRUCTRA_JOB_LOCK_MS", "999", 1000],
  ])("rejects %s=%s", (name, value, minimum) => {
    expect(() => readQueueSettings({ [name]: value })).toThrow(
      `${name} is invalid: expected a whole number of at least ${minimum}, got "${value}".`,
    );
  });

  it("rejects a prefix with a colon", () => {
    expect(() =>
      readQueueSettings({ STRUCTRA_QUEUE_PREFIX: "structra:test" }),
    ).toThrow("STRUCTRA_QUEUE_PREFIX is invalid");
  });
});

describe("redactRedisUrl", () => {
  it("hides the password", () => {
    expect(redactRedisUrl("redis://default:hunter2@cache:6379/0")).toBe(
      "redis://default:***@cache:6379/0",
    );
  });

  it("keeps a URL without password", () => {
    expect(redactRedisUrl("redis://127.0.0.1:6379")).toBe(
      "redis://127.0.0.1:6379",
    );
  });
});

describe("readRunMode", () => {
  it("defaults to server", () => {
    expect(readRunMode([], {})).toBe("server");
  });

  it("reads --worker", () => {
    expect(readRunMode(["--worker"], {})).toBe("worker");
  });

  it("reads STRUCTRA_MODE", () => {
    expect(readRunMode([], { STRUCTRA_MODE: "Worker" })).toBe("worker");
    expect(readRunMode([], { STRUCTRA_MODE: "server" })).toBe("server");
  });

  it("rejects an unknown STRUCTRA_MODE", () => {
    expect(() => readRunMode([], { STRUCTRA_MODE: "both" })).toThrow(
      'STRUCTRA_MODE is invalid: expected "server" or "worker", got "both".',
    );
  });
});
