import type { ProbotOctokit } from "probot";

import type { CheckOutput } from "./complete-check-run.js";
import { CHECK_RUN_NAME, type PullRequestJob } from "./pull-request-job.js";

export const DRAFT_OUTPUT: CheckOutput = {
  title: "Draft: not gated until ready for review",
  summary:
    "Structra reviews this pull request once it is marked ready for review.",
};

/**
 * Gives a draft pull request's head commit a neutral check, so the draft
 * shows the check without being blocked by it.
 */
export async function completeDraftCheck(
  octokit: ProbotOctokit,
  job: PullRequestJob,
): Promise<void> {
  const completion = {
    status: "completed",
    conclusion: "neutral",
    completed_at: new Date().toISOString(),
    output: DRAFT_OUTPUT,
  } as const;

  if (job.checkRunId === undefined) {
    await octokit.rest.checks.create({
      owner: job.owner,
      repo: job.repo,
      name: CHECK_RUN_NAME,
      head_sha: job.headSha,
      ...completion,
    });
    return;
  }
  await octokit.rest.checks.update({
    owner: job.owner,
    repo: job.repo,
    check_run_id: job.checkRunId,
    ...completion,
  });
}
