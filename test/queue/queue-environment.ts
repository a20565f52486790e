import { setTimeout as sleep } from "node:timers/promises";

import { Redis } from "ioredis";

import type { AppProcess, LogRecord } from "../e2e/support/app-process.js";
import {
  E2eEnvironment,
  INSTALLATION_ID,
} from "../e2e/support/e2e-environment.js";
import {
  createTestPrefix,
  deleteKeys,
  TEST_REDIS_URL,
} from "./redis-support.js";

export { INSTALLATION_ID };

/** Environment of a worker in the tests: short locks, so a dead worker's job returns in seconds. */
const WORKER_ENV = {
  STRUCTRA_MODE: "worker",
  STRUCTRA_JOB_LOCK_MS: "2000",
  LOG_LEVEL: "debug",
};

/**
 * The end-to-end environment (fake GitHub, real app processes) in queue
 * mode, on the test Redis under a key prefix of its own.
 */
export class QueueEnvironment {
  readonly prefix = createTestPrefix();
  private readonly redis = new Redis(TEST_REDIS_URL, { lazyConnect: true });

  private constructor(readonly e2e: E2eEnvironment) {
    this.redis.on("error", () => undefined);
  }

  static async start(): Promise<QueueEnvironment> {
    return new QueueEnvironment(await E2eEnvironment.start());
  }

  get github() {
    return this.e2e.github;
  }

  /** Starts an app server that queues reviews in Redis at `redisUrl`. */
  startServer(redisUrl = TEST_REDIS_URL, env: Record<string, string> = {}) {
    return this.e2e.startApp({
      REDIS_URL: redisUrl,
      STRUCTRA_QUEUE_PREFIX: this.prefix,
      ...env,
    });
  }

  /** Starts a worker process on the same queue. */
  startWorker(redisUrl = TEST_REDIS_URL, env: Record<string, string> = {}) {
    return this.e2e.startApp({
      REDIS_URL: redisUrl,
      STRUCTRA_QUEUE_PREFIX: this.prefix,
      ...WORKER_ENV,
      ...env,
    });
  }

  deliver(app: AppProcess, delivery: Parameters<E2eEnvironment["deliver"]>[1]) {
    return this.e2e.deliver(app, delivery);
  }

  /** Delivers an event and returns the response with its latency in ms. */
  async deliverTimed(
    app: AppProcess,
    delivery: Parameters<E2eEnvironment["deliver"]>[1],
  ) {
    const started = performance.now();
    const response = await this.deliver(app, delivery);
    return { ...response, latencyMs: performance.now() - started };
  }

  /** Check runs of a commit in a repository of the fake. */
  checkRunsOf(repo: string, sha: string) {
    return this.github
      .repository(repo)
      .checkRuns.filter((run) => run.headSha === sha);
  }

  /** Submitted reviews of a pull request. */
  reviewsOf(repo: string, number: number) {
    return this.github
      .pull(repo, number)
      .reviews.filter((review) => review.state === "COMMENTED");
  }

  /** Waits until every check run of the commit is completed. */
  async waitForCompletedChecks(
    repo: string,
    sha: string,
    count = 1,
    timeoutMs = 60_000,
  ) {
    return waitFor(
      () => {
        const runs = this.checkRunsOf(repo, sha);
        const done = runs.filter((run) => run.status === "completed");
        return done.length >= count ? done : undefined;
      },
      timeoutMs,
      `${count} completed check runs on ${sha}`,
    );
  }

  /** Deletes the queue's keys and stops every process and the fake. */
  async stop(): Promise<void> {
    await this.e2e.stop();
    try {
      await this.redis.connect();
      await deleteKeys(this.redis, this.prefix);
    } finally {
      this.redis.disconnect();
    }
  }
}

/** Polls until `probe` returns a value, or fails after the timeout. */
export async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
  description: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${description}`);
    await sleep(50);
  }
}

/** Fetches a health endpoint and returns its status and parsed body. */
export async function getHealth(app: AppProcess, path: string) {
  const response = await fetch(`${app.url}${path}`);
  return {
    status: response.status,
    body: (await response.json()) as { status: string; reason?: string },
  };
}

/** Log records of the process with the message, optionally for one commit. */
export function findLogs(
  app: AppProcess,
  message: string | RegExp,
  sha?: string,
): LogRecord[] {
  return app.logs.filter(
    (record) =>
      (typeof message === "string"
        ? record.msg === message
        : message.test(record.msg)) &&
      (sha === undefined || record.sha === sha),
  );
}
