/**
 * Removes git's "a/" or "b/" path prefix from a path that parsePatch read
 * from a header. Returns undefined for "/dev/null", which git writes in the
 * "---" line of an added file and the "+++" line of a removed one. Throws
 * when the prefix is missing, as it is when git runs with `diff.noprefix` or
 * `diff.mnemonicPrefix` set, since the path cannot be recovered then.
 */
export function stripGitPrefix(
  fileName: string,
  prefix: "a/" | "b/",
  headerLine: number,
): string | undefined {
  if (fileName === "/dev/null") return undefined;
  if (fileName.startsWith(prefix)) return fileName.slice(prefix.length);

  throw new Error(
    `Invalid git diff: the path ${JSON.stringify(fileName)} in the file ` +
      `starting at line ${headerLine} lacks the "${prefix}" prefix. Run ` +
      `git diff with --src-prefix=a/ --dst-prefix=b/`,
  );
}
