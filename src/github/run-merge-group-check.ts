import { randomUUID } from "node:crypto";

import type { Logger, ProbotOctokit } from "probot";

import { formatCheckRunOutput } from "../reporters/check-run.js";
import { compareCommits } from "./compare-commits.js";
import { completeCheckRun, type CheckRunTarget } from "./complete-check-run.js";
import { completeWithFailure } from "./complete-with-failure.js";
import { createCheckRun } from "./create-check-run.js";
import { describeTruncation } from "./describe-truncation.js";
import { loadConfigOrFail } from "./load-config-or-fail.js";
import { reviewChanges } from "./review-changes.js";
import {
  startRunProgress,
  type RunOutcome,
  type RunProgress,
} from "./run-progress.js";

/** One merge group of a merge queue, checked at its head commit. */
export interface MergeGroupJob {
  owner: string;
  repo: string;
  /** The merge group's commit, which the check run is for. */
  headSha: string;
  /** The commit of the target branch the merge group is built on. */
  baseSha: string;
  /** The merge group's ref, for the log. */
  headRef: string;
}

/**
 * Checks a merge group: reviews the changes between its base and head
 * commits and completes a check run on the head. Posts no review, since a
 * merge group's commit belongs to no pull request. Like the pull request
 * run, it keeps no state outside its arguments.
 */
export async function runMergeGroupCheck(
  octokit: ProbotOctokit,
  log: Logger,
  job: MergeGroupJob,
): Promise<RunOutcome> {
  const startedAt = Date.now();
  const runLog = log.child({
    repo: `${job.owner}/${job.repo}`,
    mergeGroup: job.headRef,
    sha: job.headSha,
  });
  const checkRunId = await createCheckRun(octokit, {
    owner: job.owner,
    repo: job.repo,
    headSha: job.headSha,
    runId: randomUUID(),
  });
  const target = { owner: job.owner, repo: job.repo, checkRunId };
  const progress = startRunProgress();

  try {
    await reviewMergeGroup(octokit, runLog, job, target, progress);
  } catch (error) {
    await completeWithFailure(octokit, runLog, target, progress, error);
  }

  const { conclusion, findings } = progress;
  runLog.info(
    { conclusion, findings, posted: 0, durationMs: Date.now() - startedAt },
    "Merge group review finished",
  );
  return { conclusion, findings, posted: 0, resolved: 0 };
}

async function reviewMergeGroup(
  octokit: ProbotOctokit,
  log: Logger,
  job: MergeGroupJob,
  target: CheckRunTarget,
  progress: RunProgress,
): Promise<void> {
  const config = await loadConfigOrFail(octokit, log, job, target, progress);
  if (!config) return;

  progress.step = "comparing the merge group with its base";
  const repository = { owner: job.owner, repo: job.repo };
  const compared = await compareCommits(
    octokit,
    repository,
    job.baseSha,
    job.headSha,
  );
  const result = await reviewChanges(
    octokit,
    log,
    {
      head: { ...repository, sha: job.headSha },
      listed: compared,
      config: config,
      getMergeBase: async () => compared.mergeBaseSha,
    },
    progress,
  );

  progress.step = "completing the check run";
  progress.conclusion = result.review.conclusion;
  const output = formatCheckRunOutput(result.review, {
    ...(result.truncated ? { partial: describeTruncation("compare") } : {}),
    notes: result.notes,
  });
  await completeCheckRun(octokit, target, result.review.conclusion, output);
}
