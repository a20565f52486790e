import { readFile } from "node:fs/promises";
import { join } from "node:path";

import { parseGitDiff, type ChangedFile } from "../diff/index.js";
import { isAnalyzablePath } from "../engine/file-kind.js";
import type { SourceInput } from "../types.js";
import {
  findDefaultBase,
  findMergeBase,
  listUntrackedFiles,
  readDiff,
  readFileAtCommit,
  resolveCommit,
} from "./git.js";

export interface ReviewRange {
  base?: string;
  head?: string;
}

export interface ReviewInputFiles {
  files: SourceInput[];
  changedFiles: ChangedFile[];
  /** The merge base the diff starts from. */
  mergeBase: string;
  /** The commit reviewed, or undefined for the working tree. */
  headCommit?: string;
}

/**
 * Gathers what the app would see for a pull request from `base` to `head`:
 * the diff from their merge base and the head-side contents of the changed
 * JavaScript and TypeScript files. Without `head`, the working tree is the
 * head, and untracked files count as added.
 */
export async function collectReviewInput(
  root: string,
  range: ReviewRange,
): Promise<ReviewInputFiles> {
  const base = await resolveCommit(
    root,
    range.base ?? (await findDefaultBase(root)),
    "--base",
  );
  const headCommit = range.head
    ? await resolveCommit(root, range.head, "--head")
    : undefined;
  const mergeBase = await findMergeBase(root, base, headCommit ?? "HEAD");

  const changedFiles = parseGitDiff(
    await readDiff(root, mergeBase, headCommit),
  );
  const files: SourceInput[] = [];
  for (const changed of changedFiles) {
    if (
      changed.status === "removed" ||
      changed.binary ||
      !isAnalyzablePath(changed.path)
    )
      continue;
    const text = headCommit
      ? await readFileAtCommit(root, headCommit, changed.path)
      : await readFile(join(root, changed.path), "utf8");
    files.push({ path: changed.path, text });
  }

  if (!headCommit) {
    for (const path of await listUntrackedFiles(root)) {
      if (!isAnalyzablePath(path)) continue;
      const text = await readFile(join(root, path), "utf8");
      const lineCount = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
      const lines = Array.from({ length: lineCount }, (_, index) => index + 1);
      changedFiles.push({
        path,
        status: "added",
        binary: false,
        addedLines: lines,
        commentableLines: lines,
      });
      files.push({ path, text });
    }
  }
  return { files, changedFiles, mergeBase, headCommit };
}
