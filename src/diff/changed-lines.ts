import { structuredPatch } from "diff";

import type { PatchLines } from "./changed-file.js";
import { collectPatchLines } from "./collect-patch-lines.js";

/**
 * Lines of context around each change. GitHub's pull-request diffs show git's
 * default of 3 (`-U3`), and review comments must fall inside those hunks.
 */
const CONTEXT_LINES = 3;

/**
 * Computes a file's added and commentable lines from its full base and head
 * texts, for files whose `patch` GitHub leaves out because the diff is too
 * large. An undefined base means the file was added, and an undefined head
 * means it was removed, which leaves no right-side lines.
 */
export function diffFilesFromContents(
  path: string,
  baseText: string | undefined,
  headText: string | undefined,
): PatchLines {
  if (headText === undefined) return { addedLines: [], commentableLines: [] };

  // NOTE: jsdiff's Myers diff lacks git's heuristics, so where a change can
  // be aligned in more than one way its hunks may differ from GitHub's. Its
  // cost grows with file length times edit count: a 20,000-line file with
  // every other line changed took about 35 s (Node 20, shared 2-core VM).
  const patch = structuredPatch(
    path,
    path,
    baseText ?? "",
    headText,
    undefined,
    undefined,
    { context: CONTEXT_LINES },
  );
  return collectPatchLines(patch.hunks);
}
