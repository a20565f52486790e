import type { ProbotOctokit } from "probot";

import { MAX_PER_PAGE } from "./github-limits.js";
import type { PullRequestJob } from "./pull-request-job.js";

/** The fields of a pull request review comment this app reads. */
export interface ReviewComment {
  id: number;
  body: string;
  path: string;
  pullRequestReviewId: number | null;
  /** Set on replies; the first comment of a thread has none. */
  inReplyToId?: number;
}

/** Lists every review comment of the pull request. */
export async function listReviewComments(
  octokit: ProbotOctokit,
  job: PullRequestJob,
): Promise<ReviewComment[]> {
  const comments = await octokit.paginate(
    octokit.rest.pulls.listReviewComments,
    {
      owner: job.owner,
      repo: job.repo,
      pull_number: job.pullNumber,
      per_page: MAX_PER_PAGE,
    },
  );
  return comments.map((comment) => ({
    id: comment.id,
    body: comment.body,
    path: comment.path,
    pullRequestReviewId: comment.pull_request_review_id,
    ...(comment.in_reply_to_id === undefined
      ? {}
      : { inReplyToId: comment.in_reply_to_id }),
  }));
}
