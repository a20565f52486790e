import { diffTrees, type DiffFile } from "./diff-trees.js";
import {
  fail,
  notFound,
  type FakeResponse,
  type RouteContext,
  type RouteHandler,
} from "./http-types.js";
import { paginate } from "./paginate.js";
import type { PullRequest, Repository, ReviewComment } from "./state.js";
import { commentJson, pullJson, reviewJson } from "./to-json.js";

/** GitHub's limits, as documented for the REST endpoints served here. */
export const MAX_LISTED_FILES = 3000;
const MAX_BODY_LENGTH = 65_536;

const LINE_OUTSIDE_DIFF =
  "pull_request_review_thread.line must be part of the diff";
const START_LINE_OUTSIDE_HUNK =
  "pull_request_review_thread.start_line must be part of the same hunk as the line.";
const ONE_PENDING_REVIEW =
  "User can only have one pending review per pull request";

type PullHandler = (
  context: RouteContext,
  repository: Repository,
  pull: PullRequest,
) => FakeResponse;

/** Resolves the repository and pull request of a route, or responds 404. */
function withPull(handler: PullHandler): RouteHandler {
  return (context) => {
    const { owner, repo, pull_number: number } = context.params;
    const repository = context.getRepository(owner ?? "", repo ?? "");
    const pull = repository?.pulls.get(Number(number));
    if (!repository || !pull) return notFound();
    return handler(context, repository, pull);
  };
}

/** Diffs by pull request and commit; commits never change. */
const diffCache = new WeakMap<PullRequest, Map<string, DiffFile[]>>();

/** Files of the pull request at a commit, diffed against its base. */
export function listPullFiles(
  repository: Repository,
  pull: PullRequest,
  commitSha = pull.headSha,
): DiffFile[] {
  const cache = diffCache.get(pull) ?? new Map<string, DiffFile[]>();
  diffCache.set(pull, cache);
  const cached = cache.get(commitSha);
  if (cached) return cached;

  const base = repository.commits.get(pull.baseSha);
  const head = repository.commits.get(commitSha);
  if (!base || !head) return [];
  const files = diffTrees(base.tree, head.tree, pull.omitPatch);
  cache.set(commitSha, files);
  return files;
}

export const getPull = withPull((_context, repository, pull) => ({
  status: 200,
  body: pullJson(repository, pull),
}));

export const listPulls: RouteHandler = (context) => {
  const { owner, repo } = context.params;
  const repository = context.getRepository(owner ?? "", repo ?? "");
  if (!repository) return notFound();
  const state = context.query.get("state") ?? "open";
  const pulls = [...repository.pulls.values()]
    .filter((pull) => state === "all" || pull.state === state)
    .map((pull) => pullJson(repository, pull));
  return paginate(context, `/repos/${owner}/${repo}/pulls`, pulls);
};

/** Lists the files, at most 3,000, as GitHub does. */
export const listFiles = withPull((context, repository, pull) => {
  const files = listPullFiles(repository, pull)
    .slice(0, MAX_LISTED_FILES)
    .map(({ hunks: _hunks, ...file }) => {
      const patch = pull.listedPatches.get(file.filename);
      return {
        sha: "0".repeat(40),
        ...file,
        ...(patch === undefined ? {} : { patch }),
      };
    });
  return paginate(
    context,
    `/repos/${repository.owner}/${repository.name}/pulls/${pull.number}/files`,
    files,
  );
});

/**
 * Lists the review comments. Comments of a pending review are listed to
 * their author too, so the app must not take them for posted ones.
 */
export const listComments = withPull((context, repository, pull) =>
  paginate(
    context,
    `/repos/${repository.owner}/${repository.name}/pulls/${pull.number}/comments`,
    pull.comments
      .filter((comment) => isVisible(pull, comment.reviewId, context))
      .map(commentJson),
  ),
);

/** Lists the reviews; a pending one only to its author. */
export const listReviews = withPull((context, repository, pull) =>
  paginate(
    context,
    `/repos/${repository.owner}/${repository.name}/pulls/${pull.number}/reviews`,
    pull.reviews
      .filter((review) => isVisible(pull, review.id, context))
      .map(reviewJson),
  ),
);

export const getReview = withPull((context, _repository, pull) => {
  const review = findReview(pull, context);
  return review ? { status: 200, body: reviewJson(review) } : notFound();
});

/**
 * Creates a review, pending without `event`. Enforces one pending review
 * per user, and rejects a comment outside the diff of its commit with
 * GitHub's 422, which does not say which comment is at fault.
 */
