import type { ProbotOctokit } from "probot";

import type { StructraConfig } from "../config/config.js";
import { createPathFilter } from "../config/create-path-filter.js";
import type { ChangedFile } from "../diff/index.js";
import { isAnalyzablePath } from "../engine/file-kind.js";
import type { SkippedFile, SourceInput } from "../types.js";
import { fetchFileContents, type CommitRef } from "./fetch-file-contents.js";
import { fillPatchlessLines } from "./fill-patchless-lines.js";
import { getPathSkipReason } from "./get-skip-reason.js";

export interface SourceRequest {
  head: CommitRef;
  changedFiles: readonly ChangedFile[];
  /** Paths listed without a patch; their lines come from a content diff. */
  patchless: ReadonlySet<string>;
  config: StructraConfig;
  /** Resolves the merge base, needed only for files without a patch. */
  getMergeBase: () => Promise<string>;
}

export interface GatheredSources {
  /** Head-side text of the files with added lines. */
  files: SourceInput[];
  /** The changed files, with the lines of patchless files filled in. */
  changedFiles: ChangedFile[];
  skipped: SkippedFile[];
}

/**
 * Fetches the head-side text of the JavaScript and TypeScript files that
 * gained lines, leaving out removed, vendored, generated and minified
 * files with the reason for each. Files with no added line and paths the
 * configuration excludes are not fetched, since the review drops them.
 */
export async function gatherSources(
  octokit: ProbotOctokit,
  request: SourceRequest,
): Promise<GatheredSources> {
  const isIncluded = createPathFilter(request.config.paths);
  const skipped: SkippedFile[] = [];
  const paths: string[] = [];

  for (const file of request.changedFiles) {
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
    if (file.addedLines.length > 0 || request.patchless.has(file.path)) {
      paths.push(file.path);
    }
  }

  const fetched = await fetchFileContents(octokit, request.head, paths);
  skipped.push(...fetched.skipped);
  const changedFiles = await fillLines(octokit, request, fetched.files);
  skipped.push(...changedFiles.skipped);

  const byPath = new Map(changedFiles.files.map((file) => [file.path, file]));
  const files = fetched.files.filter(
    (file) => (byPath.get(file.path)?.addedLines.length ?? 0) > 0,
  );
  return { files, changedFiles: changedFiles.files, skipped };
}

async function fillLines(
  octokit: ProbotOctokit,
  request: SourceRequest,
  fetched: readonly SourceInput[],
): Promise<{ files: ChangedFile[]; skipped: SkippedFile[] }> {
  const texts = new Map(fetched.map((file) => [file.path, file.text]));
  const patchless = request.changedFiles.flatMap((file) => {
    const headText = texts.get(file.path);
    return request.patchless.has(file.path) && headText !== undefined
      ? [{ file, headText }]
      : [];
  });
  if (patchless.length === 0) {
    return { files: [...request.changedFiles], skipped: [] };
  }

  const base = { ...request.head, sha: await request.getMergeBase() };
  const { filled, skipped } = await fillPatchlessLines(
    octokit,
    base,
    patchless,
  );
  const filledByPath = new Map(filled.map((file) => [file.path, file]));
  return {
    files: request.changedFiles.map(
      (file) => filledByPath.get(file.path) ?? file,
    ),
    skipped,
  };
}
