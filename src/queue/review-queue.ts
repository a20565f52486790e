import { Queue, type JobsOptions } from "bullmq";
import type { Redis } from "ioredis";

import type { QueueSettings } from "./queue-settings.js";
import { REVIEW_QUEUE_NAME, type ReviewJobData } from "./review-job.js";

/** BullMQ backoff type handled by the workers' own backoff strategy. */
export const GITHUB_BACKOFF = "github";

/**
 * How long a review is remembered. Within this window a re-delivered event
 * for the same commit is a duplicate. After it, the event is reviewed
 * again, and the comment markers keep the review from repeating a comment.
 */
export const DUPLICATE_WINDOW_MS = 24 * 60 * 60_000;

/** Names of the keys Structra keeps in Redis beside BullMQ's own. */
export interface QueueKeys {
  /** Key that marks a job id as taken by the first delivery that queued it. */
  claimKey(jobId: string): string;
  /** Prefix of the per-installation lease sets. */
  leaseKeyPrefix: string;
}

/** The review queue with the Redis connection and key names it uses. */
export interface ReviewQueue extends QueueKeys {
  queue: Queue<ReviewJobData>;
  redis: Redis;
}

/**
 * Names Structra's keys under the prefix. BullMQ's own keys are
 * `<prefix>:reviews:...`, so these cannot clash with them.
 */
export function createQueueKeys(prefix: string): QueueKeys {
  return {
    claimKey: (jobId) => `${prefix}:claims:${jobId}`,
    leaseKeyPrefix: `${prefix}:installation-leases`,
  };
}

/** Creates the BullMQ queue on an open Redis connection. */
export function createReviewQueue(
  redis: Redis,
  settings: QueueSettings,
): ReviewQueue {
  const queue = new Queue<ReviewJobData>(REVIEW_QUEUE_NAME, {
    connection: redis,
    prefix: settings.prefix,
    defaultJobOptions: buildJobOptions(settings),
  });
  return { queue, redis, ...createQueueKeys(settings.prefix) };
}

function buildJobOptions(settings: QueueSettings): JobsOptions {
  const keptSeconds = DUPLICATE_WINDOW_MS / 1000;
  return {
    attempts: settings.jobAttempts,
    backoff: { type: GITHUB_BACKOFF, delay: settings.retryDelayMs },
    removeOnComplete: { age: keptSeconds, count: 10_000 },
    removeOnFail: { age: 7 * keptSeconds, count: 10_000 },
  };
}
