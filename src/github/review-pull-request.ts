import type { Logger, ProbotOctokit } from "probot";

import type { StructraConfig } from "../config/config.js";
import { compareCommits } from "./compare-commits.js";
import { listChangedFiles } from "./list-changed-files.js";
import type { PullRequestJob } from "./pull-request-job.js";
import { reviewChanges, type ChangeReview } from "./review-changes.js";
import type { RunProgress } from "./run-progress.js";

export type PullRequestReview = ChangeReview;

/**
 * Lists the pull request's changed files and reviews their added lines at
 * the job's head commit. `baseSha` is the pull request's base, compared
 * with the head only to find the merge base for files without a patch.
 */
export async function reviewPullRequest(
  octokit: ProbotOctokit,
  log: Logger,
  job: PullRequestJob,
  config: StructraConfig,
  progress: RunProgress,
  baseSha: string,
): Promise<PullRequestReview> {
  progress.step = "listing the changed files";
  const listed = await listChangedFiles(octokit, job);

  const repository = { owner: job.owner, repo: job.repo };
  return reviewChanges(
    octokit,
    log,
    {
      head: { ...repository, sha: job.headSha },
      listed,
      config,
      getMergeBase: async () => {
        progress.step = "finding the merge base";
        const compared = await compareCommits(
          octokit,
          repository,
          baseSha,
          job.headSha,
        );
        progress.step = "fetching file contents";
        return compared.mergeBaseSha;
      },
    },
    progress,
  );
}
