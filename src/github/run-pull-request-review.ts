import type { Logger, ProbotOctokit } from "probot";

import { formatCheckRunOutput } from "../reporters/check-run.js";
import { escapeMarkdown } from "../reporters/markdown.js";
import { completeCheckRun, type CheckRunTarget } from "./complete-check-run.js";
import { DRAFT_OUTPUT } from "./complete-draft-check.js";
import { createCheckRun } from "./create-check-run.js";
import { describeFailure } from "./describe-failure.js";
import { getErrorDetails } from "./get-error-details.js";
import { MAX_LISTED_FILES } from "./github-limits.js";
import { CONFIG_PATH, loadRepoConfig } from "./load-repo-config.js";
import { publishFindings } from "./publish-findings.js";
import type { PullRequestJob } from "./pull-request-job.js";
import { reviewPullRequest } from "./review-pull-request.js";
import type { RunOutcome, RunProgress } from "./run-progress.js";

export type { RunOutcome } from "./run-progress.js";

/**
 * Reviews one pull request at one head commit and publishes the result:
 * one review with inline comments for new findings, and a completed check
 * run. Holds no state outside its arguments, so any worker can run any job.
 * A failure ends the check run as failure. Only a failure to create or
 * complete the check run itself is thrown.
 */
export async function runPullRequestReview(
  octokit: ProbotOctokit,
  log: Logger,
  job: PullRequestJob,
): Promise<RunOutcome> {
  const startedAt = Date.now();
  const runLog = log.child({
    repo: `${job.owner}/${job.repo}`,
    pr: job.pullNumber,
    sha: job.headSha,
  });
  const checkRunId = job.checkRunId ?? (await createCheckRun(octokit, job));
  const target = { owner: job.owner, repo: job.repo, checkRunId };
  const progress: RunProgress = {
    step: "starting",
    conclusion: "failure",
    findings: 0,
    posted: 0,
  };

  try {
    await reviewAndPublish(octokit, runLog, job, target, progress);
  } catch (error) {
    runLog.error(
      { err: getErrorDetails(error), step: progress.step },
      "Pull request review failed",
    );
    progress.conclusion = "failure";
    // If GitHub rejects this update as well, the error propagates so the
    // caller (Probot, or a queue worker) records it and can retry.
    await completeCheckRun(
      octokit,
      target,
      "failure",
      describeFailure(progress.step, error),
    );
  }

  const { conclusion, findings, posted } = progress;
  runLog.info(
    { conclusion, findings, posted, durationMs: Date.now() - startedAt },
    "Pull request review finished",
  );
  return { conclusion, findings, posted };
}

async function reviewAndPublish(
  octokit: ProbotOctokit,
  log: Logger,
  job: PullRequestJob,
  target: CheckRunTarget,
  progress: RunProgress,
): Promise<void> {
  progress.step = `loading ${CONFIG_PATH}`;
  const loaded = await loadRepoConfig(octokit, job.owner, job.repo);
  if (!loaded.ok) {
    log.warn({ key: loaded.key }, "Invalid configuration");
    progress.step = "completing the check run";
    await completeCheckRun(octokit, target, "failure", {
      title: `Invalid ${CONFIG_PATH}: ${loaded.key}`,
      summary: `${escapeMarkdown(loaded.message)}\n\nFix the file on the default branch, then select **Re-run** on this check.`,
    });
    return;
  }

  const result = await reviewPullRequest(
    octokit,
    log,
    job,
    loaded.config,
    progress,
  );

  progress.step = "posting review comments";
  const publication = await publishFindings(
    octokit,
    job,
    result,
    loaded.config,
  );
  progress.posted = publication.posted;

  progress.step = "completing the check run";
  if (publication.draft) {
    progress.conclusion = "neutral";
    await completeCheckRun(octokit, target, "neutral", DRAFT_OUTPUT);
    return;
  }
  progress.conclusion = result.review.conclusion;
  const output = formatCheckRunOutput(result.review, {
    ...(result.truncated ? { partial: describeTruncation() } : {}),
    notes: [...result.notes, ...publication.notes],
  });
  await completeCheckRun(octokit, target, result.review.conclusion, output);
}

function describeTruncation(): string {
  const limit = MAX_LISTED_FILES.toLocaleString("en-US");
  return `GitHub lists at most ${limit} files of a pull request, so files after the first ${limit} were not reviewed.`;
}
