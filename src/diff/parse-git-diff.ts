import type { StructuredPatch } from "diff";

import type { ChangedFile, FileStatus } from "./changed-file.js";
import { collectPatchLines } from "./collect-patch-lines.js";
import { findLineOutsideHunks } from "./find-line-outside-hunks.js";
import { parseUnifiedDiff } from "./parse-unified-diff.js";
import { quoteLine } from "./quote-line.js";
import { splitGitDiff, type GitDiffSection } from "./split-git-diff.js";
import { stripGitPrefix } from "./strip-git-prefix.js";

/**
 * Parses the output of `git diff --no-color --no-ext-diff -M` into one entry
 * per file, in git's order. A path whose type changes, such as a symbolic
 * link replaced by a regular file, appears twice: removed, then added.
 * Returns [] for empty or blank text. Throws on input that is not wholly git
 * diff output, quoting the first bad line.
 */
export function parseGitDiff(text: string): ChangedFile[] {
  if (text.trim() === "") return [];

  const lines = text.split("\n");
  const sections = splitGitDiff(lines);
  const patches = parseUnifiedDiff(text, "git diff");

  const files = sections.map((section, position) => {
    const patch = patches[position];
    if (patch === undefined) {
      throw new Error(
        `Invalid git diff: parsePatch returned no file for the ` +
          `"diff --git" line at line ${section.start + 1}`,
      );
    }
    checkHunksCoverSection(lines, section, patch);
    return toChangedFile(patch, section, lines[section.start] ?? "");
  });

  // A section that passed the coverage check was not split into two files
  // by parsePatch, so this only guards against a change in parsePatch.
  if (patches.length !== sections.length) {
    throw new Error(
      `Invalid git diff: found ${sections.length} "diff --git" lines but ` +
        `parsePatch returned ${patches.length} files`,
    );
  }
  return files;
}

function checkHunksCoverSection(
  lines: readonly string[],
  section: GitDiffSection,
  patch: StructuredPatch,
): void {
  const { hunkStart, end } = section;
  const stray = findLineOutsideHunks(lines, hunkStart, end, patch.hunks);
  if (stray === undefined) return;

  throw new Error(
    `Invalid git diff: line ${stray + 1} is not part of a hunk: ` +
      quoteLine(lines[stray] ?? ""),
  );
}

function toChangedFile(
  patch: StructuredPatch,
  section: GitDiffSection,
  headerText: string,
): ChangedFile {
  const headerLine = section.start + 1;
  if (patch.oldFileName === undefined || patch.newFileName === undefined) {
    throw new Error(
      `Invalid git diff: could not read the paths from line ${headerLine}: ` +
        `${quoteLine(headerText)}. Run git diff with --src-prefix=a/ ` +
        `--dst-prefix=b/`,
    );
  }

  const oldPath = stripGitPrefix(patch.oldFileName, "a/", headerLine);
  const newPath = stripGitPrefix(patch.newFileName, "b/", headerLine);
  const path = newPath ?? oldPath;
  if (path === undefined) {
    throw new Error(
      `Invalid git diff: the file starting at line ${headerLine} has ` +
        `/dev/null as both its old and its new path`,
    );
  }

  const status = getFileStatus(patch);
  const isMove = status === "renamed" || status === "copied";
  const previousPath = isMove ? oldPath : undefined;
  return {
    path,
    ...(previousPath === undefined ? {} : { previousPath }),
    status,
    binary: patch.isBinary === true || section.hasBinaryPatch,
    ...collectPatchLines(patch.hunks),
  };
}

function getFileStatus(patch: StructuredPatch): FileStatus {
  if (patch.isDelete) return "removed";
  if (patch.isCreate) return "added";
  if (patch.isRename) return "renamed";
  if (patch.isCopy) return "copied";
  return "modified";
}
