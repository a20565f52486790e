export type FileStatus =
  "added" | "modified" | "removed" | "renamed" | "copied";

/** One file of a diff, with the new-file lines that matter for a review. */
export interface ChangedFile {
  /** Path in the new tree, or the old path for a removed file. */
  path: string;
  /** Path in the old tree, set for renames and copies only. */
  previousPath?: string;
  status: FileStatus;
  binary: boolean;
  /** 1-based new-file line numbers of added lines, ascending, unique. */
  addedLines: number[];
  /**
   * 1-based new-file line numbers that GitHub accepts a review comment on:
   * the added and context lines of every hunk, ascending, unique.
   */
  commentableLines: number[];
}

/** Added and commentable new-file lines of one file's hunks. */
export interface PatchLines {
  addedLines: number[];
  commentableLines: number[];
}
