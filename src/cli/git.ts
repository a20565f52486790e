import { execFile } from "node:child_process";
import { promisify } from "node:util";

import { CliError } from "./cli-error.js";

const execFileAsync = promisify(execFile);

/** Large enough for the diff of a 3,000-file change. */
const MAX_GIT_OUTPUT_BYTES = 512 * 1024 * 1024;

/** Runs git in a folder and returns its standard output. */
export async function runGit(
  cwd: string,
  args: readonly string[],
): Promise<string> {
  try {
    const { stdout } = await execFileAsync("git", [...args], {
      cwd,
      maxBuffer: MAX_GIT_OUTPUT_BYTES,
      encoding: "utf8",
    });
    return stdout;
  } catch (error) {
    const details = error as {
      stderr?: string;
      code?: string | number;
      message: string;
    };
    if (details.code === "ENOENT") {
      throw new CliError(
        "git was not found on PATH; install git to use `structra review`.",
      );
    }
    const stderr = details.stderr?.trim() || details.message;
    throw new CliError(`git ${args.join(" ")} failed: ${stderr}`);
  }
}

/** Returns the top folder of the git checkout that contains `cwd`, or undefined outside one. */
export async function findRepositoryRoot(
  cwd: string,
): Promise<string | undefined> {
  try {
    return (await runGit(cwd, ["rev-parse", "--show-toplevel"])).trim();
  } catch {
    return undefined;
  }
}

async function refExists(cwd: string, ref: string): Promise<boolean> {
  try {
    await runGit(cwd, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Picks the base branch as a pull request would: the remote's default
 * branch (`origin/HEAD`), else a local `main` or `master`.
 */
export async function findDefaultBase(cwd: string): Promise<string> {
  try {
    const remoteHead = (
      await runGit(cwd, ["symbolic-ref", "--quiet", "refs/remotes/origin/HEAD"])
    ).trim();
    if (remoteHead) return remoteHead.replace(/^refs\/remotes\//, "");
  } catch {
    // No remote default branch is recorded; fall back to local names.
  }
  for (const candidate of ["main", "master"]) {
    if (await refExists(cwd, candidate)) return candidate;
  }
  throw new CliError(
    "Could not find a base branch: there is no origin/HEAD, main or master. Pass one with --base REF.",
  );
}

export async function resolveCommit(
  cwd: string,
  ref: string,
  option: string,
): Promise<string> {
  if (!(await refExists(cwd, ref))) {
    throw new CliError(
      `${option} ${ref} is not a commit in this repository; pass a branch, tag or commit.`,
    );
  }
  return (await runGit(cwd, ["rev-parse", `${ref}^{commit}`])).trim();
}

export async function findMergeBase(
  cwd: string,
  base: string,
  head: string,
): Promise<string> {
  try {
    return (await runGit(cwd, ["merge-base", base, head])).trim();
  } catch {
    throw new CliError(
      `${base} and ${head} have no common ancestor; pass a related branch with --base.`,
    );
  }
}

/** Returns `git diff` from a commit to another commit, or to the working tree when `head` is undefined. */
export async function readDiff(
  cwd: string,
  from: string,
  head: string | undefined,
): Promise<string> {
  // Fixed prefixes and no external diff tools, whatever the user's git configuration sets.
  const args = [
    "diff",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "-M",
    "-U3",
    "--src-prefix=a/",
    "--dst-prefix=b/",
    from,
  ];
  if (head) args.push(head);
  return runGit(cwd, args);
}

/** Lists untracked files that git does not ignore, relative to the repository root. */
export async function listUntrackedFiles(cwd: string): Promise<string[]> {
  const output = await runGit(cwd, [
    "ls-files",
    "--others",
    "--exclude-standard",
    "-z",
  ]);
  return output.split("\0").filter((path) => path.length > 0);
}

/** Reads a file's content at a commit. */
export async function readFileAtCommit(
  cwd: string,
  commit: string,
  path: string,
): Promise<string> {
  return runGit(cwd, ["show", `${commit}:${path}`]);
}
