import type { Logger, ProbotOctokit } from "probot";

import { parseMarkers } from "../reporters/marker.js";
import { deleteIfAbandoned } from "./abandoned-pending-review.js";
import {
  getGithubReason,
  isPendingReviewConflict,
  isUnprocessable,
} from "./classify-github-error.js";
import { findPendingReview } from "./find-pending-review.js";
import {
  findRejectedComments,
  type RejectedComment,
} from "./find-rejected-comments.js";
import {
  listReviewComments,
  type ReviewComment,
} from "./list-review-comments.js";
import {
  createPendingReview,
  deletePendingReview,
  submitPendingReview,
} from "./pending-review.js";
import type { PlannedComment } from "./plan-review-comments.js";
import { CHECK_RUN_NAME, type PullRequestJob } from "./pull-request-job.js";
import { formatReviewMarker } from "./review-marker.js";

/** The outcome of one attempt at posting the review. */
export type Attempt =
  | { kind: "published"; posted: PlannedComment[] }
  | { kind: "busy" }
  | { kind: "replan"; comments?: ReviewComment[] };

/**
 * Creates the pending review, confirms no other run posted the same
 * findings first, and submits it. Comments GitHub rejects are added to
 * `rejected` and the caller plans again without them.
 */
export async function tryPublishReview(
  octokit: ProbotOctokit,
  log: Logger,
  job: PullRequestJob,
  runId: string,
  planned: readonly PlannedComment[],
  rejected: RejectedComment[],
): Promise<Attempt> {
  const body = formatReviewBody(planned.length, runId);
  let reviewId: number;
  try {
    reviewId = await createPendingReview(
      octokit,
      job,
      runId,
      body,
      planned.map((comment) => comment.draft),
    );
  } catch (error) {
    if (isPendingReviewConflict(error)) {
      return resolveConflict(octokit, log, job, runId);
    }
    if (!isUnprocessable(error)) throw error;
    return separateRejected(
      octokit,
      log,
      job,
      runId,
      body,
      planned,
      rejected,
      error,
    );
  }

  // The pending review is the only one, so every review another run
  // submitted earlier is in this list. This review's comments do not count.
  const current = await listReviewComments(octokit, job);
  const posted = collectFingerprints(
    current.filter((comment) => comment.pullRequestReviewId !== reviewId),
  );
  if (planned.some((comment) => posted.has(comment.finding.fingerprint))) {
    await deletePendingReview(octokit, job, reviewId);
    return { kind: "replan", comments: current };
  }
  await submitPendingReview(octokit, job, reviewId, body);
  return { kind: "published", posted: [...planned] };
}

async function separateRejected(
  octokit: ProbotOctokit,
  log: Logger,
  job: PullRequestJob,
  runId: string,
  body: string,
  planned: readonly PlannedComment[],
  rejected: RejectedComment[],
  error: unknown,
): Promise<Attempt> {
  log.warn(
    { reason: getGithubReason(error), comments: planned.length },
    "GitHub rejected the review; looking for the invalid comments",
  );
  try {
    const triage = await findRejectedComments(
      octokit,
      job,
      runId,
      body,
      planned,
    );
    rejected.push(...triage.rejected);
  } catch (probeError) {
    if (!isPendingReviewConflict(probeError)) throw probeError;
    return resolveConflict(octokit, log, job, runId);
  }
  return { kind: "replan" };
}

/**
 * Handles GitHub's one-pending-review conflict: another run's fresh
 * pending review makes this run wait, and an abandoned one is deleted so
 * the run can plan again.
 */
async function resolveConflict(
  octokit: ProbotOctokit,
  log: Logger,
  job: PullRequestJob,
  runId: string,
): Promise<Attempt> {
  const pending = await findPendingReview(octokit, job);
  if (pending === undefined) return { kind: "replan" };
  const deleted = await deleteIfAbandoned(octokit, log, job, runId, pending);
  return deleted ? { kind: "replan" } : { kind: "busy" };
}

/** Collects the fingerprints of the markers in the comments. */
export function collectFingerprints(
  comments: readonly ReviewComment[],
): Set<string> {
  return new Set(comments.flatMap((comment) => parseMarkers(comment.body)));
}

function formatReviewBody(count: number, runId: string): string {
  const findings = count === 1 ? "1 new finding" : `${count} new findings`;
  const marker = formatReviewMarker({ runId, createdAt: new Date() });
  return `Structra found ${findings} of rule F-03 (Stateless Services) on this commit. The "${CHECK_RUN_NAME}" check lists every finding.\n\n${marker}`;
}
