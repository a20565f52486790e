import type { ProbotOctokit } from "probot";

import { parseMarkers } from "../reporters/marker.js";
import { MAX_GRAPHQL_PAGE } from "./github-limits.js";
import type { ReviewComment } from "./list-review-comments.js";
import type { PullRequestJob } from "./pull-request-job.js";

/** Comments read per thread; a thread with more has replies anyway. */
const COMMENTS_PER_THREAD = 20;

/** Threads resolved per GraphQL mutation; our own bound. */
const RESOLUTIONS_PER_MUTATION = 25;

export interface FixedFindingCheck {
  /** Fingerprints of the findings of this run. */
  current: ReadonlySet<string>;
  /** True when this run determined all findings of the path. */
  isSettled: (path: string) => boolean;
}

interface ReviewThread {
  id: string;
  isResolved: boolean;
  comments: {
    totalCount: number;
    nodes: { body: string; author: { login: string } | null }[];
  };
}

type ThreadsResponse = {
  repository: {
    pullRequest: {
      reviewThreads: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: ReviewThread[];
      };
    } | null;
  } | null;
};

const THREADS_QUERY = `query ($owner: String!, $repo: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      reviewThreads(first: ${MAX_GRAPHQL_PAGE}, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes {
          id
          isResolved
          comments(first: ${COMMENTS_PER_THREAD}) {
            totalCount
            nodes { body author { login } }
          }
        }
      }
    }
  }
}`;

/**
 * Resolves the review threads of findings that are gone: their path was
 * settled by this run and their fingerprint is not among its findings.
 * Threads with a reply by anyone but the app stay open for the people in
 * them, and threads of findings still present are left as they are.
 * Returns the number of threads resolved. Reads the threads only when
 * some commented finding is gone, so most runs make no GraphQL request.
 */
export async function resolveFixedThreads(
  octokit: ProbotOctokit,
  job: PullRequestJob,
  comments: readonly ReviewComment[],
  check: FixedFindingCheck,
): Promise<number> {
  const fixed = new Set<string>();
  for (const comment of comments) {
    if (comment.inReplyToId !== undefined) continue;
    if (!check.isSettled(comment.path)) continue;
    for (const fingerprint of parseMarkers(comment.body)) {
      if (!check.current.has(fingerprint)) fixed.add(fingerprint);
    }
  }
  if (fixed.size === 0) return 0;

  const threads = await listReviewThreads(octokit, job);
  const resolvable = threads.filter(
    (thread) => !thread.isResolved && isFixedAppThread(thread, fixed),
  );
  for (let start = 0; start < resolvable.length;) {
    const end = start + RESOLUTIONS_PER_MUTATION;
    await resolveThreads(octokit, resolvable.slice(start, end));
    start = end;
  }
  return resolvable.length;
}

/**
 * True when the thread starts with a comment marking a fixed finding and
 * every comment in it is by that comment's author, the app.
 */
function isFixedAppThread(
  thread: ReviewThread,
  fixed: ReadonlySet<string>,
): boolean {
  const [first, ...replies] = thread.comments.nodes;
  if (first === undefined) return false;
  if (!parseMarkers(first.body).some((fingerprint) => fixed.has(fingerprint))) {
    return false;
  }
  if (thread.comments.totalCount > thread.comments.nodes.length) return false;
  const author = first.author?.login;
  return replies.every((reply) => reply.author?.login === author);
}

async function listReviewThreads(
  octokit: ProbotOctokit,
  job: PullRequestJob,
): Promise<ReviewThread[]> {
  const threads: ReviewThread[] = [];
  let cursor: string | null = null;
  do {
    const response: ThreadsResponse = await octokit.graphql<ThreadsResponse>(
      THREADS_QUERY,
      { owner: job.owner, repo: job.repo, number: job.pullNumber, cursor },
    );
    const connection = response.repository?.pullRequest?.reviewThreads;
    if (!connection) break;
    threads.push(...connection.nodes);
    cursor = connection.pageInfo.hasNextPage
      ? connection.pageInfo.endCursor
      : null;
  } while (cursor !== null);
  return threads;
}

/** Resolves the threads in one mutation, one aliased field each. */
async function resolveThreads(
  octokit: ProbotOctokit,
  threads: readonly ReviewThread[],
): Promise<void> {
  const parameters = threads.map((_, index) => `$t${index}: ID!`);
  const fields = threads.map(
    (_, index) =>
      `  r${index}: resolveReviewThread(input: { threadId: $t${index} }) { thread { id isResolved } }`,
  );
  const variables = Object.fromEntries(
    threads.map((thread, index) => [`t${index}`, thread.id]),
  );
  await octokit.graphql(
    [`mutation (${parameters.join(", ")}) {`, ...fields, "}"].join("\n"),
    variables,
  );
}
