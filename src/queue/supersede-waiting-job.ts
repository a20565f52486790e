import { completeCheckRun } from "../github/complete-check-run.js";
import { getErrorDetails } from "../github/get-error-details.js";
import type { PullRequestJob } from "../github/pull-request-job.js";
import { createUnpacedOctokit } from "./create-unpaced-octokit.js";
import { describeDroppedForNewerCommit } from "./queue-outputs.js";
import type { DispatchContext } from "./review-dispatcher.js";
import { getReviewJobId } from "./review-job.js";
import type { ReviewQueue } from "./review-queue.js";

/** BullMQ states of a job that no worker has taken yet. */
const WAITING_STATES = new Set(["waiting", "delayed", "prioritized"]);

/**
 * Removes the queued review of a pull request's previous head commit and
 * completes its check run as cancelled, as a review that finds its commit
 * superseded does. A job that a worker already runs is locked, so it
 * stays. Its review checks the head and publishes nothing for a commit
 * that is no longer the head. Failures are logged, never thrown, because
 * the newer review is already queued.
 */
export async function supersedeWaitingJob(
  { queue }: ReviewQueue,
  context: DispatchContext,
  previous: PullRequestJob,
  newerSha: string,
): Promise<void> {
  const jobId = getReviewJobId(previous);
  const log = context.log.child({ jobId });
  try {
    const job = await queue.getJob(jobId);
    if (job === undefined) return;
    // A finished job has its own result on its check run. A job that
    // becomes active after this read is locked, and `remove` leaves it.
    if (!WAITING_STATES.has(await job.getState())) return;
    if ((await queue.remove(jobId)) !== 1) return;

    log.info({ newerSha }, "Removed the queued review of a superseded commit");
    const { checkRunId } = job.data;
    if (checkRunId === undefined) return;
    await completeCheckRun(
      createUnpacedOctokit(context, job.data.installationId),
      { owner: previous.owner, repo: previous.repo, checkRunId },
      "cancelled",
      describeDroppedForNewerCommit(newerSha),
    );
  } catch (error) {
    log.warn(
      { err: getErrorDetails(error) },
      "Could not retire the queued review of a superseded commit",
    );
  }
}
