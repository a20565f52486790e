import type { ProbotOctokit } from "probot";

import { MAX_PER_PAGE } from "./github-limits.js";

/**
 * Finds the open pull requests whose head is the commit. Needed when a
 * check's `pull_requests` list is empty, which GitHub does for pull
 * requests from forks. Asks for the commit's pull requests first and lists
 * the open pull requests when that finds none.
 */
export async function findOpenPullRequests(
  octokit: ProbotOctokit,
  owner: string,
  repo: string,
  headSha: string,
): Promise<number[]> {
  const associated = await octokit.paginate(
    octokit.rest.repos.listPullRequestsAssociatedWithCommit,
    { owner, repo, commit_sha: headSha, per_page: MAX_PER_PAGE },
  );
  const matches = associated.filter(
    (pull) => pull.state === "open" && pull.head.sha === headSha,
  );
  if (matches.length > 0) return matches.map((pull) => pull.number);

  const open = await octokit.paginate(octokit.rest.pulls.list, {
    owner,
    repo,
    state: "open",
    per_page: MAX_PER_PAGE,
  });
  return open
    .filter((pull) => pull.head.sha === headSha)
    .map((pull) => pull.number);
}
