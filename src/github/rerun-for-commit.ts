import type { Logger, ProbotOctokit } from "probot";

import { findOpenPullRequests } from "./find-open-pull-requests.js";
import { runPullRequestReview } from "./run-pull-request-review.js";

export interface RerunRequest {
  owner: string;
  repo: string;
  headSha: string;
  /** Pull request numbers from the check run or check suite payload. */
  pullNumbers: readonly number[];
}

/**
 * Reviews again every pull request of a re-requested check run or check
 * suite. The pull request numbers come from the payload when GitHub sends
 * them, else from a lookup by head commit.
 */
export async function rerunForCommit(
  octokit: ProbotOctokit,
  log: Logger,
  request: RerunRequest,
): Promise<void> {
  const { owner, repo, headSha } = request;
  const pullNumbers =
    request.pullNumbers.length > 0
      ? [...new Set(request.pullNumbers)]
      : await findOpenPullRequests(octokit, owner, repo, headSha);

  if (pullNumbers.length === 0) {
    log.info(
      { repo: `${owner}/${repo}`, sha: headSha },
      "No open pull request has this head commit; nothing to re-run",
    );
    return;
  }
  for (const pullNumber of pullNumbers) {
    await runPullRequestReview(octokit, log, {
      owner,
      repo,
      pullNumber,
      headSha,
    });
  }
}
