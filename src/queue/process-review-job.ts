import { DelayedError, UnrecoverableError, type Job } from "bullmq";
import type { Logger, Probot, ProbotOctokit } from "probot";

import { completeCheckRun } from "../github/complete-check-run.js";
import { getErrorDetails } from "../github/get-error-details.js";
import {
  runPullRequestReview,
  type RunOutcome,
} from "../github/run-pull-request-review.js";
import { classifyJobError } from "./classify-job-error.js";
import type {
  InstallationLease,
  InstallationLimiter,
} from "./installation-limiter.js";
import { describeAttemptsExhausted } from "./queue-outputs.js";
import type { ReviewJobData } from "./review-job.js";

export interface ReviewJobDependencies {
  probot: Probot;
  limiter: InstallationLimiter;
  log: Logger;
  /** Lease length of an installation slot; renewed every third of it. */
  leaseMs: number;
}

/** Wait before a job whose installation has no free slot is tried again. */
const DEFERRAL_STEP_MS = 1000;
const MAX_DEFERRAL_MS = 15_000;

/**
 * Runs one queued review with a token of the job's installation. Waits
 * for a free slot of the installation first, by putting the job back as
 * delayed, which BullMQ does not count as an attempt. A transient error
 * is thrown for BullMQ to retry with backoff. A permanent error, or one on
 * the last attempt, completes the check run as failure.
 */
export async function processReviewJob(
  deps: ReviewJobDependencies,
  job: Job<ReviewJobData>,
  token: string | undefined,
): Promise<RunOutcome> {
  const { data } = job;
  const log = deps.log.child({
    jobId: job.id,
    deliveryId: data.deliveryId,
    installationId: data.installationId,
    attempt: job.attemptsMade + 1,
  });

  const lease = await deps.limiter.acquire(
    data.installationId,
    getLeaseHolder(job, token),
  );
  if (lease === undefined) return deferJob(job, token, log);

  log.debug("Review job started");
  const renewal = keepLeaseAlive(lease, deps.leaseMs, log);
  let octokit: ProbotOctokit | undefined;
  try {
    octokit = await deps.probot.auth(data.installationId);
    const { owner, repo, pullNumber, headSha, checkRunId } = data;
    return await runPullRequestReview(octokit, log, {
      owner,
      repo,
      pullNumber,
      headSha,
      ...(checkRunId === undefined ? {} : { checkRunId }),
    });
  } catch (error) {
    throw await handleJobError(job, error, octokit, log);
  } finally {
    clearInterval(renewal);
    await lease.release().catch((error: unknown) => {
      log.warn({ err: getErrorDetails(error) }, "Could not release the slot");
    });
  }
}

/** Names one run of a job, as the holder of its installation slot. */
export function getLeaseHolder(
  job: Job<ReviewJobData>,
  token: string | undefined,
): string {
  return `${job.id}/${token}`;
}

async function deferJob(
  job: Job<ReviewJobData>,
  token: string | undefined,
  log: Logger,
): Promise<never> {
  // Each deferral waits a little longer, so the jobs of a busy installation
  // do not cycle through the workers every second.
  const deferrals = Math.max(0, job.attemptsStarted - job.attemptsMade - 1);
  const delayMs =
    Math.min(DEFERRAL_STEP_MS * (deferrals + 1), MAX_DEFERRAL_MS) +
    Math.round(Math.random() * DEFERRAL_STEP_MS);
  log.debug({ delayMs, deferrals }, "Installation has no free slot; deferred");
  await job.moveToDelayed(Date.now() + delayMs, token);
  throw new DelayedError();
}

function keepLeaseAlive(
  lease: InstallationLease,
  leaseMs: number,
  log: Logger,
): NodeJS.Timeout {
  const timer = setInterval(() => {
    lease.renew().then(
      (kept) => {
        if (!kept) log.warn("The installation slot expired before renewal");
      },
      (error: unknown) => {
        log.warn({ err: getErrorDetails(error) }, "Could not renew the slot");
      },
    );
  }, leaseMs / 3);
  timer.unref();
  return timer;
}

/** Logs the error and returns what to throw to BullMQ. */
async function handleJobError(
  job: Job<ReviewJobData>,
  error: unknown,
  octokit: ProbotOctokit | undefined,
  log: Logger,
): Promise<Error> {
  const details = getErrorDetails(error);
  const kind = classifyJobError(error);
  const attempts = job.opts.attempts ?? 1;
  const final = kind === "permanent" || job.attemptsMade + 1 >= attempts;
  if (!final) {
    log.warn({ err: details, kind }, "Review failed; BullMQ retries it");
    return error instanceof Error ? error : new Error(details.message);
  }

  log.error({ err: details, kind }, "Review failed for good");
  const { owner, repo, checkRunId } = job.data;
  if (octokit !== undefined && checkRunId !== undefined) {
    await completeCheckRun(
      octokit,
      { owner, repo, checkRunId },
      "failure",
      describeAttemptsExhausted(job.attemptsMade + 1, details.message),
    ).catch((completionError: unknown) => {
      log.error(
        { err: getErrorDetails(completionError) },
        "Could not complete the check run of the failed review",
      );
    });
  }
  return new UnrecoverableError(details.message);
}
