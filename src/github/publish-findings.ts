import type { ProbotOctokit } from "probot";

import type { StructraConfig } from "../config/config.js";
import { formatInlineCode } from "../reporters/markdown.js";
import { describeUnposted } from "./describe-unposted.js";
import { publishReview } from "./publish-review.js";
import type { PullRequestJob } from "./pull-request-job.js";
import type { PullRequestReview } from "./review-pull-request.js";

export interface Publication {
  /** True when the pull request is a draft, which is not gated. */
  draft: boolean;
  posted: number;
  /** Remarks for the check summary. */
  notes: string[];
}

/**
 * Posts the review comments unless the pull request became a draft, its
 * head moved past the reviewed commit, or the configuration turned inline
 * comments off.
 */
export async function publishFindings(
  octokit: ProbotOctokit,
  job: PullRequestJob,
  result: PullRequestReview,
  config: StructraConfig,
): Promise<Publication> {
  const { data: pull } = await octokit.rest.pulls.get({
    owner: job.owner,
    repo: job.repo,
    pull_number: job.pullNumber,
  });
  if (pull.draft) return { draft: true, posted: 0, notes: [] };

  const findings = result.review.findings;
  if (findings.length === 0) return { draft: false, posted: 0, notes: [] };
  if (pull.head.sha !== job.headSha) {
    const note = `The pull request's head moved to ${formatInlineCode(pull.head.sha)} during this run, so no review comments were posted for this commit.`;
    return { draft: false, posted: 0, notes: [note] };
  }
  if (!config.comments.inline) {
    const note =
      "Inline comments are off (`comments.inline: false`), so findings appear only in this check.";
    return { draft: false, posted: 0, notes: [note] };
  }

  const { max } = config.comments;
  const plan = await publishReview(
    octokit,
    job,
    findings,
    result.changedFiles,
    max,
  );
  const unposted = describeUnposted(plan.overCap, max);
  return {
    draft: false,
    posted: plan.comments.length,
    notes: unposted === undefined ? [] : [unposted],
  };
}
