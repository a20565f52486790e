import {
  parseGithubPatch,
  type ChangedFile,
  type FileStatus,
} from "../diff/index.js";
import { isAnalyzablePath } from "../engine/file-kind.js";
import { formatInlineCode } from "../reporters/markdown.js";

/** A file as GitHub's pull request files and compare responses list it. */
export interface ListedFile {
  filename: string;
  status: string;
  changes: number;
  patch?: string;
  previous_filename?: string;
}

export interface ListedFiles {
  changedFiles: ChangedFile[];
  /**
   * Paths of reviewable files that GitHub listed without a patch, whose
   * lines are computed from their base and head contents.
   */
  patchless: Set<string>;
  /** True when GitHub's listing stopped at its file limit. */
  truncated: boolean;
  /** Reasons that some JavaScript or TypeScript changes were not reviewed. */
  notes: string[];
}

const KNOWN_STATUSES: readonly FileStatus[] = [
  "added",
  "modified",
  "removed",
  "renamed",
  "copied",
];

/** Converts GitHub's listing of changed files, parsing each patch. */
export function toListedFiles(
  listed: readonly ListedFile[],
  truncated: boolean,
): ListedFiles {
  const result: ListedFiles = {
    changedFiles: [],
    patchless: new Set(),
    truncated,
    notes: [],
  };
  for (const file of listed) {
    result.changedFiles.push(toChangedFile(file, result));
  }
  return result;
}

function toChangedFile(file: ListedFile, result: ListedFiles): ChangedFile {
  // GitHub also reports "changed" (mode only) and "unchanged".
  const status =
    KNOWN_STATUSES.find((known) => known === file.status) ?? "modified";
  const changedFile: ChangedFile = {
    path: file.filename,
    status,
    // The listing has no binary flag, so the content fetch detects them.
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
    if (reviewable && !pureRename) result.patchless.add(file.filename);
    return changedFile;
  }

  try {
    const lines = parseGithubPatch(file.patch);
    changedFile.addedLines = lines.addedLines;
    changedFile.commentableLines = lines.commentableLines;
  } catch (error) {
    if (reviewable) {
      const reason = error instanceof Error ? error.message : String(error);
      result.notes.push(
        `${formatInlineCode(file.filename)}: the diff could not be read (${reason}), so its changed lines were not reviewed.`,
      );
    }
  }
  return changedFile;
}
