import type { Logger, ProbotOctokit } from "probot";

import { completeCheckRun } from "../github/complete-check-run.js";
import { createCheckRun } from "../github/create-check-run.js";
import { getErrorDetails } from "../github/get-error-details.js";
import { createUnpacedOctokit } from "./create-unpaced-octokit.js";
import { limitTime } from "./limit-time.js";
import { describeQueueUnavailable } from "./queue-outputs.js";
import type { DispatchContext } from "./review-dispatcher.js";
import { REVIEW_JOB_NAME, type ReviewJobData } from "./review-job.js";
import { DUPLICATE_WINDOW_MS, type ReviewQueue } from "./review-queue.js";

/**
 * Maximum wait for Redis inside a webhook handler, well below GitHub's
 * 10-second webhook timeout.
 */
export const REDIS_TIMEOUT_MS = 2000;

const REDIS_TIMEOUT_MESSAGE = `Redis did not answer within ${REDIS_TIMEOUT_MS} ms`;

/**
 * Queues one review. The first delivery of a job id claims it in Redis,
 * creates the in-progress check run and adds the job. Later deliveries
 * find the claim and do nothing, so two replicas that receive the same
 * event create one check run between them. When GitHub does not create
 * the check run, the job goes ahead without one and the worker creates
 * it. When Redis is unreachable, the check run is completed as failure
 * with a summary that instructs users to select Re-run later.
 */
export async function enqueueReview(
  reviewQueue: ReviewQueue,
  context: DispatchContext,
  data: ReviewJobData,
  jobId: string,
): Promise<void> {
  const log = context.log.child({ jobId });
  const claimKey = reviewQueue.claimKey(jobId);

  let claimError: unknown;
  try {
    if (!(await claim(reviewQueue, claimKey, context.id))) {
      log.info("Duplicate delivery; the review is already queued");
      return;
    }
  } catch (error) {
    claimError = error;
  }

  const octokit = createUnpacedOctokit(context, data.installationId);
  if (claimError !== undefined) {
    // Without Redis nothing is queued, so the user learns it from a check
    // run. If GitHub fails as well, the error fails the webhook delivery,
    // which can then be redelivered.
    const checkRunId = await createCheckRun(octokit, { ...data, runId: jobId });
    await failCheckRun(octokit, data, checkRunId, claimError, log);
    return;
  }

  const checkRunId = await tryCreateCheckRun(octokit, data, jobId, log);
  try {
    const queued = checkRunId === undefined ? data : { ...data, checkRunId };
    await limitTime(
      reviewQueue.queue.add(REVIEW_JOB_NAME, queued, { jobId }),
      REDIS_TIMEOUT_MS,
      REDIS_TIMEOUT_MESSAGE,
    );
    log.info({ checkRunId }, "Review queued");
  } catch (error) {
    await release(reviewQueue, claimKey);
    if (checkRunId === undefined) throw error;
    await failCheckRun(octokit, data, checkRunId, error, log);
  }
}

async function claim(
  { redis }: ReviewQueue,
  claimKey: string,
  deliveryId: string,
): Promise<boolean> {
  // The connection refuses commands while it is down rather than queueing
  // them, but before the first connection BullMQ would still wait for it.
  if (redis.status !== "ready") {
    throw new Error(
      `Redis at REDIS_URL is unreachable (connection ${redis.status})`,
    );
  }
  const reply = await limitTime(
    redis.set(claimKey, deliveryId, "PX", DUPLICATE_WINDOW_MS, "NX"),
    REDIS_TIMEOUT_MS,
    REDIS_TIMEOUT_MESSAGE,
  );
  return reply === "OK";
}

/** Drops a claim so that a re-delivery of the event can queue the review. */
async function release(
  { redis }: ReviewQueue,
  claimKey: string,
): Promise<void> {
  await limitTime(redis.del(claimKey), REDIS_TIMEOUT_MS, "").catch(
    () => undefined,
  );
}

async function tryCreateCheckRun(
  octokit: ProbotOctokit,
  data: ReviewJobData,
  jobId: string,
  log: Logger,
): Promise<number | undefined> {
  try {
    return await createCheckRun(octokit, { ...data, runId: jobId });
  } catch (error) {
    log.warn(
      { err: getErrorDetails(error) },
      "Could not create the check run; the worker creates it",
    );
    return undefined;
  }
}

async function failCheckRun(
  octokit: ProbotOctokit,
  data: ReviewJobData,
  checkRunId: number,
  error: unknown,
  log: Logger,
): Promise<void> {
  const details = getErrorDetails(error);
  log.error(
    { err: details, checkRunId },
    "Could not queue the review; completing its check run as failure",
  );
  await completeCheckRun(
    octokit,
    { owner: data.owner, repo: data.repo, checkRunId },
    "failure",
    describeQueueUnavailable(details.message),
  );
}
