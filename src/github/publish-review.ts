import type { ProbotOctokit } from "probot";

import type { ChangedFile } from "../diff/index.js";
import { parseMarkers } from "../reporters/marker.js";
import type { Finding } from "../types.js";
import { MAX_PER_PAGE } from "./github-limits.js";
import {
  planReviewComments,
  type ReviewCommentPlan,
} from "./plan-review-comments.js";
import { CHECK_RUN_NAME, type PullRequestJob } from "./pull-request-job.js";

/**
 * Posts one review with an inline comment per new finding, up to `max`.
 * Findings whose marker is already in a review comment are skipped, so a
 * re-delivered event posts nothing twice. No new comment means no review.
 */
export async function publishReview(
  octokit: ProbotOctokit,
  job: PullRequestJob,
  findings: readonly Finding[],
  changedFiles: readonly ChangedFile[],
  max: number,
): Promise<ReviewCommentPlan> {
  const existing = await octokit.paginate(
    octokit.rest.pulls.listReviewComments,
    {
      owner: job.owner,
      repo: job.repo,
      pull_number: job.pullNumber,
      per_page: MAX_PER_PAGE,
    },
  );
  // NOTE: two runs for the same commit that overlap can both miss the
  // other's comments here and post the same finding twice.
  const postedFingerprints = new Set(
    existing.flatMap((comment) => parseMarkers(comment.body)),
  );
  const commentableLines = new Map(
    changedFiles.map((file) => [file.path, new Set(file.commentableLines)]),
  );

  const plan = planReviewComments(findings, {
    postedFingerprints,
    commentableLines,
    max,
  });
  if (plan.comments.length === 0) return plan;

  await octokit.rest.pulls.createReview({
    owner: job.owner,
    repo: job.repo,
    pull_number: job.pullNumber,
    commit_id: job.headSha,
    event: "COMMENT",
    body: describeReview(plan.comments.length),
    comments: plan.comments,
  });
  return plan;
}

function describeReview(count: number): string {
  const findings = count === 1 ? "1 new finding" : `${count} new findings`;
  return `Structra found ${findings} of rule F-03 (Stateless Services) on this commit. The "${CHECK_RUN_NAME}" check lists every finding.`;
}
