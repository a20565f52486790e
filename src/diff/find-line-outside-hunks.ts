import type { StructuredPatchHunk } from "diff";

/**
 * Finds the first line in `lines[start..end)` that is neither a hunk header
 * nor a hunk body line of `hunks`, which must have been parsed from exactly
 * those lines. parsePatch skips unknown lines between hunks without a word,
 * so this is how a caller detects input that is not wholly a diff. Returns
 * the line's index, or undefined when the hunks cover the range exactly.
 */
export function findLineOutsideHunks(
  lines: readonly string[],
  start: number,
  end: number,
  hunks: readonly StructuredPatchHunk[],
): number | undefined {
  let index = start;
  for (const hunk of hunks) {
    if (!lines[index]?.startsWith("@@")) return index;
    index += 1 + hunk.lines.length;
  }
  return index < end ? index : undefined;
}
