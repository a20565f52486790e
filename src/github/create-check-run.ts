import type { ProbotOctokit } from "probot";

import { createOnce } from "./create-once.js";
import { MAX_PER_PAGE } from "./github-limits.js";
import { CHECK_RUN_NAME } from "./pull-request-job.js";

export interface CheckRunRequest {
  owner: string;
  repo: string;
  headSha: string;
  /** Stored as the check run's `external_id`, to find it after an error. */
  runId: string;
}

/**
 * Creates the in-progress check run for the head commit, before any
 * analysis, so a process that dies mid-run leaves a run that can be
 * re-run. A server error is followed by a lookup by `external_id`, so a
 * run GitHub created before failing is not created twice.
 */
export async function createCheckRun(
  octokit: ProbotOctokit,
  request: CheckRunRequest,
): Promise<number> {
  return createOnce({
    create: async () => {
      const { data } = await octokit.rest.checks.create({
        owner: request.owner,
        repo: request.repo,
        name: CHECK_RUN_NAME,
        head_sha: request.headSha,
        external_id: request.runId,
        status: "in_progress",
        started_at: new Date().toISOString(),
        request: { retries: 0 },
      });
      return data.id;
    },
    find: () => findCheckRun(octokit, request),
  });
}

async function findCheckRun(
  octokit: ProbotOctokit,
  request: CheckRunRequest,
): Promise<number | undefined> {
  const runs = await octokit.paginate(octokit.rest.checks.listForRef, {
    owner: request.owner,
    repo: request.repo,
    ref: request.headSha,
    check_name: CHECK_RUN_NAME,
    filter: "all",
    per_page: MAX_PER_PAGE,
  });
  return runs.find((run) => run.external_id === request.runId)?.id;
}
