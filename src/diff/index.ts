export type { ChangedFile, FileStatus, PatchLines } from "./changed-file.js";
export { diffFilesFromContents } from "./changed-lines.js";
export { parseGitDiff } from "./parse-git-diff.js";
export { parseGithubPatch } from "./parse-github-patch.js";