export const createReview = withPull((context, repository, pull) => {
  const { body } = context;
  const user = context.user;
  if (
    pull.reviews.some(
      (review) =>
        review.state === "PENDING" && review.user.login === user.login,
    )
  ) {
    return fail(422, "Unprocessable Entity", [ONE_PENDING_REVIEW]);
  }
  const commitId = String(body.commit_id ?? pull.headSha);
  if (!pull.commits.includes(commitId)) {
    return fail(422, "Unprocessable Entity", [
      "commit_id is not part of the pull request",
    ]);
  }
  const text = String(body.body ?? "");
  const drafts = (body.comments ?? []) as Record<string, unknown>[];
  const invalid = validateComments(repository, pull, commitId, text, drafts);
  if (invalid !== undefined)
    return fail(422, "Unprocessable Entity", [invalid]);

  const event = body.event as string | undefined;
  if (event !== undefined && event !== "COMMENT") {
    return fail(422, `Unsupported event in this fake: ${event}`);
  }
  const now = new Date().toISOString();
  const review = {
    id: context.nextId(),
    user,
    body: text,
    state: event === "COMMENT" ? ("COMMENTED" as const) : ("PENDING" as const),
    commitId,
    ...(event === "COMMENT" ? { submittedAt: now } : {}),
  };
  pull.reviews.push(review);
  for (const draft of drafts) {
    pull.comments.push({
      id: context.nextId(),
      reviewId: review.id,
      user,
      body: String(draft.body),
      path: String(draft.path),
      line: Number(draft.line),
      ...(draft.start_line === undefined
        ? {}
        : { startLine: Number(draft.start_line) }),
      commitId,
      createdAt: now,
    });
  }
  return { status: 200, body: reviewJson(review) };
});

export const submitReview = withPull((context, _repository, pull) => {
  const review = findReview(pull, context);
  if (!review) return notFound();
  if (review.state !== "PENDING") {
    return fail(422, "Unprocessable Entity", [
      "Can not submit a non-pending review",
    ]);
  }
  if (context.body.event !== "COMMENT") {
    return fail(
      422,
      `Unsupported event in this fake: ${String(context.body.event)}`,
    );
  }
  review.state = "COMMENTED";
  review.submittedAt = new Date().toISOString();
  if (typeof context.body.body === "string") review.body = context.body.body;
  return { status: 200, body: reviewJson(review) };
});

export const deleteReview = withPull((context, _repository, pull) => {
  const review = findReview(pull, context);
  if (!review) return notFound();
  if (review.state !== "PENDING") {
    return fail(422, "Unprocessable Entity", [
      "Can not delete a non-pending pull request review",
    ]);
  }
  pull.reviews = pull.reviews.filter((entry) => entry !== review);
  pull.comments = pull.comments.filter(
    (comment) => comment.reviewId !== review.id,
  );
  return { status: 200, body: reviewJson(review) };
});

function findReview(pull: PullRequest, context: RouteContext) {
  const id = Number(context.params.review_id);
  return isVisible(pull, id, context)
    ? pull.reviews.find((review) => review.id === id)
    : undefined;
}

/** Tells whether a review is visible: a pending one only to its author. */
function isVisible(
  pull: PullRequest,
  reviewId: number,
  context: RouteContext,
): boolean {
  const review = pull.reviews.find((entry) => entry.id === reviewId);
  if (!review) return false;
  return review.state !== "PENDING" || review.user.login === context.user.login;
}

function validateComments(
  repository: Repository,
  pull: PullRequest,
  commitId: string,
  body: string,
  drafts: readonly Record<string, unknown>[],
): string | undefined {
  if (body.length > MAX_BODY_LENGTH) {
    return `Body is too long (maximum is ${MAX_BODY_LENGTH} characters)`;
  }
  const files = new Map(
    listPullFiles(repository, pull, commitId).map((file) => [
      file.filename,
      file,
    ]),
  );
  for (const draft of drafts) {
    if (String(draft.body ?? "").length > MAX_BODY_LENGTH) {
      return `Body is too long (maximum is ${MAX_BODY_LENGTH} characters)`;
    }
    const file = files.get(String(draft.path));
    if (!file) return "Path could not be resolved";
    if (draft.side !== undefined && draft.side !== "RIGHT") {
      return `Unsupported side in this fake: ${String(draft.side)}`;
    }
    const line = Number(draft.line);
    const hunk = file.hunks.find((lines) => lines.includes(line));
    if (!hunk) return LINE_OUTSIDE_DIFF;
    if (draft.start_line !== undefined) {
      const startLine = Number(draft.start_line);
      if (startLine >= line || !hunk.includes(startLine)) {
        return START_LINE_OUTSIDE_HUNK;
      }
    }
  }
  return undefined;
}

/** Adds a reply to a review comment, as a person would on GitHub. */
export function addReply(
  pull: PullRequest,
  commentId: number,
  reply: Pick<ReviewComment, "id" | "user" | "body">,
): ReviewComment {
  const parent = pull.comments.find((comment) => comment.id === commentId);
  if (!parent) throw new Error(`no review comment ${commentId}`);
  const reviewId = reply.id + 1_000_000;
  pull.reviews.push({
    id: reviewId,
    user: reply.user,
    body: "",
    state: "COMMENTED",
    commitId: parent.commitId,
    submittedAt: new Date().toISOString(),
  });
  const comment: ReviewComment = {
    ...reply,
    reviewId,
    path: parent.path,
    line: parent.line,
    commitId: parent.commitId,
    inReplyToId: parent.id,
    createdAt: new Date().toISOString(),
  };
  pull.comments.push(comment);
  return comment;
}
