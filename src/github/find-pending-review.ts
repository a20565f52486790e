import type { ProbotOctokit } from "probot";

import { MAX_PER_PAGE } from "./github-limits.js";
import type { PullRequestJob } from "./pull-request-job.js";
import { parseReviewMarker, type ReviewMarker } from "./review-marker.js";

export interface PendingReview {
  id: number;
  /** Absent when the body carries no valid marker. */
  marker?: ReviewMarker;
}

/**
 * Finds the app's pending review on the pull request. GitHub lists a
 * pending review only to its author and allows one per author and pull
 * request, so there is at most one and it is the app's.
 */
export async function findPendingReview(
  octokit: ProbotOctokit,
  job: PullRequestJob,
): Promise<PendingReview | undefined> {
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, {
    owner: job.owner,
    repo: job.repo,
    pull_number: job.pullNumber,
    per_page: MAX_PER_PAGE,
  });
  const pending = reviews.find((review) => review.state === "PENDING");
  if (pending === undefined) return undefined;
  const marker = parseReviewMarker(pending.body);
  return marker === undefined ? { id: pending.id } : { id: pending.id, marker };
}
