import type { Logger, ProbotOctokit } from "probot";

import {
  findPendingReview,
  type PendingReview,
} from "./find-pending-review.js";
import { deletePendingReview } from "./pending-review.js";
import type { PullRequestJob } from "./pull-request-job.js";

/**
 * Age after which another run's pending review counts as the leftover of
 * a run that crashed, and is deleted. A live run keeps its pending review
 * for a few requests only.
 */
export const STALE_PENDING_REVIEW_MS = 5 * 60_000;

/**
 * Finds another run's live pending review. This run's own leftover and a
 * stale one are deleted on the way and count as none.
 */
export async function findOtherPendingReview(
  octokit: ProbotOctokit,
  log: Logger,
  job: PullRequestJob,
  runId: string,
): Promise<PendingReview | undefined> {
  const pending = await findPendingReview(octokit, job);
  if (pending === undefined) return undefined;
  if (await deleteIfAbandoned(octokit, log, job, runId, pending)) {
    return undefined;
  }
  return pending;
}

/**
 * Deletes a pending review that no live run holds: this run's own
 * leftover, or one older than {@link STALE_PENDING_REVIEW_MS} or without
 * a marker. Returns true when it did.
 */
export async function deleteIfAbandoned(
  octokit: ProbotOctokit,
  log: Logger,
  job: PullRequestJob,
  runId: string,
  pending: PendingReview,
): Promise<boolean> {
  const own = pending.marker?.runId === runId;
  const age =
    pending.marker === undefined
      ? Number.POSITIVE_INFINITY
      : Date.now() - pending.marker.createdAt.getTime();
  if (!own && age <= STALE_PENDING_REVIEW_MS) return false;

  log.warn(
    { reviewId: pending.id, ownRun: own },
    own
      ? "Deleting this run's leftover pending review"
      : "Deleting a stale pending review left by another run",
  );
  await deletePendingReview(octokit, job, pending.id);
  return true;
}

/** Deletes this run's pending review, if there is one. */
export async function discardOwnPendingReview(
  octokit: ProbotOctokit,
  job: PullRequestJob,
  runId: string,
): Promise<void> {
  const pending = await findPendingReview(octokit, job);
  if (pending?.marker?.runId === runId) {
    await deletePendingReview(octokit, job, pending.id);
  }
}
