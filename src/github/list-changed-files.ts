import type { ProbotOctokit } from "probot";

import {
  parseGithubPatch,
  type ChangedFile,
  type FileStatus,
} from "../diff/index.js";
import { isAnalyzablePath } from "../engine/file-kind.js";
import { formatInlineCode } from "../reporters/markdown.js";
import { MAX_LISTED_FILES, MAX_PER_PAGE } from "./github-limits.js";
import type { PullRequestJob } from "./pull-request-job.js";

export interface ListedFiles {
  changedFiles: ChangedFile[];
  /** True when GitHub's listing stopped at its file limit. */
  truncated: boolean;
  /** Reasons that some JavaScript or TypeScript changes were not reviewed. */
  notes: string[];
}

interface ListedFile {
  filename: string;
  status: string;
  changes: number;
  patch?: string;
  previous_filename?: string;
}

const KNOWN_STATUSES: readonly FileStatus[] = [
  "added",
  "modified",
  "removed",
  "renamed",
  "copied",
];

/** Lists the pull request's files with the lines each patch added. */
export async function listChangedFiles(
  octokit: ProbotOctokit,
  job: PullRequestJob,
): Promise<ListedFiles> {
  const listed: ListedFile[] = await octokit.paginate(
    octokit.rest.pulls.listFiles,
    {
      owner: job.owner,
      repo: job.repo,
      pull_number: job.pullNumber,
      per_page: MAX_PER_PAGE,
    },
  );

  const notes: string[] = [];
  const changedFiles = listed.map((file) => toChangedFile(file, notes));
  return {
    changedFiles,
    truncated: listed.length >= MAX_LISTED_FILES,
    notes,
  };
}

function toChangedFile(file: ListedFile, notes: string[]): ChangedFile {
  // GitHub also reports "changed" (mode only) and "unchanged".
  const status =
    KNOWN_STATUSES.find((known) => known === file.status) ?? "modified";
  const changedFile: ChangedFile = {
    path: file.filename,
    status,
    // The REST listing has no binary flag, so the content fetch detects them.
    binary: false,
    addedLines: [],
    commentableLines: [],
  };
  if (file.previous_filename !== undefined) {
    changedFile.previousPath = file.previous_filename;
  }

  const reviewable = status !== "removed" && isAnalyzablePath(file.filename);
  if (file.patch === undefined) {
    // GitHub leaves out the patch of large diffs and may report 0 changes
    // for such a file, so only a rename without changes surely has no diff.
    const pureRename = status === "renamed" && file.changes === 0;
    if (reviewable && !pureRename) {
      notes.push(
        `${formatInlineCode(file.filename)}: GitHub sent no diff for this file, so its changed lines were not reviewed.`,
      );
    }
    return changedFile;
  }

  try {
    const lines = parseGithubPatch(file.patch);
    changedFile.addedLines = lines.addedLines;
    changedFile.commentableLines = lines.commentableLines;
  } catch (error) {
    if (reviewable) {
      const reason = error instanceof Error ? error.message : String(error);
      notes.push(
        `${formatInlineCode(file.filename)}: the diff could not be read (${reason}), so its changed lines were not reviewed.`,
      );
    }
  }
  return changedFile;
}
