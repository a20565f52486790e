import type { ProbotOctokit } from "probot";

import { CHECK_RUN_NAME, type PullRequestJob } from "./pull-request-job.js";

/** Creates the in-progress check run for the job's head commit. */
export async function createCheckRun(
  octokit: ProbotOctokit,
  job: PullRequestJob,
): Promise<number> {
  const { data } = await octokit.rest.checks.create({
    owner: job.owner,
    repo: job.repo,
    name: CHECK_RUN_NAME,
    head_sha: job.headSha,
    status: "in_progress",
    started_at: new Date().toISOString(),
  });
  return data.id;
}
