import type { StructuredPatchHunk } from "diff";

import type { PatchLines } from "./changed-file.js";

/**
 * Collects the new-file line numbers of a file's hunks: the added lines, and
 * the added and context lines, which are the right-side lines GitHub accepts
 * a review comment on. Throws when a hunk starts inside or before the previous
 * one, because the lists must stay ascending and unique.
 */
export function collectPatchLines(
  hunks: readonly StructuredPatchHunk[],
): PatchLines {
  const addedLines: number[] = [];
  const commentableLines: number[] = [];

  for (const hunk of hunks) {
    const previousLine = commentableLines.at(-1);
    if (previousLine !== undefined && hunk.newStart <= previousLine) {
      throw new Error(
        `Invalid diff: the hunk starting at new line ${hunk.newStart} ` +
          `overlaps or precedes the previous hunk, which ends at line ` +
          `${previousLine}.`,
      );
    }

    let lineNumber = hunk.newStart;
    for (const line of hunk.lines) {
      // parsePatch accepts an empty line inside a hunk as a context line
      // whose leading space is missing, and keeps it as "".
      const marker = line === "" ? " " : line[0];
      if (marker !== "+" && marker !== " ") continue;

      if (marker === "+") addedLines.push(lineNumber);
      commentableLines.push(lineNumber);
      lineNumber += 1;
    }
  }
  return { addedLines, commentableLines };
}
