import type { ProbotOctokit } from "probot";

import type { StructraConfig } from "../config/config.js";
import { createPathFilter } from "../config/create-path-filter.js";
import type { ChangedFile } from "../diff/index.js";
import { isAnalyzablePath } from "../engine/file-kind.js";
import type { SkippedFile } from "../types.js";
import { fetchFileContents, type FetchedFiles } from "./fetch-file-contents.js";
import { getPathSkipReason } from "./get-skip-reason.js";
import type { PullRequestJob } from "./pull-request-job.js";

/**
 * Fetches the head-side text of the JavaScript and TypeScript files that
 * gained lines, leaving out removed, vendored, generated and minified
 * files with the reason for each. Files with no added line and paths the
 * configuration excludes are not fetched, since the review drops them.
 */
export async function gatherSources(
  octokit: ProbotOctokit,
  job: PullRequestJob,
  changedFiles: readonly ChangedFile[],
  config: StructraConfig,
): Promise<FetchedFiles> {
  const isIncluded = createPathFilter(config.paths);
  const skipped: SkippedFile[] = [];
  const paths: string[] = [];

  for (const file of changedFiles) {
    if (!isAnalyzablePath(file.path) || !isIncluded(file.path)) continue;
    if (file.status === "removed") {
      skipped.push({ path: file.path, reason: "removed in this pull request" });
      continue;
    }
    const reason = getPathSkipReason(file.path);
    if (reason !== undefined) {
      skipped.push({ path: file.path, reason });
      continue;
    }
    if (file.addedLines.length > 0) paths.push(file.path);
  }

  const fetched = await fetchFileContents(octokit, job, paths);
  return { files: fetched.files, skipped: [...skipped, ...fetched.skipped] };
}
