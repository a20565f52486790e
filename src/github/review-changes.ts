import type { Logger, ProbotOctokit } from "probot";

import type { StructraConfig } from "../config/config.js";
import type { ChangedFile } from "../diff/index.js";
import { reviewFiles, type ReviewResult } from "../pipeline/review-files.js";
import type { CommitRef } from "./fetch-file-contents.js";
import { gatherSources } from "./gather-sources.js";
import type { RunProgress } from "./run-progress.js";
import type { ListedFiles } from "./to-changed-file.js";

export interface ChangeRequest {
  head: CommitRef;
  listed: ListedFiles;
  config: StructraConfig;
  /** Resolves the merge base, needed only for files without a patch. */
  getMergeBase: () => Promise<string>;
}

export interface ChangeReview {
  /** The review, with the files this layer skipped in `analysis.skipped`. */
  review: ReviewResult;
  /** The changed files, with the lines of patchless files filled in. */
  changedFiles: ChangedFile[];
  /** True when GitHub's file listing stopped at its limit. */
  truncated: boolean;
  /** Remarks for the check summary. */
  notes: string[];
  /** Head-side text of the analysed files, by path. */
  sourceTexts: Map<string, string>;
  /**
   * Listed paths whose findings this run could not determine: skipped,
   * excluded, or failed to parse or analyse.
   */
  unsettledPaths: Set<string>;
}

/**
 * Fetches the head-side text of the changed JavaScript and TypeScript
 * files and reviews their added lines.
 */
export async function reviewChanges(
  octokit: ProbotOctokit,
  log: Logger,
  request: ChangeRequest,
  progress: RunProgress,
): Promise<ChangeReview> {
  progress.step = "fetching file contents";
  const sources = await gatherSources(octokit, {
    head: request.head,
    changedFiles: request.listed.changedFiles,
    patchless: request.listed.patchless,
    config: request.config,
    getMergeBase: request.getMergeBase,
  });
  for (const skipped of sources.skipped) {
    log.debug({ path: skipped.path, reason: skipped.reason }, "File skipped");
  }

  progress.step = "analysing the changed files";
  const review = reviewFiles({
    files: sources.files,
    changedFiles: sources.changedFiles,
    config: request.config,
  });
  progress.findings = review.findings.length;

  const unsettledPaths = new Set([
    ...sources.skipped.map((file) => file.path),
    ...review.excluded,
    ...review.analysis.errors.map((error) => error.path),
    ...review.analysis.skipped.map((file) => file.path),
  ]);
  return {
    review: {
      ...review,
      analysis: {
        ...review.analysis,
        skipped: [...sources.skipped, ...review.analysis.skipped],
      },
    },
    changedFiles: sources.changedFiles,
    truncated: request.listed.truncated,
    notes: request.listed.notes,
    sourceTexts: new Map(sources.files.map((file) => [file.path, file.text])),
    unsettledPaths,
  };
}
