import type { PatchLines } from "./changed-file.js";
import { collectPatchLines } from "./collect-patch-lines.js";
import { findLineOutsideHunks } from "./find-line-outside-hunks.js";
import { parseUnifiedDiff } from "./parse-unified-diff.js";
import { quoteLine } from "./quote-line.js";

/**
 * Parses the `patch` field of one file in GitHub's "list pull request files"
 * response: hunks only, without file headers. GitHub leaves the field out for
 * binary files and very large diffs, so undefined and "" give empty lists.
 * Throws when a line is not part of a hunk.
 */
export function parseGithubPatch(patch: string | undefined): PatchLines {
  if (patch === undefined || patch === "") {
    return { addedLines: [], commentableLines: [] };
  }

  const hunks = parseUnifiedDiff(patch, "GitHub patch").flatMap(
    (filePatch) => filePatch.hunks,
  );
  const lines = patch.split("\n");
  const end = lines.at(-1) === "" ? lines.length - 1 : lines.length;
  const stray = findLineOutsideHunks(lines, 0, end, hunks);
  if (stray !== undefined) {
    throw new Error(
      `Invalid GitHub patch: line ${stray + 1} is not part of a hunk ` +
        `(hunks start with "@@ -"): ${quoteLine(lines[stray] ?? "")}`,
    );
  }

  return collectPatchLines(hunks);
}
