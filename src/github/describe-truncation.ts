import { MAX_COMPARED_FILES, MAX_LISTED_FILES } from "./github-limits.js";

/**
 * Explains a partial review: GitHub listed only the first files of a pull
 * request, or of the comparison behind a merge group.
 */
export function describeTruncation(listing: "pull" | "compare"): string {
  if (listing === "compare") {
    const limit = MAX_COMPARED_FILES.toLocaleString("en-US");
    return `GitHub compares at most ${limit} files of two commits, so files after the first ${limit} of this merge group were not reviewed.`;
  }
  const limit = MAX_LISTED_FILES.toLocaleString("en-US");
  return `GitHub lists at most ${limit} files of a pull request, so files after the first ${limit} were not reviewed.`;
}
