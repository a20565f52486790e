import type { ProbotOctokit } from "probot";

import { getErrorStatus } from "./classify-github-error.js";
import { createOnce } from "./create-once.js";
import { findPendingReview } from "./find-pending-review.js";
import type { ReviewCommentDraft } from "./plan-review-comments.js";
import type { PullRequestJob } from "./pull-request-job.js";

/**
 * Creates a pending review with the comments on the job's head commit.
 * GitHub allows one pending review per author and pull request, so the
 * pending review also serves as a lock between runs. After a server error
 * the pending review is looked up by the run id in its marker before it
 * is created again.
 */
export async function createPendingReview(
  octokit: ProbotOctokit,
  job: PullRequestJob,
  runId: string,
  body: string,
  comments: readonly ReviewCommentDraft[],
): Promise<number> {
  return createOnce({
    create: async () => {
      const { data } = await octokit.rest.pulls.createReview({
        owner: job.owner,
        repo: job.repo,
        pull_number: job.pullNumber,
        commit_id: job.headSha,
        body,
        comments: [...comments],
        request: { retries: 0 },
      });
      return data.id;
    },
    find: async () => {
      const pending = await findPendingReview(octokit, job);
      return pending?.marker?.runId === runId ? pending.id : undefined;
    },
  });
}

/**
 * Submits a pending review as a comment review. After a server error the
 * review is read back, and submitted again only while it is still
 * pending.
 */
export async function submitPendingReview(
  octokit: ProbotOctokit,
  job: PullRequestJob,
  reviewId: number,
  body: string,
): Promise<void> {
  await createOnce({
    create: async () => {
      await octokit.rest.pulls.submitReview({
        owner: job.owner,
        repo: job.repo,
        pull_number: job.pullNumber,
        review_id: reviewId,
        event: "COMMENT",
        body,
        request: { retries: 0 },
      });
      return true;
    },
    find: async () => {
      const { data } = await octokit.rest.pulls.getReview({
        owner: job.owner,
        repo: job.repo,
        pull_number: job.pullNumber,
        review_id: reviewId,
      });
      return data.state === "PENDING" ? undefined : true;
    },
  });
}

/**
 * Deletes a pending review. One that is already gone (404) counts as
 * deleted.
 */
export async function deletePendingReview(
  octokit: ProbotOctokit,
  job: PullRequestJob,
  reviewId: number,
): Promise<void> {
  try {
    await octokit.rest.pulls.deletePendingReview({
      owner: job.owner,
      repo: job.repo,
      pull_number: job.pullNumber,
      review_id: reviewId,
    });
  } catch (error) {
    if (getErrorStatus(error) !== 404) throw error;
  }
}
