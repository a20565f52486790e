import type { ProbotOctokit } from "probot";

import type { PullRequestJob } from "./pull-request-job.js";

/** The current head, base and draft state of a pull request. */
export interface PullState {
  headSha: string;
  baseSha: string;
  draft: boolean;
}

/** Reads the pull request's current head, base and draft state. */
export async function getPullState(
  octokit: ProbotOctokit,
  job: PullRequestJob,
): Promise<PullState> {
  const { data } = await octokit.rest.pulls.get({
    owner: job.owner,
    repo: job.repo,
    pull_number: job.pullNumber,
  });
  return {
    headSha: data.head.sha,
    baseSha: data.base.sha,
    draft: data.draft === true,
  };
}
