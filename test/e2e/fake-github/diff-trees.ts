import { structuredPatch } from "diff";

/** A commit's files: path to text. Text with a NUL byte is binary. */
export type Tree = ReadonlyMap<string, string>;

/** One file of a diff as GitHub lists it for a pull request or a compare. */
export interface DiffFile {
  filename: string;
  status: "added" | "removed" | "modified";
  additions: number;
  deletions: number;
  changes: number;
  /** Absent for binary files and files whose patch GitHub leaves out. */
  patch?: string;
  /** Right-side lines GitHub accepts a review comment on, by hunk. */
  hunks: number[][];
}

/** Lines of context around each change, as in git's and GitHub's diffs. */
const CONTEXT_LINES = 3;

export function isBinary(text: string): boolean {
  return text.includes("\u0000");
}

/**
 * Diffs two trees the way GitHub lists changed files, sorted by path.
 * Paths in `omitPatch` get no `patch`, as GitHub does for large diffs.
 */
export function diffTrees(
  base: Tree,
  head: Tree,
  omitPatch: ReadonlySet<string> = new Set(),
): DiffFile[] {
  const paths = [...new Set([...base.keys(), ...head.keys()])].sort();
  const files: DiffFile[] = [];
  for (const path of paths) {
    const before = base.get(path);
    const after = head.get(path);
    if (before === after) continue;
    files.push(diffFile(path, before, after, omitPatch.has(path)));
  }
  return files;
}

function diffFile(
  path: string,
  before: string | undefined,
  after: string | undefined,
  omitPatch: boolean,
): DiffFile {
  const status =
    before === undefined
      ? "added"
      : after === undefined
        ? "removed"
        : "modified";
  if (isBinary(before ?? "") || isBinary(after ?? "")) {
    return {
      filename: path,
      status,
      additions: 0,
      deletions: 0,
      changes: 0,
      hunks: [],
    };
  }

  const { hunks } = structuredPatch(
    path,
    path,
    before ?? "",
    after ?? "",
    undefined,
    undefined,
    { context: CONTEXT_LINES },
  );
  let additions = 0;
  let deletions = 0;
  const patchLines: string[] = [];
  const commentable: number[][] = [];
  for (const hunk of hunks) {
    patchLines.push(
      `@@ -${formatRange(hunk.oldStart, hunk.oldLines)} +${formatRange(hunk.newStart, hunk.newLines)} @@`,
    );
    const rightLines: number[] = [];
    let newLine = hunk.newStart;
    for (const line of hunk.lines) {
      patchLines.push(line);
      if (line.startsWith("+")) {
        additions++;
        rightLines.push(newLine++);
      } else if (line.startsWith("-")) {
        deletions++;
      } else if (line.startsWith(" ")) {
        rightLines.push(newLine++);
      }
    }
    commentable.push(rightLines);
  }
  return {
    filename: path,
    status,
    additions,
    deletions,
    changes: additions + deletions,
    ...(omitPatch ? {} : { patch: patchLines.join("\n") }),
    hunks: commentable,
  };
}

/** Formats a hunk range as git does: the count is left out when it is 1. */
function formatRange(start: number, count: number): string {
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}
