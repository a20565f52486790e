import { Worker, type Job, type WorkerOptions } from "bullmq";
import type { Redis } from "ioredis";

import { getErrorDetails } from "../github/get-error-details.js";
import type { RunOutcome } from "../github/run-pull-request-review.js";
import { computeRetryDelay } from "./compute-retry-delay.js";
import {
  getLeaseHolder,
  processReviewJob,
  type ReviewJobDependencies,
} from "./process-review-job.js";
import type { QueueSettings } from "./queue-settings.js";
import { REVIEW_QUEUE_NAME, type ReviewJobData } from "./review-job.js";

/** A job this worker runs, by its installation lease holder name. */
export type RunningJobs = Map<
  string,
  { job: Job<ReviewJobData>; token: string }
>;

/**
 * Creates the BullMQ worker of the review queue. It records each job it
 * runs in `running` while the job runs, so a shutdown can return them.
 */
export function createReviewWorker(
  redis: Redis,
  settings: QueueSettings,
  deps: ReviewJobDependencies,
  running: RunningJobs,
): Worker<ReviewJobData, RunOutcome> {
  const worker = new Worker<ReviewJobData, RunOutcome>(
    REVIEW_QUEUE_NAME,
    async (job, token) => {
      const holder = getLeaseHolder(job, token);
      if (token !== undefined) running.set(holder, { job, token });
      try {
        return await processReviewJob(deps, job, token);
      } finally {
        running.delete(holder);
      }
    },
    buildWorkerOptions(redis, settings),
  );
  // The connection's own listener logs Redis outages once; BullMQ repeats them.
  worker.on("error", (error) => {
    deps.log.debug({ err: getErrorDetails(error) }, "Worker error");
  });
  worker.on("stalled", (jobId) => {
    deps.log.warn(
      { jobId },
      "A job's worker stopped renewing its lock; the job is back in the queue",
    );
  });
  return worker;
}

function buildWorkerOptions(
  connection: Redis,
  settings: QueueSettings,
): WorkerOptions {
  return {
    connection,
    prefix: settings.prefix,
    concurrency: settings.workerConcurrency,
    lockDuration: settings.jobLockMs,
    // A killed worker's job is back in the queue within the lock time plus
    // this interval.
    stalledInterval: Math.min(30_000, Math.ceil(settings.jobLockMs / 2)),
    maxStalledCount: 1,
    settings: {
      backoffStrategy: (attemptsMade, _type, error, job) =>
        computeRetryDelay(
          attemptsMade,
          error,
          readBaseDelay(job?.opts.backoff) ?? settings.retryDelayMs,
        ),
    },
  };
}

/** Reads the base delay that the app server stored with the job. */
function readBaseDelay(
  backoff: number | { delay?: number } | undefined,
): number | undefined {
  if (typeof backoff === "number") return backoff;
  return backoff?.delay;
}
