import { createHash } from "node:crypto";

import type { Tree } from "./diff-trees.js";

/** The user the app acts as with an installation token. */
export interface User {
  login: string;
  type: "Bot" | "User";
}

export interface Commit {
  sha: string;
  parent?: string;
  tree: Tree;
}

export interface Review {
  id: number;
  user: User;
  body: string;
  state: "PENDING" | "COMMENTED";
  commitId: string;
  submittedAt?: string;
}

export interface ReviewComment {
  id: number;
  reviewId: number;
  user: User;
  body: string;
  path: string;
  line: number;
  startLine?: number;
  commitId: string;
  inReplyToId?: number;
  createdAt: string;
}

export interface PullRequest {
  number: number;
  title: string;
  state: "open" | "closed";
  draft: boolean;
  baseRef: string;
  baseSha: string;
  headRef: string;
  headSha: string;
  /** Every head the pull request had, oldest first. */
  commits: string[];
  /** True when the head branch is in a fork. */
  fork: boolean;
  /** Paths whose patch the files listing leaves out, as for large diffs. */
  omitPatch: Set<string>;
  /**
   * Patches the files listing shows instead of the real diff, to make the
   * app's view of the diff differ from the one GitHub validates against.
   */
  listedPatches: Map<string, string>;
  reviews: Review[];
  comments: ReviewComment[];
  /** Review thread ids, by the id of the thread's first comment. */
  resolvedThreads: Set<number>;
}

export interface CheckRun {
  id: number;
  name: string;
  headSha: string;
  externalId?: string;
  status: string;
  conclusion?: string;
  startedAt?: string;
  completedAt?: string;
  output: {
    title?: string;
    summary?: string;
    text?: string;
    annotations: Record<string, unknown>[];
  };
  /** Number of requests that sent annotations, for the per-request limit. */
  annotationRequests: number[];
}

export interface Repository {
  id: number;
  owner: string;
  name: string;
  defaultBranch: string;
  branches: Map<string, string>;
  commits: Map<string, Commit>;
  pulls: Map<number, PullRequest>;
  checkRuns: CheckRun[];
}

let commitCount = 0;

/**
 * Computes a commit id from its parent, its content and a counter in
 * place of git's commit time, so equal trees get distinct commits.
 */
export function computeSha(parent: string | undefined, tree: Tree): string {
  const hash = createHash("sha1");
  hash.update(`${parent ?? "root"}\0${++commitCount}`);
  for (const [path, text] of [...tree].sort(([a], [b]) => a.localeCompare(b))) {
    hash.update(`\0${path}\0${text}`);
  }
  return hash.digest("hex");
}

/**
 * Finds the merge base of two commits: the first ancestor of `head` that
 * is also an ancestor of `base`, walking first parents.
 */
export function findMergeBase(
  repository: Repository,
  base: string,
  head: string,
): string | undefined {
  const ancestors = new Set<string>();
  for (let sha: string | undefined = base; sha;) {
    ancestors.add(sha);
    sha = repository.commits.get(sha)?.parent;
  }
  for (let sha: string | undefined = head; sha;) {
    if (ancestors.has(sha)) return sha;
    sha = repository.commits.get(sha)?.parent;
  }
  return undefined;
}
