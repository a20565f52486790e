import type { ProbotOctokit } from "probot";

import { diffFilesFromContents, type ChangedFile } from "../diff/index.js";
import type { SkippedFile } from "../types.js";
import { fetchBlobs, type CommitRef } from "./fetch-file-contents.js";

/**
 * Maximum estimated cost of one content diff: lines of both sides times
 * lines changed. jsdiff's Myers diff grows with that product. At 1e7 it
 * took about half a second (2,000 lines, every other one changed, Node 20
 * on a shared 2-core VM).
 */
export const MAX_DIFF_COST = 10_000_000;

/** Maximum total estimated cost of the content diffs of one run. */
export const MAX_TOTAL_DIFF_COST = 100_000_000;

export interface PatchlessFile {
  file: ChangedFile;
  headText: string;
}

export interface FilledFiles {
  /** The files whose lines were computed, in input order. */
  filled: ChangedFile[];
  skipped: SkippedFile[];
}

/**
 * Computes the added and commentable lines of files GitHub listed without
 * a patch, by diffing their text at the merge base and at the head.
 * Diffs estimated to be slow are skipped with the reason.
 */
export async function fillPatchlessLines(
  octokit: ProbotOctokit,
  base: CommitRef,
  files: readonly PatchlessFile[],
): Promise<FilledFiles> {
  const basePaths = files
    .filter(({ file }) => file.status !== "added")
    .map(({ file }) => file.previousPath ?? file.path);
  const blobs = await fetchBlobs(octokit, base, [...new Set(basePaths)]);

  const result: FilledFiles = { filled: [], skipped: [] };
  let budget = MAX_TOTAL_DIFF_COST;
  for (const { file, headText } of files) {
    const blob =
      file.status === "added"
        ? null
        : blobs.get(file.previousPath ?? file.path);
    const baseText = blob?.text ?? undefined;
    const cost = estimateDiffCost(baseText ?? "", headText);
    if (cost > MAX_DIFF_COST || cost > budget) {
      result.skipped.push({
        path: file.path,
        reason:
          cost > MAX_DIFF_COST
            ? "GitHub sent no diff and the file's change is too large to diff here"
            : "GitHub sent no diff and this run's time for diffing files was used up",
      });
      continue;
    }
    budget -= cost;
    const lines = diffFilesFromContents(file.path, baseText, headText);
    result.filled.push({ ...file, ...lines });
  }
  return result;
}

/**
 * Estimates the cost of diffing two texts: total lines times the lines
 * found on one side only. That count takes linear time and is a lower
 * bound of the edit length, exact when lines were only added or removed.
 */
export function estimateDiffCost(baseText: string, headText: string): number {
  const baseLines = baseText.split("\n");
  const headLines = headText.split("\n");
  const counts = new Map<string, number>();
  for (const line of baseLines) counts.set(line, (counts.get(line) ?? 0) + 1);

  let changed = 0;
  for (const line of headLines) {
    const count = counts.get(line) ?? 0;
    if (count > 0) counts.set(line, count - 1);
    else changed++;
  }
  for (const count of counts.values()) changed += count;
  return (baseLines.length + headLines.length) * changed;
}
