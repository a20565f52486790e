import type { ProbotOctokit } from "probot";

import type { Finding } from "../types.js";
import {
  getGithubReason,
  isPendingReviewConflict,
  isUnprocessable,
} from "./classify-github-error.js";
import { createPendingReview, deletePendingReview } from "./pending-review.js";
import type { PlannedComment } from "./plan-review-comments.js";
import type { PullRequestJob } from "./pull-request-job.js";

/** Trial reviews one search may create, two requests each. */
export const MAX_PROBES = 40;

export interface RejectedComment {
  finding: Finding;
  /** GitHub's error message. */
  reason: string;
}

export interface CommentTriage {
  accepted: PlannedComment[];
  rejected: RejectedComment[];
}

interface ProbeContext {
  octokit: ProbotOctokit;
  job: PullRequestJob;
  runId: string;
  body: string;
  probesLeft: number;
}

/**
 * Separates the comments GitHub accepts from those it rejects, after it
 * rejected a review with all of them. GitHub's 422 names the invalid
 * field ("pull_request_review_thread.line must be part of the diff") but
 * not the comment, so each half is tried as a pending review, deleted at
 * once when accepted and split again when rejected. A pending review is
 * visible only to the app, so the trials never show on the pull request.
 * Another run's pending review appearing meanwhile ends the search with
 * its conflict error.
 */
export async function findRejectedComments(
  octokit: ProbotOctokit,
  job: PullRequestJob,
  runId: string,
  body: string,
  comments: readonly PlannedComment[],
): Promise<CommentTriage> {
  const context = { octokit, job, runId, body, probesLeft: MAX_PROBES };
  const triage: CommentTriage = { accepted: [], rejected: [] };
  await splitRejected(context, comments, triage);
  return triage;
}

/** Sorts a group that GitHub rejected as a whole. */
async function splitRejected(
  context: ProbeContext,
  comments: readonly PlannedComment[],
  triage: CommentTriage,
): Promise<void> {
  if (comments.length === 0) return;
  const middle = Math.ceil(comments.length / 2);
  for (const half of [comments.slice(0, middle), comments.slice(middle)]) {
    if (half.length === 0) continue;
    const reason = await probe(context, half);
    if (reason === undefined) {
      triage.accepted.push(...half);
    } else if (half.length === 1) {
      triage.rejected.push({
        finding: (half[0] as PlannedComment).finding,
        reason,
      });
    } else {
      await splitRejected(context, half, triage);
    }
  }
}

/**
 * Tries the comments as a pending review and deletes it if GitHub
 * accepts it. Returns GitHub's message when it rejects them. Once the
 * probe budget is spent, every further group counts as rejected.
 */
async function probe(
  context: ProbeContext,
  comments: readonly PlannedComment[],
): Promise<string | undefined> {
  if (context.probesLeft <= 0) {
    return `not checked: the search for the comments GitHub rejects stopped after ${MAX_PROBES} trials`;
  }
  context.probesLeft--;
  const { octokit, job, runId, body } = context;
  try {
    const reviewId = await createPendingReview(
      octokit,
      job,
      runId,
      body,
      comments.map((comment) => comment.draft),
    );
    await deletePendingReview(octokit, job, reviewId);
    return undefined;
  } catch (error) {
    if (!isUnprocessable(error) || isPendingReviewConflict(error)) throw error;
    return getGithubReason(error);
  }
}
