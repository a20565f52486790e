import type { Logger } from "probot";

import { readSecondaryRateLimitWait } from "../github/decide-rate-limit-retry.js";
import { createRedisConnection } from "./create-redis-connection.js";
import {
  createReviewWorker,
  type RunningJobs,
} from "./create-review-worker.js";
import { createWorkerProbot } from "./create-worker-probot.js";
import { handleShutdownSignals } from "./handle-shutdown-signals.js";
import {
  createInstallationLimiter,
  type InstallationLimiter,
} from "./installation-limiter.js";
import { limitTime } from "./limit-time.js";
import { readQueueSettings } from "./queue-settings.js";
import { createQueueKeys } from "./review-queue.js";
import { startHealthServer } from "./start-health-server.js";
import { waitWithTimeout } from "./wait-with-timeout.js";

/** Maximum wait for Redis to respond to the readiness check's ping. */
const PING_TIMEOUT_MS = 2000;

/**
 * Starts a worker: takes review jobs from the Redis queue and runs them
 * with a token of each job's installation, serves `/healthz` and
 * `/readyz`, and on SIGTERM or SIGINT finishes its jobs or returns them to
 * the queue.
 */
export async function startWorker(env: NodeJS.ProcessEnv): Promise<void> {
  const settings = readQueueSettings(env);
  const redisUrl = settings.redisUrl;
  if (redisUrl === undefined) {
    throw new Error(
      "REDIS_URL is missing, and worker mode needs it: workers take their jobs from Redis. Set REDIS_URL to the Redis server the app servers use, or run without --worker to review in the app process.",
    );
  }
  // The Octokit class reads it for every client, so an invalid value would
  // fail every job; it stops the worker at start instead.
  readSecondaryRateLimitWait(env);

  const probot = await createWorkerProbot(env);
  const log = probot.log.child({ name: "worker" });
  const redis = createRedisConnection(redisUrl, {
    role: "worker",
    log,
    impact:
      "This worker takes no job until Redis is back; queued jobs wait in Redis.",
  });
  const limiter = createInstallationLimiter(redis, {
    keyPrefix: createQueueKeys(settings.prefix).leaseKeyPrefix,
    limit: settings.installationConcurrency,
    leaseMs: settings.jobLockMs,
  });
  const running: RunningJobs = new Map();
  const deps = { probot, limiter, log, leaseMs: settings.jobLockMs };
  const worker = createReviewWorker(redis, settings, deps, running);

  let stopping = false;
  const health = await startHealthServer(env, async () => {
    if (stopping) return "shutting down";
    await limitTime(
      redis.ping(),
      PING_TIMEOUT_MS,
      `Redis at REDIS_URL did not respond to a ping within ${PING_TIMEOUT_MS} ms`,
    );
    return worker.isRunning() ? undefined : "the worker is not running";
  });

  handleShutdownSignals(log, settings.shutdownTimeoutMs, async () => {
    stopping = true;
    const finished = await waitWithTimeout(
      worker.close(),
      settings.shutdownTimeoutMs,
    );
    if (!finished) await returnRunningJobs(running, limiter, log);
    health.close();
    redis.disconnect();
  });

  log.info(
    {
      concurrency: settings.workerConcurrency,
      installationConcurrency: settings.installationConcurrency,
      prefix: settings.prefix,
    },
    "Worker started",
  );
}

/**
 * Puts the jobs still running back in the queue and frees their
 * installation slots, so another worker takes them at once instead of
 * after their locks expire.
 */
async function returnRunningJobs(
  running: RunningJobs,
  limiter: InstallationLimiter,
  log: Logger,
): Promise<void> {
  log.warn(
    { jobs: running.size },
    "Jobs did not finish before the shutdown timeout; returning them to the queue",
  );
  for (const [holder, { job, token }] of running) {
    await job.moveToWait(token);
    await limiter.release(job.data.installationId, holder);
  }
}
