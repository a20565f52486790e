import { isBinary } from "./diff-trees.js";
import type { FakeResponse } from "./http-types.js";
import type { PullRequest, Repository, ReviewComment } from "./state.js";

/** The GraphQL operations the fake serves, named by their root field. */
export type GraphqlOperation =
  "blobs" | "reviewThreads" | "resolveReviewThread";

export interface GraphqlRequest {
  query: string;
  variables: Record<string, unknown>;
}

/** Repositories by `owner/name`. */
type Repositories = ReadonlyMap<string, Repository>;

/** Tells which operation a query is, or undefined for one not served. */
export function classifyGraphql(query: string): GraphqlOperation | undefined {
  if (/\bresolveReviewThread\s*\(/.test(query)) return "resolveReviewThread";
  if (/\breviewThreads\s*\(/.test(query)) return "reviewThreads";
  if (/\bobject\s*\(\s*expression:/.test(query)) return "blobs";
  return undefined;
}

/**
 * Responds to a GraphQL request. Only the query shapes the app sends are
 * understood: aliased blob lookups, a pull request's review threads, and
 * aliased thread resolutions.
 */
export function answerGraphql(
  request: GraphqlRequest,
  repositories: Repositories,
): FakeResponse {
  switch (classifyGraphql(request.query)) {
    case "blobs":
      return answerBlobs(request, repositories);
    case "reviewThreads":
      return answerThreads(request, repositories);
    case "resolveReviewThread":
      return answerResolve(request, repositories);
    default:
      return {
        status: 200,
        body: { errors: [{ message: "This fake does not serve the query" }] },
      };
  }
}

function findRepository(
  request: GraphqlRequest,
  repositories: Repositories,
): Repository | undefined {
  const { owner, repo } = request.variables;
  return repositories.get(`${String(owner)}/${String(repo)}`);
}

function answerBlobs(
  request: GraphqlRequest,
  repositories: Repositories,
): FakeResponse {
  const repository = findRepository(request, repositories);
  if (!repository) return { status: 200, body: { data: { repository: null } } };

  const data: Record<string, unknown> = {};
  const lookups = request.query.matchAll(
    /(\w+):\s*object\(expression:\s*\$(\w+)\)/g,
  );
  for (const [, alias, variable] of lookups) {
    const expression = String(request.variables[variable as string]);
    const separator = expression.indexOf(":");
    const commit = repository.commits.get(expression.slice(0, separator));
    const text = commit?.tree.get(expression.slice(separator + 1));
    data[alias as string] =
      text === undefined
        ? null
        : {
            text: isBinary(text) ? null : text,
            byteSize: Buffer.byteLength(text),
            isBinary: isBinary(text),
            isTruncated: false,
          };
  }
  return { status: 200, body: { data: { repository: data } } };
}

function answerThreads(
  request: GraphqlRequest,
  repositories: Repositories,
): FakeResponse {
  const repository = findRepository(request, repositories);
  const pull = repository?.pulls.get(Number(request.variables.number));
  if (!repository || !pull) {
    return { status: 200, body: { data: { repository: null } } };
  }
  const pageSize = Number(
    /reviewThreads\(first:\s*(\d+)/.exec(request.query)?.[1] ?? 100,
  );
  const commentsPerThread = Number(
    /comments\(first:\s*(\d+)/.exec(request.query)?.[1] ?? 100,
  );
  const start = Number(request.variables.cursor ?? 0);
  const threads = listThreads(pull);
  const page = threads.slice(start, start + pageSize);
  const end = start + page.length;
  return {
    status: 200,
    body: {
      data: {
        repository: {
          pullRequest: {
            reviewThreads: {
              pageInfo: {
                hasNextPage: end < threads.length,
                endCursor: page.length > 0 ? String(end) : null,
              },
              nodes: page.map((thread) => ({
                id: threadId(thread[0] as ReviewComment),
                isResolved: pull.resolvedThreads.has(
                  (thread[0] as ReviewComment).id,
                ),
                comments: {
                  totalCount: thread.length,
                  nodes: thread.slice(0, commentsPerThread).map((comment) => ({
                    body: comment.body,
                    author: { login: comment.user.login },
                  })),
                },
              })),
            },
          },
        },
      },
    },
  };
}

function answerResolve(
  request: GraphqlRequest,
  repositories: Repositories,
): FakeResponse {
  const data: Record<string, unknown> = {};
  const errors: unknown[] = [];
  const fields = request.query.matchAll(
    /(\w+):\s*resolveReviewThread\(input:\s*\{\s*threadId:\s*\$(\w+)\s*\}\)/g,
  );
  for (const [, alias, variable] of fields) {
    const id = String(request.variables[variable as string]);
    const found = findThread(id, repositories);
    if (!found) {
      data[alias as string] = null;
      errors.push({
        type: "NOT_FOUND",
        path: [alias],
        message: `Could not resolve to a node with the global id of '${id}'`,
      });
      continue;
    }
    found.pull.resolvedThreads.add(found.firstCommentId);
    data[alias as string] = { thread: { id, isResolved: true } };
  }
  return {
    status: 200,
    body: errors.length > 0 ? { data, errors } : { data },
  };
}

/** Groups the submitted review comments into threads, oldest first. */
export function listThreads(pull: PullRequest): ReviewComment[][] {
  const submitted = pull.comments.filter((comment) =>
    pull.reviews.some(
      (review) => review.id === comment.reviewId && review.state !== "PENDING",
    ),
  );
  return submitted
    .filter((comment) => comment.inReplyToId === undefined)
    .map((first) => [
      first,
      ...submitted.filter((comment) => comment.inReplyToId === first.id),
    ]);
}

export function threadId(first: ReviewComment): string {
  return `PRRT_${first.id}`;
}

/** Finds the repository and pull request of a review thread id. */
export function findThread(id: string, repositories: Repositories) {
  const match = /^PRRT_(\d+)$/.exec(id);
  if (!match) return undefined;
  const firstCommentId = Number(match[1]);
  // Thread ids are unique across the fake, so search every repository.
  for (const repository of repositories.values()) {
    for (const pull of repository.pulls.values()) {
      if (pull.comments.some((comment) => comment.id === firstCommentId)) {
        return { repository, pull, firstCommentId };
      }
    }
  }
  return undefined;
}
