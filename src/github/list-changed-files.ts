import type { ProbotOctokit } from "probot";

import { MAX_LISTED_FILES, MAX_PER_PAGE } from "./github-limits.js";
import type { PullRequestJob } from "./pull-request-job.js";
import {
  toListedFiles,
  type ListedFile,
  type ListedFiles,
} from "./to-changed-file.js";

export type { ListedFiles } from "./to-changed-file.js";

/**
 * Lists the pull request's files, page by page up to GitHub's limit, with
 * the lines each patch added.
 */
export async function listChangedFiles(
  octokit: ProbotOctokit,
  job: PullRequestJob,
): Promise<ListedFiles> {
  const listed: ListedFile[] = await octokit.paginate(
    octokit.rest.pulls.listFiles,
    {
      owner: job.owner,
      repo: job.repo,
      pull_number: job.pullNumber,
      per_page: MAX_PER_PAGE,
    },
  );
  return toListedFiles(listed, listed.length >= MAX_LISTED_FILES);
}
