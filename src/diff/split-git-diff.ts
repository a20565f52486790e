import { quoteLine } from "./quote-line.js";

/** The lines of one file in `git diff` output, as indexes into all lines. */
export interface GitDiffSection {
  /** Index of the section's `diff --git` line. */
  start: number;
  /** Index of the first hunk header, or `end` when the file has no hunks. */
  hunkStart: number;
  /** Index one past the section's last line. */
  end: number;
  /** Whether the header contains a "GIT binary patch" (from `--binary`). */
  hasBinaryPatch: boolean;
}

/**
 * Git's extended header lines, as listed in git's documentation under
 * "Generating patch text with -p", and the "Binary files ... differ" line
 * that git writes in place of hunks for a binary file.
 */
const EXTENDED_HEADER_PATTERNS: readonly RegExp[] = [
  /^(old|new|deleted file|new file) mode [0-7]+$/,
  /^(rename|copy) (from|to) .+$/,
  /^(similarity|dissimilarity) index \d+%$/,
  /^index [0-9a-f]+\.\.[0-9a-f]+( [0-7]+)?$/,
  /^Binary files .+ differ$/,
];

const GIT_DIFF_HEADER = "diff --git ";

/**
 * Splits `git diff` output, already split into lines, into one section per
 * file and checks each section's header lines. Throws on text before the
 * first `diff --git` line, on combined diffs and on unknown header lines.
 */
export function splitGitDiff(lines: readonly string[]): GitDiffSection[] {
  const end = lines.at(-1) === "" ? lines.length - 1 : lines.length;
  const starts: number[] = [];
  for (let index = 0; index < end; index += 1) {
    const line = lines[index] ?? "";
    if (line.startsWith(GIT_DIFF_HEADER)) starts.push(index);
    else if (/^diff --(cc|combined) /.test(line)) {
      throw new Error(
        `Invalid git diff: line ${index + 1} starts a combined diff of a ` +
          `merge, which is not supported: ${quoteLine(line)}. Diff against ` +
          `a single commit instead`,
      );
    }
  }

  if (starts[0] !== 0) {
    throw new Error(
      `Invalid git diff: expected line 1 to start with "diff --git", ` +
        `found ${quoteLine(lines[0] ?? "")}`,
    );
  }

  return starts.map((start, position) =>
    readSectionHeader(lines, start, starts[position + 1] ?? end),
  );
}

function readSectionHeader(
  lines: readonly string[],
  start: number,
  end: number,
): GitDiffSection {
  for (let index = start + 1; index < end; index += 1) {
    const line = lines[index] ?? "";
    if (line.startsWith("@@ ")) {
      return { start, hunkStart: index, end, hasBinaryPatch: false };
    }
    // Base85 data follows until the next file, so nothing after it is read.
    if (line === "GIT binary patch") {
      return { start, hunkStart: end, end, hasBinaryPatch: true };
    }

    if (line.startsWith("--- ")) {
      checkFileHeaders(lines, index);
      index += 1;
    } else if (
      !EXTENDED_HEADER_PATTERNS.some((pattern) => pattern.test(line))
    ) {
      throw new Error(
        `Invalid git diff: line ${index + 1} is neither a git extended ` +
          `header nor a hunk header: ${quoteLine(line)}`,
      );
    }
  }
  return { start, hunkStart: end, end, hasBinaryPatch: false };
}

/** Checks that the "---" line at `index` is followed by "+++" and a hunk. */
function checkFileHeaders(lines: readonly string[], index: number): void {
  const newHeader = lines[index + 1] ?? "";
  if (!newHeader.startsWith("+++ ")) {
    throw new Error(
      `Invalid git diff: line ${index + 2} should be the "+++" line that ` +
        `follows the "---" line, found ${quoteLine(newHeader)}`,
    );
  }

  const hunkHeader = lines[index + 2] ?? "";
  if (!hunkHeader.startsWith("@@ ")) {
    throw new Error(
      `Invalid git diff: line ${index + 3} should be a hunk header after ` +
        `the "+++" line, found ${quoteLine(hunkHeader)}`,
    );
  }
}
