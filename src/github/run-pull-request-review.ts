import { randomUUID } from "node:crypto";

import type { Logger, ProbotOctokit } from "probot";

import { formatCheckRunOutput } from "../reporters/check-run.js";
import { completeCheckRun, type CheckRunTarget } from "./complete-check-run.js";
import { DRAFT_OUTPUT } from "./complete-draft-check.js";
import { completeWithFailure } from "./complete-with-failure.js";
import { createCheckRun } from "./create-check-run.js";
import { describeSuperseded } from "./describe-superseded.js";
import { describeTruncation } from "./describe-truncation.js";
import { getPullState } from "./get-pull-state.js";
import { loadConfigOrFail } from "./load-config-or-fail.js";
import { publishFindings } from "./publish-findings.js";
import type { PullRequestJob } from "./pull-request-job.js";
import { reviewPullRequest } from "./review-pull-request.js";
import {
  startRunProgress,
  type RunOutcome,
  type RunProgress,
} from "./run-progress.js";

export type { RunOutcome } from "./run-progress.js";

/**
 * Reviews one pull request at one head commit and publishes the result:
 * one review with inline comments for new findings, resolved threads for
 * findings that are gone, and a completed check run. Every GitHub read
 * and write is pinned to the job's head commit, and a run whose commit
 * stops being the pull request's head publishes nothing and completes its
 * check run as cancelled. Holds no state outside its arguments, so any
 * worker can run any job. A failure ends the check run as failure. Only a
 * failure to create or complete the check run itself is thrown.
 */
export async function runPullRequestReview(
  octokit: ProbotOctokit,
  log: Logger,
  job: PullRequestJob,
): Promise<RunOutcome> {
  const startedAt = Date.now();
  const runId = randomUUID();
  const runLog = log.child({
    repo: `${job.owner}/${job.repo}`,
    pr: job.pullNumber,
    sha: job.headSha,
  });
  const checkRunId =
    job.checkRunId ??
    (await createCheckRun(octokit, {
      owner: job.owner,
      repo: job.repo,
      headSha: job.headSha,
      runId,
    }));
  const target = { owner: job.owner, repo: job.repo, checkRunId };
  const progress = startRunProgress();

  try {
    await reviewAndPublish(octokit, runLog, job, runId, target, progress);
  } catch (error) {
    await completeWithFailure(octokit, runLog, target, progress, error);
  }

  const { conclusion, findings, posted, resolved } = progress;
  runLog.info(
    {
      conclusion,
      findings,
      posted,
      resolved,
      durationMs: Date.now() - startedAt,
    },
    "Pull request review finished",
  );
  return { conclusion, findings, posted, resolved };
}

async function reviewAndPublish(
  octokit: ProbotOctokit,
  log: Logger,
  job: PullRequestJob,
  runId: string,
  target: CheckRunTarget,
  progress: RunProgress,
): Promise<void> {
  const config = await loadConfigOrFail(octokit, log, job, target, progress);
  if (!config) return;

  progress.step = "reading the pull request";
  const pull = await getPullState(octokit, job);
  if (await endEarly(octokit, job, target, progress, pull)) return;

  const result = await reviewPullRequest(
    octokit,
    log,
    job,
    config,
    progress,
    pull.baseSha,
  );

  progress.step = "checking the pull request's head";
  const latest = await getPullState(octokit, job);
  if (await endEarly(octokit, job, target, progress, latest)) return;

  progress.step = "posting review comments";
  const publication = await publishFindings(
    octokit,
    log,
    job,
    runId,
    result,
    config,
  );
  progress.posted = publication.posted;
  progress.resolved = publication.resolved;

  progress.step = "completing the check run";
  progress.conclusion = result.review.conclusion;
  const output = formatCheckRunOutput(result.review, {
    ...(result.truncated ? { partial: describeTruncation("pull") } : {}),
    notes: [...result.notes, ...publication.notes],
  });
  await completeCheckRun(octokit, target, result.review.conclusion, output);
}

/**
 * Completes the check run without a review when the pull request's head
 * moved past the job's commit (cancelled) or it is a draft (neutral).
 * Returns true when it did.
 */
async function endEarly(
  octokit: ProbotOctokit,
  job: PullRequestJob,
  target: CheckRunTarget,
  progress: RunProgress,
  pull: { headSha: string; draft: boolean },
): Promise<boolean> {
  if (pull.headSha !== job.headSha) {
    progress.step = "completing the check run";
    progress.conclusion = "cancelled";
    await completeCheckRun(
      octokit,
      target,
      "cancelled",
      describeSuperseded(job.headSha, pull.headSha),
    );
    return true;
  }
  if (pull.draft) {
    progress.step = "completing the check run";
    progress.conclusion = "neutral";
    await completeCheckRun(octokit, target, "neutral", DRAFT_OUTPUT);
    return true;
  }
  return false;
}
