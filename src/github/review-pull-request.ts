import type { Logger, ProbotOctokit } from "probot";

import type { StructraConfig } from "../config/config.js";
import type { ChangedFile } from "../diff/index.js";
import { reviewFiles, type ReviewResult } from "../pipeline/review-files.js";
import { gatherSources } from "./gather-sources.js";
import { listChangedFiles } from "./list-changed-files.js";
import type { PullRequestJob } from "./pull-request-job.js";
import type { RunProgress } from "./run-progress.js";

export interface PullRequestReview {
  /** The review, with the files this layer skipped in `analysis.skipped`. */
  review: ReviewResult;
  changedFiles: ChangedFile[];
  /** True when GitHub's file listing stopped at its limit. */
  truncated: boolean;
  /** Remarks for the check summary. */
  notes: string[];
}

/**
 * Lists the pull request's changed files, fetches the head-side text of
 * the JavaScript and TypeScript ones and reviews their added lines.
 */
export async function reviewPullRequest(
  octokit: ProbotOctokit,
  log: Logger,
  job: PullRequestJob,
  config: StructraConfig,
  progress: RunProgress,
): Promise<PullRequestReview> {
  progress.step = "listing the changed files";
  const listed = await listChangedFiles(octokit, job);

  progress.step = "fetching file contents";
  const sources = await gatherSources(
    octokit,
    job,
    listed.changedFiles,
    config,
  );
  for (const skipped of sources.skipped) {
    log.debug({ path: skipped.path, reason: skipped.reason }, "File skipped");
  }

  progress.step = "analysing the changed files";
  const review = reviewFiles({
    files: sources.files,
    changedFiles: listed.changedFiles,
    config,
  });
  progress.findings = review.findings.length;

  return {
    review: {
      ...review,
      analysis: {
        ...review.analysis,
        skipped: [...sources.skipped, ...review.analysis.skipped],
      },
    },
    changedFiles: listed.changedFiles,
    truncated: listed.truncated,
    notes: listed.notes,
  };
}
