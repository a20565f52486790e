import type { ProbotOctokit } from "probot";

import { MAX_COMPARED_FILES } from "./github-limits.js";
import { toListedFiles, type ListedFiles } from "./to-changed-file.js";

export interface ComparedCommits extends ListedFiles {
  /** The commit the three-dot comparison diffs against. */
  mergeBaseSha: string;
}

/**
 * Compares two commits as GitHub shows a pull request's changes: the
 * head against its merge base with the base. GitHub returns at most 300
 * files, so a longer list is marked truncated.
 */
export async function compareCommits(
  octokit: ProbotOctokit,
  repository: { owner: string; repo: string },
  baseSha: string,
  headSha: string,
): Promise<ComparedCommits> {
  const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
    owner: repository.owner,
    repo: repository.repo,
    basehead: `${baseSha}...${headSha}`,
  });
  const files = data.files ?? [];
  return {
    ...toListedFiles(files, files.length >= MAX_COMPARED_FILES),
    mergeBaseSha: data.merge_base_commit.sha,
  };
}
