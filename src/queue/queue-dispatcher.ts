import type { Logger } from "probot";

import { findOpenPullRequests } from "../github/find-open-pull-requests.js";
import { getErrorDetails } from "../github/get-error-details.js";
import { createRedisConnection } from "./create-redis-connection.js";
import { enqueueReview, REDIS_TIMEOUT_MS } from "./enqueue-review.js";
import { limitTime } from "./limit-time.js";
import type { QueueSettings } from "./queue-settings.js";
import type { DispatchContext, ReviewDispatcher } from "./review-dispatcher.js";
import { getRerunJobId, getReviewJobId } from "./review-job.js";
import { createReviewQueue } from "./review-queue.js";
import { supersedeWaitingJob } from "./supersede-waiting-job.js";

/**
 * Queues every review in Redis for the workers and returns at once, so a
 * webhook gets its response in milliseconds whatever the size of the pull
 * request.
 */
export function createQueueDispatcher(
  redisUrl: string,
  settings: QueueSettings,
  log: Logger,
): ReviewDispatcher {
  const redis = createRedisConnection(redisUrl, {
    role: "queue",
    log,
    impact:
      "Webhooks still get responses, but each new review ends in a failed check run that asks for a re-run.",
  });
  const reviewQueue = createReviewQueue(redis, settings);
  // The connection's own listener logs the outage once; BullMQ repeats it.
  reviewQueue.queue.on("error", (error) => {
    log.debug({ err: getErrorDetails(error) }, "Review queue error");
  });

  return {
    async review(context, job) {
      const installationId = readInstallationId(context);
      if (installationId === undefined) return;
      const data = { ...job, installationId, deliveryId: context.id };
      await enqueueReview(reviewQueue, context, data, getReviewJobId(job));

      const { action, before } = context.payload;
      if (action === "synchronize" && before !== undefined) {
        await supersedeWaitingJob(
          reviewQueue,
          context,
          { ...job, headSha: before },
          job.headSha,
        );
      }
    },

    async rerun(context, request) {
      const installationId = readInstallationId(context);
      if (installationId === undefined) return;
      const { owner, repo, headSha } = request;
      const pullNumbers =
        request.pullNumbers.length > 0
          ? [...new Set(request.pullNumbers)]
          : await findOpenPullRequests(context.octokit, owner, repo, headSha);
      if (pullNumbers.length === 0) {
        context.log.info(
          { repo: `${owner}/${repo}`, sha: headSha },
          "No open pull request has this head commit; nothing to re-run",
        );
        return;
      }
      for (const pullNumber of pullNumbers) {
        const job = { owner, repo, pullNumber, headSha };
        const data = {
          ...job,
          installationId,
          deliveryId: context.id,
          rerun: true,
        };
        const jobId = getRerunJobId(job, context.id);
        await enqueueReview(reviewQueue, context, data, jobId);
      }
    },

    async checkReadiness() {
      try {
        await limitTime(
          redis.ping(),
          REDIS_TIMEOUT_MS,
          `no response within ${REDIS_TIMEOUT_MS} ms`,
        );
        return undefined;
      } catch (error) {
        return `Redis at REDIS_URL is unreachable: ${getErrorDetails(error).message}`;
      }
    },

    async close() {
      // Webhook handlers only queue jobs, so none outlives its request.
      await reviewQueue.queue.close().catch(() => undefined);
      redis.disconnect();
    },
  };
}

function readInstallationId(context: DispatchContext): number | undefined {
  const id = context.payload.installation?.id;
  if (id === undefined) {
    context.log.error(
      "The event names no installation, so no worker could authenticate for it; ignoring it",
    );
  }
  return id;
}
