import type { Logger, ProbotOctokit } from "probot";

import { completeCheckRun, type CheckRunTarget } from "./complete-check-run.js";
import { describeFailure } from "./describe-failure.js";
import { getErrorDetails } from "./get-error-details.js";
import type { RunProgress } from "./run-progress.js";

/**
 * Logs a run's error and completes its check run as failure with what
 * failed and how to retry. If GitHub rejects this update as well, the
 * error propagates so the caller (Probot, or a queue worker) records it
 * and can retry.
 */
export async function completeWithFailure(
  octokit: ProbotOctokit,
  log: Logger,
  target: CheckRunTarget,
  progress: RunProgress,
  error: unknown,
): Promise<void> {
  log.error(
    { err: getErrorDetails(error), step: progress.step },
    "Review failed",
  );
  progress.conclusion = "failure";
  await completeCheckRun(
    octokit,
    target,
    "failure",
    describeFailure(progress.step, error),
  );
}
